package org.takedown.tip;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.security.OperationAccess;
import org.takedown.system.Tlp;

/**
 * The vendors that contributed to an operation (its own tip's, and those of tips joined to it as co-reports), each
 * with the indicators it reported: an indicator reported by two is credited to both. Read in one statement.
 */
@Service
public class Contributions {

  private final JdbcTemplate jdbc;

  Contributions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One contribution.
   *
   * @param organisation the vendor organisation's id; {@code name} its display name
   * @param tipReference the reference of the operation its tip opened (the operation's own for the lead)
   * @param named the vendor agreed to be named to the other contributors
   * @param indicators how many of the operation's indicators it reported
   * @param alsoReported how many of those another contribution reported too
   */
  public record Contributor(long id, String organisation, String name, String tipReference, Tlp tlp, boolean named, Instant joinedAt,
      boolean lead, long indicators, long alsoReported) {}

  /** The operation's contributions, its own tip's first, then in the order they joined. */
  @Transactional(readOnly = true)
  public List<Contributor> of(String reference) {
    return jdbc.query("select c.id, c.organisation, coalesce(vo.display_name, c.organisation) as name, t.reference, c.tlp,"
        + " c.named_to_co_reporters, c.joined_at, case when c.tip_operation_id = c.operation_id then 1 else 0 end as lead,"
        + " (select count(*) from indicator_report r where r.contributor_id = c.id) as indicators,"
        + " (select count(*) from indicator_report r where r.contributor_id = c.id and exists (select 1 from indicator_report x"
        + " where x.indicator_id = r.indicator_id and x.contributor_id <> c.id)) as also_reported"
        + " from operation_contributor c join operation o on o.id = c.operation_id join operation t on t.id = c.tip_operation_id"
        + " left join vendor_organisation vo on vo.id = c.organisation"
        + " where o.reference = ? order by lead desc, c.joined_at, c.id",
        (rs, n) -> new Contributor(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            Tlp.parse(rs.getString(5)).orElse(Tlp.RED), rs.getBoolean(6), rs.getTimestamp(7).toInstant(), rs.getInt(8) == 1,
            rs.getLong(9), rs.getLong(10)), reference);
  }

  /**
   * What a contributing vendor reads of the others: their number, and the names of those that agreed to be named to
   * co-reporters where its own contributions agreed too ({@link OperationAccess#namesCoReporter}).
   *
   * @param own its own contributions; {@code others} the rest
   */
  public record CoReporters(List<Contributor> own, List<Contributor> others, List<String> named) {

    public long ownIndicators() {
      return own.stream().mapToLong(Contributor::indicators).sum();
    }

    public long alsoReported() {
      return own.stream().mapToLong(Contributor::alsoReported).sum();
    }
  }

  /** The operation's contributions as the vendor organisations {@code mine} read them (staff: every name). */
  public static CoReporters seenBy(List<Contributor> all, Collection<String> mine, boolean staff) {
    Set<String> orgs = Set.copyOf(mine);
    List<Contributor> own = all.stream().filter(c -> orgs.contains(c.organisation())).toList();
    List<Contributor> others = all.stream().filter(c -> !orgs.contains(c.organisation())).toList();
    boolean consents = !own.isEmpty() && own.stream().allMatch(Contributor::named);
    List<String> named = others.stream().filter(c -> OperationAccess.namesCoReporter(staff, consents, c.named()))
        .map(Contributor::name).distinct().toList();
    return new CoReporters(own, others, named);
  }
}
