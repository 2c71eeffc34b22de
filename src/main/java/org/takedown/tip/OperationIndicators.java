package org.takedown.tip;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.security.Disclosure;
import org.takedown.security.OperationAccess;

/**
 * An operation's indicators as one reader may see them (need to know: a unit only those routed to the countries it was
 * asked about), each statement under the one condition of {@link OperationAccess#indicators}. In one statement
 * whatever their number: an operation may hold tens of thousands.
 */
@Service
public class OperationIndicators {

  private final NamedParameterJdbcTemplate jdbc;

  OperationIndicators(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** What the reader is given of the operation's indicators: those it sees, in the order received, and the operation's total. */
  public record Seen(List<IndicatorEntry> entries, long total) {

    public long count() {
      return entries.size();
    }
  }

  /** Every indicator the reader sees, typed values and pattern indicators alike, in the order received. */
  @Transactional(readOnly = true)
  public List<IndicatorEntry> entries(String reference, Disclosure reader) {
    return entries(reference, reader, Integer.MAX_VALUE);
  }

  /** The first {@code limit} indicators the reader sees, in the order received. */
  @Transactional(readOnly = true)
  public List<IndicatorEntry> entries(String reference, Disclosure reader, int limit) {
    OperationAccess.IndicatorRule rule = OperationAccess.indicators(reader);
    Map<String, Object> params = new HashMap<>(rule.params());
    params.put("reference", reference);
    params.put("limit", limit);
    return jdbc.query("select i.id, i.type, i.indicator_value, i.normalized_value, i.pattern_type, i.pattern, i.indicator_name, i.stix_id,"
        + " i.provider from indicator i join operation o on o.id = i.operation_id where o.reference = :reference and " + rule.condition()
        + " order by i.id" + (limit == Integer.MAX_VALUE ? "" : " limit :limit"), params, (rs, n) -> new IndicatorEntry(rs.getLong("id"), rs.getString("type"), rs.getString("indicator_value"),
            rs.getString("normalized_value"), rs.getString("pattern_type"), rs.getString("pattern"), rs.getString("indicator_name"),
            rs.getString("stix_id"), rs.getString("provider")));
  }

  /** The indicators the reader sees, with the operation's total (counted only where it differs). */
  @Transactional(readOnly = true)
  public Seen seen(String reference, Disclosure reader) {
    List<IndicatorEntry> entries = entries(reference, reader);
    return new Seen(entries, reader.seesAllIndicators() ? entries.size() : total(reference));
  }

  /** How many indicators the reader sees, and the operation holds, in one statement. */
  @Transactional(readOnly = true)
  public Counts counts(String reference, Disclosure reader) {
    OperationAccess.IndicatorRule rule = OperationAccess.indicators(reader);
    Map<String, Object> params = new HashMap<>(rule.params());
    params.put("reference", reference);
    return jdbc.queryForObject("select count(case when " + rule.condition() + " then 1 end), count(*)"
        + " from indicator i join operation o on o.id = i.operation_id where o.reference = :reference", params,
        (rs, n) -> new Counts(rs.getLong(1), rs.getLong(2)));
  }

  public record Counts(long seen, long total) {}

  /** An indicator routed to a country, with what the unit's requests to providers are grouped by. */
  public record Routed(long id, String type, String value, String normalizedValue, String provider) {}

  /**
   * The typed indicators a unit sees of the operation (those routed to its country, by the one rule of
   * {@link OperationAccess#indicators}), with their providers, in one statement whatever their number.
   */
  @Transactional(readOnly = true)
  public List<Routed> routed(org.takedown.operation.Operation operation, String country) {
    OperationAccess.IndicatorRule rule = OperationAccess.indicators(OperationAccess.forUnit(operation, country));
    Map<String, Object> params = new HashMap<>(rule.params());
    params.put("operation", operation.getId());
    params.put("pattern", Indicator.PATTERN);
    return jdbc.query("select i.id, i.type, i.indicator_value, i.normalized_value, i.provider from indicator i where i.operation_id = :operation"
        + " and i.type <> :pattern and " + rule.condition() + " order by i.id", params, (rs, n) -> new Routed(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5)));
  }

  /** How many indicators the operation holds, whoever reads them. */
  @Transactional(readOnly = true)
  public long total(String reference) {
    Long n = jdbc.queryForObject("select count(*) from indicator i join operation o on o.id = i.operation_id where o.reference = :reference",
        Map.of("reference", reference), Long.class);
    return n == null ? 0 : n;
  }
}
