-- Correlation looks indicators up by normalised value and type together (one index seek per
-- indicator, however many operations there are); the old single-column index is its prefix.
create index ix_indicator_lookup on indicator (normalized_value, type);
drop index ix_indicator_normalized;
