package org.takedown.result;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.security.Disclosure;
import org.takedown.security.OperationAccess;
import org.takedown.system.CountryCodes;
import org.takedown.system.Durations;

/**
 * The figures of results, stated once for every surface (operation page, closure report, tracker, statistics, digests):
 * the takedown rate is the indicators with a positive result divided by the indicators routed to a country (an
 * indicator counted once however many countries it spans, each country counting its own); the times run from the
 * unit's request to the first result reported and to the first positive one, as median and p90 (nearest rank).
 */
@Service
public class ResultFigures {

  /** One row of a breakdown: routed, with any result reported, with a positive one. */
  public record Rate(String key, String label, long routed, long reported, long positive) {

    /** 0 to 100, rounded half up; 0 when nothing was routed. */
    public long percent() {
      return routed == 0 ? 0 : Math.round(100.0 * positive / routed);
    }

    public String percentText() {
      return routed == 0 ? "–" : percent() + " %";
    }
  }

  /** Median and p90 in seconds, null where no indicator has the time. */
  public record Times(Long firstActionMedian, Long firstActionP90, Long takedownMedian, Long takedownP90) {

    public String firstActionMedianText() {
      return words(firstActionMedian);
    }

    public String firstActionP90Text() {
      return words(firstActionP90);
    }

    public String takedownMedianText() {
      return words(takedownMedian);
    }

    public String takedownP90Text() {
      return words(takedownP90);
    }

    private static String words(Long seconds) {
      return seconds == null ? "–" : Durations.human(Duration.ofSeconds(seconds));
    }
  }

  /** The countries' operation-level counts added up. */
  public record Counts(long serversSeized, long domainsSinkholed, long arrests, long victimsNotified) {}

  /**
   * All figures of a scope: the total, countries with a positive result of countries routed, the breakdowns (by vendor
   * only for the fusion centre's staff: empty otherwise), results per status, the times and the counts.
   */
  public record Figures(Rate total, long countries, long countriesWithTakedowns, List<Rate> byCountry, List<Rate> byVendor, List<Rate> byType,
      Map<String, Long> byStatus, Times times, Map<String, Times> timesByCountry, Counts counts, String headline) {

    public boolean any() {
      return total.routed() > 0;
    }
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final ResultStatuses statuses;

  ResultFigures(NamedParameterJdbcTemplate jdbc, ResultStatuses statuses) {
    this.jdbc = jdbc;
    this.statuses = statuses;
  }

  /** One operation's figures as this reader may see them: a unit only its countries' indicators, no vendor breakdown. */
  @Transactional(readOnly = true)
  public Figures operation(String reference, Disclosure reader) {
    OperationAccess.IndicatorRule rule = OperationAccess.indicators(reader);
    Map<String, Object> params = new HashMap<>(rule.params());
    params.put("reference", reference);
    String scope = "i.operation_id = (select o.id from operation o where o.reference = :reference) and " + rule.condition();
    // A unit's figures count only its countries' rows of an indicator that spans several.
    String countryScope = reader.seesAllIndicators() ? "" : " and ic.country in (:resultCountries)";
    List<String> seen = reader.seesAllIndicators() ? List.of() : reader.indicatorCountries().stream().sorted().toList();
    params.put("resultCountries", seen.isEmpty() ? List.of("") : seen);
    return figures(scope, countryScope, params, reader.isStaff());
  }

  /** An operation of a programme's highlights: the indicators of its own that it routed, reported, took down. */
  public record OperationRate(String reference, String title, String vendor, Rate rate) {}

  /**
   * The programme view of a period: how many operations it spans (see {@link #period}), their figures, and the
   * operations with most takedowns (at most the number asked, only those with one).
   */
  public record Programme(LocalDate from, LocalDate to, long operations, Figures figures, List<OperationRate> highlights) {}

  /**
   * The operations of a period: those whose units were first asked (the first request of any of its countries) in
   * the period, UTC days, both included. An operation counts in one period only, the one its national work began in,
   * however long its results take to come in: a report on it later changes that period's figures, not a later one.
   */
  static final String PERIOD_OPERATIONS = "select ca.operation_id from country_assignment ca where ca.requested_at is not null"
      + " group by ca.operation_id having min(ca.requested_at) >= :from and min(ca.requested_at) < :to";

  /** The figures of every operation of the period (see {@link #PERIOD_OPERATIONS}): the programme view, for staff. */
  @Transactional(readOnly = true)
  public Figures period(LocalDate from, LocalDate to) {
    return figures("i.operation_id in (" + PERIOD_OPERATIONS + ")", "", periodParams(from, to), true);
  }

  /** {@link #period} with the number of operations and the {@code highlights} operations with most takedowns. */
  @Transactional(readOnly = true)
  public Programme programme(LocalDate from, LocalDate to, int highlights) {
    Map<String, Object> params = periodParams(from, to);
    Long operations = jdbc.queryForObject("select count(*) from (" + PERIOD_OPERATIONS + ") p", params, Long.class);
    Figures figures = period(from, to);
    params.put("limit", highlights);
    String scope = "i.operation_id in (" + PERIOD_OPERATIONS + ")";
    // Each indicator once, as in the figures' total; the operation named as the fusion centre names it.
    List<OperationRate> top = jdbc.query("select o.reference, o.title, o.vendor, count(*), count(rr.indicator_id), coalesce(sum(rr.positive), 0)"
        + perIndicator(scope) + " join operation o on o.id = i.operation_id where " + scope + ROUTED
        + " and exists (select 1 from indicator_country ic where ic.indicator_id = i.id)"
        + " group by o.reference, o.title, o.vendor having coalesce(sum(rr.positive), 0) > 0"
        + " order by coalesce(sum(rr.positive), 0) desc, count(*), o.reference limit :limit", params,
        (rs, n) -> new OperationRate(rs.getString(1), rs.getString(2), rs.getString(3),
            new Rate(rs.getString(1), rs.getString(2), rs.getLong(4), rs.getLong(5), rs.getLong(6))));
    return new Programme(from, to, operations == null ? 0 : operations, figures, top);
  }

  private static Map<String, Object> periodParams(LocalDate from, LocalDate to) {
    Map<String, Object> params = new HashMap<>();
    params.put("from", java.sql.Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
    params.put("to", java.sql.Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    return params;
  }

  /** From the indicators with, per indicator, whether any country reported (rr present) and took it down (rr.positive). */
  private static String perIndicator(String scope) {
    return " from indicator i join tip t on t.id = i.tip_id"
        + " left join (select r.indicator_id, max(case when r.positive then 1 else 0 end) as positive from indicator_result r"
        + " join indicator i on i.id = r.indicator_id where " + scope + " group by r.indicator_id) rr on rr.indicator_id = i.id";
  }

  private static final String ROUTED = " and not exists (select 1 from indicator_unrouted u where u.indicator_id = i.id)";

  private Figures figures(String scope, String countryScope, Map<String, Object> params, boolean byVendor) {
    List<Rate> countries = new ArrayList<>();
    jdbc.query("select ic.country, count(*), count(r.indicator_id), coalesce(sum(case when r.positive then 1 else 0 end), 0)"
        + " from indicator i join indicator_country ic on ic.indicator_id = i.id"
        + " left join indicator_result r on r.indicator_id = ic.indicator_id and r.country = ic.country"
        + " where " + scope + countryScope + ROUTED + " group by ic.country", params, rs -> {
          countries.add(new Rate(rs.getString(1), CountryCodes.name(rs.getString(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        });
    countries.sort((a, b) -> a.routed() != b.routed() ? Long.compare(b.routed(), a.routed()) : a.key().compareTo(b.key()));
    // Each indicator once: reported if any country reported on it, positive if any country took it down.
    String perIndicator = perIndicator(scope) + " where " + scope + " and exists (select 1 from indicator_country ic where ic.indicator_id = i.id" + countryScope + ")" + ROUTED;
    List<Rate> types = new ArrayList<>();
    jdbc.query("select i.type, count(*), count(rr.indicator_id), coalesce(sum(rr.positive), 0)" + perIndicator + " group by i.type order by count(*) desc, i.type",
        params, rs -> {
          types.add(new Rate(rs.getString(1), rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        });
    List<Rate> vendors = new ArrayList<>();
    if (byVendor) {
      jdbc.query("select t.submitter, count(*), count(rr.indicator_id), coalesce(sum(rr.positive), 0)" + perIndicator
          + " group by t.submitter order by count(*) desc, t.submitter", params, rs -> {
            vendors.add(new Rate(rs.getString(1), rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
          });
    }
    Rate total = new Rate("total", "all", types.stream().mapToLong(Rate::routed).sum(), types.stream().mapToLong(Rate::reported).sum(),
        types.stream().mapToLong(Rate::positive).sum());
    Map<String, Long> byStatus = new LinkedHashMap<>();
    String results = " from indicator_result r join indicator i on i.id = r.indicator_id"
        + (countryScope.isEmpty() ? "" : " join indicator_country ic on ic.indicator_id = r.indicator_id and ic.country = r.country")
        + " where " + scope + countryScope;
    jdbc.query("select r.status, count(*)" + results + " group by r.status", params, rs -> {
      byStatus.put(rs.getString(1), rs.getLong(2));
    });
    Map<String, Long> ordered = new LinkedHashMap<>();
    long requested = countries.stream().mapToLong(c -> c.routed() - c.reported()).sum();
    if (requested > 0) {
      ordered.put(ResultStatuses.REQUESTED, requested);
    }
    statuses.reportable().forEach(s -> {
      Long n = byStatus.remove(s.code());
      if (n != null) {
        ordered.put(s.code(), n);
      }
    });
    ordered.putAll(byStatus);
    Map<String, Times> timesByCountry = new LinkedHashMap<>();
    String times = "percentile_disc(0.5) within group (order by r.first_action_seconds),"
        + " percentile_disc(0.9) within group (order by r.first_action_seconds),"
        + " percentile_disc(0.5) within group (order by r.takedown_seconds),"
        + " percentile_disc(0.9) within group (order by r.takedown_seconds)";
    jdbc.query("select r.country, " + times + results + " group by r.country", params, rs -> {
      timesByCountry.put(rs.getString(1), times(rs));
    });
    Times all = jdbc.query("select " + times + results, params, rs -> rs.next() ? times(rs) : new Times(null, null, null, null));
    Counts counts = counts(scope, countryScope, params);
    long withTakedowns = countries.stream().filter(c -> c.positive() > 0).count();
    return new Figures(total, countries.size(), withTakedowns, countries, vendors, types, ordered, all, timesByCountry, counts,
        headline(total, countries.size(), withTakedowns, counts));
  }

  private static Times times(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Times(number(rs.getObject(rs.getMetaData().getColumnCount() - 3)), number(rs.getObject(rs.getMetaData().getColumnCount() - 2)),
        number(rs.getObject(rs.getMetaData().getColumnCount() - 1)), number(rs.getObject(rs.getMetaData().getColumnCount())));
  }

  private static Long number(Object value) {
    return value == null ? null : ((Number) value).longValue();
  }

  /** The latest counts of each country in the scope, added up. */
  private Counts counts(String scope, String countryScope, Map<String, Object> params) {
    String countries = countryScope.isEmpty() ? "" : " and c.country in (:resultCountries)";
    return jdbc.queryForObject("select coalesce(sum(c.servers_seized), 0), coalesce(sum(c.domains_sinkholed), 0), coalesce(sum(c.arrests), 0),"
        + " coalesce(sum(c.victims_notified), 0) from country_result c where c.id in (select max(l.id) from country_result l"
        + " where l.operation_id in (select distinct i.operation_id from indicator i where " + scope + ")"
        + " group by l.operation_id, l.country)" + countries, params,
        (rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
  }

  /** "7,412 of 9,760 indicators taken down (76 %) in 41 of 44 countries; 59 servers seized; 41 arrests" */
  static String headline(Rate total, long countries, long withTakedowns, Counts counts) {
    if (total.routed() == 0) {
      return "No indicators routed to a country yet.";
    }
    StringBuilder s = new StringBuilder(String.format(Locale.ENGLISH, "%,d of %,d %s taken down (%d %%) in %,d of %,d %s",
        total.positive(), total.routed(), total.routed() == 1 ? "indicator" : "indicators", total.percent(), withTakedowns, countries,
        countries == 1 ? "country" : "countries"));
    part(s, counts.serversSeized(), "server seized", "servers seized");
    part(s, counts.domainsSinkholed(), "domain sinkholed", "domains sinkholed");
    part(s, counts.arrests(), "arrest", "arrests");
    part(s, counts.victimsNotified(), "victim notified", "victims notified");
    return s.toString();
  }

  private static void part(StringBuilder s, long n, String one, String many) {
    if (n > 0) {
      s.append(String.format(Locale.ENGLISH, "; %,d %s", n, n == 1 ? one : many));
    }
  }

  /** When a result was last reported in the scope of one operation, for "last report" lines; null if none. */
  @Transactional(readOnly = true)
  public Instant lastReport(String reference) {
    java.sql.Timestamp t = jdbc.queryForObject("select max(rr.reported_at) from result_report rr join operation o on o.id = rr.operation_id"
        + " where o.reference = :reference", Map.of("reference", reference), java.sql.Timestamp.class);
    return t == null ? null : t.toInstant();
  }
}
