package org.takedown.tip;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who reported which indicator of an operation (tables operation_contributor and indicator_report), written in a few
 * insert … select statements whatever the number of indicators (a tip may hold 50,000), in the caller's transaction.
 */
@Component
class ContributionWriter {

  private final JdbcTemplate jdbc;
  private final IndicatorPlacements placements;

  ContributionWriter(JdbcTemplate jdbc, IndicatorPlacements placements) {
    this.jdbc = jdbc;
    this.placements = placements;
  }

  /** A new operation's vendor is its lead contributor, with its TLP and consent, credited with every indicator of its tip. */
  void lead(long operationId) {
    jdbc.update("insert into operation_contributor (operation_id, organisation, tip_operation_id, tlp, named_to_co_reporters, joined_at)"
        + " select o.id, o.vendor, o.id, o.tlp, o.named_to_co_reporters, o.created_at from operation o where o.id = ?"
        + " and not exists (select 1 from operation_contributor c where c.operation_id = o.id and c.tip_operation_id = o.id)", operationId);
    jdbc.update("insert into indicator_report (indicator_id, contributor_id) select i.id, c.id from indicator i"
        + " join operation_contributor c on c.operation_id = i.operation_id and c.tip_operation_id = i.operation_id"
        + " where i.operation_id = ?", operationId);
  }

  /**
   * The operation's indicators no contribution is credited with yet (a merge's copies) are credited to its lead: a merged
   * tip's vendor does not become a contributor.
   */
  void creditUncreditedToLead(long operationId) {
    jdbc.update("insert into indicator_report (indicator_id, contributor_id) select i.id, c.id from indicator i"
        + " join operation_contributor c on c.operation_id = i.operation_id and c.tip_operation_id = i.operation_id"
        + " where i.operation_id = ? and not exists (select 1 from indicator_report r where r.indicator_id = i.id)", operationId);
  }

  /** What a join did: the contribution's id, how many of the tip's indicators the target held already, how many were copied. */
  record Joined(long contributorId, long shared, long copied) {}

  /** The same indicator: the same type and normalised value (aliases t in the target, b in the tip's operation). */
  private static final String SAME = "t.type = b.type and t.normalized_value = b.normalized_value";

  /**
   * The tip's operation {@code tip} joins operation {@code target} as a co-report: a contribution of the tip's vendor (its
   * TLP, its consent); each of the tip's indicators the target holds already is credited to it too, the others are copied
   * into the target with their placements (as a merge copies them) and credited to it. Running it again changes nothing
   * (one contribution per tip and operation; nothing left to copy or credit).
   */
  Joined join(long target, long tip, Instant at) {
    jdbc.update("insert into operation_contributor (operation_id, organisation, tip_operation_id, tlp, named_to_co_reporters, joined_at)"
        + " select ?, b.vendor, b.id, b.tlp, b.named_to_co_reporters, ? from operation b where b.id = ?"
        + " and not exists (select 1 from operation_contributor c where c.operation_id = ? and c.tip_operation_id = b.id)",
        target, Timestamp.from(at), tip, target);
    long contributor = jdbc.queryForObject("select id from operation_contributor where operation_id = ? and tip_operation_id = ?",
        Long.class, target, tip);
    long before = jdbc.queryForObject("select coalesce(max(id), 0) from indicator where operation_id = ?", Long.class, target);
    // Those the target lacks, the first of equal ones once (as a merge copies them).
    int copied = jdbc.update("insert into indicator (operation_id, tip_id, type, indicator_value, normalized_value, pattern_type, pattern,"
        + " stix_id, indicator_name, provider) select ?, b.tip_id, b.type, b.indicator_value, b.normalized_value, b.pattern_type, b.pattern,"
        + " b.stix_id, b.indicator_name, b.provider from indicator b where b.operation_id = ?"
        + " and not exists (select 1 from indicator t where t.operation_id = ? and " + SAME + ")"
        + " and b.id = (select min(f.id) from indicator f where f.operation_id = b.operation_id and f.type = b.type"
        + " and f.normalized_value = b.normalized_value)", target, tip, target);
    if (copied > 0) {
      Map<Long, Long> copies = new LinkedHashMap<>();
      jdbc.query("select min(b.id), t.id from indicator t join indicator b on b.operation_id = ? and " + SAME
          + " where t.operation_id = ? and t.id > ? group by t.id order by t.id", rs -> {
            copies.put(rs.getLong(1), rs.getLong(2));
          }, tip, target, before);
      placements.copy(copies);
    }
    jdbc.update("insert into indicator_report (indicator_id, contributor_id) select t.id, ? from indicator t where t.operation_id = ?"
        + " and exists (select 1 from indicator b where b.operation_id = ? and " + SAME + ")"
        + " and not exists (select 1 from indicator_report r where r.indicator_id = t.id and r.contributor_id = ?)",
        contributor, target, tip, contributor);
    long shared = jdbc.queryForObject("select count(*) from indicator_report r where r.contributor_id = ? and exists (select 1"
        + " from indicator_report o where o.indicator_id = r.indicator_id and o.contributor_id <> r.contributor_id)", Long.class, contributor);
    return new Joined(contributor, shared, copied);
  }
}
