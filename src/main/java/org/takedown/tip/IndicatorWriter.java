package org.takedown.tip;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.takedown.tip.TipService.IndicatorKey;

/**
 * Stores a tip's indicators in batches of JDBC inserts, in the caller's transaction: one statement per thousand rows
 * rather than one per indicator (the ids are the database's identity column, which keeps JPA from batching). The ids
 * are then read back in one query by the tip's id and each indicator's type and normalised value, which are unique
 * within a tip (intake keeps the first of equal ones), so the placements are written for the right rows.
 */
@Component
class IndicatorWriter {

  static final int BATCH = 1_000;
  private static final String TYPED = "insert into indicator (operation_id, tip_id, type, indicator_value, normalized_value)"
      + " values (?, ?, ?, ?, ?)";
  private static final String PATTERN = "insert into indicator (operation_id, tip_id, type, indicator_value, normalized_value,"
      + " pattern_type, pattern, stix_id, indicator_name) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final JdbcTemplate jdbc;

  IndicatorWriter(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The providers the vendor stated for some of the tip's indicators, in batches. */
  void providers(Map<IndicatorKey, String> providers, Map<IndicatorKey, Long> ids) {
    List<Object[]> rows = new ArrayList<>();
    providers.forEach((key, provider) -> rows.add(new Object[] {provider, ids.get(key)}));
    for (int from = 0; from < rows.size(); from += BATCH) {
      jdbc.batchUpdate("update indicator set provider = ? where id = ?", rows.subList(from, Math.min(rows.size(), from + BATCH)));
    }
  }

  /** The typed indicators of a tip (key → the value as sent), in their order; returns each key's new id. */
  Map<IndicatorKey, Long> typed(long operationId, long tipId, Map<IndicatorKey, String> indicators) {
    List<Object[]> rows = new ArrayList<>(Math.min(BATCH, indicators.size()));
    for (Map.Entry<IndicatorKey, String> entry : indicators.entrySet()) {
      rows.add(new Object[] {operationId, tipId, entry.getKey().type().id(), entry.getValue(), entry.getKey().normalized()});
      if (rows.size() == BATCH) {
        jdbc.batchUpdate(TYPED, rows);
        rows.clear();
      }
    }
    if (!rows.isEmpty()) {
      jdbc.batchUpdate(TYPED, rows);
    }
    Map<String, IndicatorType> types = new HashMap<>();
    indicators.keySet().forEach(key -> types.putIfAbsent(key.type().id(), key.type()));
    Map<IndicatorKey, Long> ids = new HashMap<>(indicators.size() * 4 / 3 + 1);
    // By the operation's index: the operation was opened in this transaction, so its indicators are this tip's.
    jdbc.query("select id, type, normalized_value from indicator where operation_id = ? and tip_id = ? and type <> ?", row -> {
      IndicatorType type = types.get(row.getString(2));
      if (type != null) {
        ids.put(new IndicatorKey(type, row.getString(3)), row.getLong(1));
      }
    }, operationId, tipId, Indicator.PATTERN);
    if (ids.size() != indicators.size()) {
      throw new IllegalStateException("Stored " + indicators.size() + " indicators of tip " + tipId + " but read back " + ids.size());
    }
    return ids;
  }

  /**
   * The pattern indicators of a tip, kept whole (as {@link Indicator#Indicator(org.takedown.operation.Operation, Tip, PatternIndicator)});
   * their ids, for the placements.
   */
  List<Long> patterns(long operationId, long tipId, List<PatternIndicator> patterns) {
    for (int from = 0; from < patterns.size(); from += BATCH) {
      jdbc.batchUpdate(PATTERN, patterns.subList(from, Math.min(patterns.size(), from + BATCH)).stream().map(p -> new Object[] {
          operationId, tipId, Indicator.PATTERN, PatternIndicator.opening(p.pattern(), Indicator.VALUE_LENGTH), p.normalized(),
          p.patternType(), p.pattern(), p.stixId(), p.name()}).toList());
    }
    return patterns.isEmpty() ? List.of()
        : jdbc.queryForList("select id from indicator where operation_id = ? and tip_id = ? and type = ? order by id", Long.class,
            operationId, tipId, Indicator.PATTERN);
  }
}
