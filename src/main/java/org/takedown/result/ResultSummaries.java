package org.takedown.result;

import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.AssignmentRequested;

/**
 * Each operation's figures kept added up (result_summary, result_time), so that a programme of a thousand operations
 * and a million results is read from a few thousand rows, not counted again at each view. Written in the transaction
 * of what changes them: a unit first asked (the routing is settled then) and each report. The same rules as
 * {@link ResultFigures}: each indicator counted once per operation, each country its own; times in the buckets the
 * pages show them at (minutes under a day, hours above).
 */
@Service
public class ResultSummaries {

  /** The second a time is kept at: its minute under a day, its hour above (what Durations.human shows). */
  static String bucket(String column) {
    return "case when " + column + " < 86400 then ((" + column + " + 30) / 60) * 60 else (" + column + " / 3600) * 3600 end";
  }

  private static final String ROUTED = " and not exists (select 1 from indicator_unrouted u where u.indicator_id = i.id)";

  /** Per indicator once: reported if any country reported on it, taken down if any took it down. Per vendor: the organisation whose tip brought it. */
  private static final String PER_INDICATOR = " from indicator i join tip t on t.id = i.tip_id"
      + " left join (select r.indicator_id, max(case when r.positive then 1 else 0 end) as positive from indicator_result r"
      + " where r.operation_id = :operation group by r.indicator_id) rr on rr.indicator_id = i.id"
      + " where i.operation_id = :operation and exists (select 1 from indicator_country ic where ic.indicator_id = i.id)" + ROUTED;

  private static final List<String> REFRESH = List.of(
      "delete from result_summary where operation_id = :operation",
      "delete from result_time where operation_id = :operation",
      "insert into result_summary (operation_id, dimension, item, routed, reported, positive)"
          + " select :operation, 'COUNTRY', ic.country, count(*), count(r.indicator_id), coalesce(sum(case when r.positive then 1 else 0 end), 0)"
          + " from indicator i join indicator_country ic on ic.indicator_id = i.id"
          + " left join indicator_result r on r.indicator_id = ic.indicator_id and r.country = ic.country"
          + " where i.operation_id = :operation" + ROUTED + " group by ic.country",
      "insert into result_summary (operation_id, dimension, item, routed, reported, positive)"
          + " select :operation, 'TYPE', i.type, count(*), count(rr.indicator_id), coalesce(sum(rr.positive), 0)" + PER_INDICATOR + " group by i.type",
      // Per contributing vendor organisation: an indicator two of them reported counts for both (indicator_report).
      "insert into result_summary (operation_id, dimension, item, routed, reported, positive)"
          + " select :operation, 'VENDOR', c.organisation" + ResultFigures.PER_CONTRIBUTOR_COUNTS
          + " from indicator i join indicator_report ir on ir.indicator_id = i.id join operation_contributor c on c.id = ir.contributor_id"
          + " left join (select r.indicator_id, max(case when r.positive then 1 else 0 end) as positive from indicator_result r"
          + " where r.operation_id = :operation group by r.indicator_id) rr on rr.indicator_id = i.id"
          + " where i.operation_id = :operation and exists (select 1 from indicator_country ic where ic.indicator_id = i.id)" + ROUTED
          + " group by c.organisation",
      "insert into result_summary (operation_id, dimension, item, routed, reported, positive)"
          + " select :operation, 'STATUS', r.status, count(*), count(*), coalesce(sum(case when r.positive then 1 else 0 end), 0)"
          + " from indicator_result r where r.operation_id = :operation group by r.status",
      "insert into result_time (operation_id, country, measure, seconds, results)"
          + " select :operation, r.country, 'FIRST_ACTION', " + bucket("r.first_action_seconds") + ", count(*)"
          + " from indicator_result r where r.operation_id = :operation group by r.country, " + bucket("r.first_action_seconds"),
      "insert into result_time (operation_id, country, measure, seconds, results)"
          + " select :operation, r.country, 'TAKEDOWN', " + bucket("r.takedown_seconds") + ", count(*)"
          + " from indicator_result r where r.operation_id = :operation and r.takedown_seconds is not null"
          + " group by r.country, " + bucket("r.takedown_seconds"));

  private final NamedParameterJdbcTemplate jdbc;
  private volatile String lock;

  ResultSummaries(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  private String lock() {
    if (lock == null) {
      String database = jdbc.getJdbcTemplate().execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
      lock = "PostgreSQL".equals(database) ? "for no key update" : "for update";
    }
    return lock;
  }

  /** Counts the operation's figures again, in the caller's transaction. */
  @Transactional
  public void refresh(long operationId) {
    Map<String, Object> params = Map.of("operation", operationId);
    // Two countries' reports (or first requests) at once would both rewrite the sums: the second waits for the first.
    // On PostgreSQL "no key update", which does not wait for the key-share locks that rows referencing the operation
    // (notices, documents) hold in the other transaction: "for update" would deadlock with them.
    jdbc.queryForList("select id from operation where id = :operation " + lock(), params, Long.class);
    REFRESH.forEach(sql -> jdbc.update(sql, params));
  }

  /** A unit asked: the operation's routing is settled, and its indicators now count as routed in its period. */
  @EventListener
  void asked(AssignmentRequested event) {
    if (!event.reminder()) {
      Long id = jdbc.queryForObject("select id from operation where reference = :reference", Map.of("reference", event.reference()), Long.class);
      refresh(id);
    }
  }
}
