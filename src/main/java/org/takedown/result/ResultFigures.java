package org.takedown.result;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
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
    // (A co-reporting vendor's are the indicators the rule leaves it, in every country.)
    String countryScope = reader.indicatorCountries() == null ? "" : " and ic.country in (:resultCountries)";
    List<String> seen = reader.indicatorCountries() == null ? List.of() : reader.indicatorCountries().stream().sorted().toList();
    params.put("resultCountries", seen.isEmpty() ? List.of("") : seen);
    String results = " from indicator_result r join indicator i on i.id = r.indicator_id"
        + (countryScope.isEmpty() ? "" : " join indicator_country ic on ic.indicator_id = r.indicator_id and ic.country = r.country")
        + " where " + scope + countryScope;
    // Reported and taken down per indicator: by any country, as the indicator counts once.
    String indicatorResults = " from indicator_result r join indicator i on i.id = r.indicator_id where " + scope;
    return figures(scope, countryScope, results, indicatorResults, params, reader.isStaff()).figures();
  }

  /** An operation of a programme's highlights: the indicators of its own that it routed, reported, took down. */
  public record OperationRate(String reference, String title, String vendor, Rate rate) {}

  /**
   * The programme view of a period: how many operations it spans (see {@link #PERIOD_OPERATIONS}), their figures, and
   * the operations with most takedowns (at most the number asked, only those with one).
   */
  public record Programme(LocalDate from, LocalDate to, long operations, Figures figures, List<OperationRate> highlights) {}

  /**
   * The operations of a period: those whose units were first asked (the first request of any of its countries) in
   * the period, UTC days, both included. An operation counts in one period only, the one its national work began in,
   * however long its results take to come in: a report on it later changes that period's figures, not a later one.
   */
  static final String PERIOD_OPERATIONS = "select ca.operation_id from country_assignment ca where ca.requested_at is not null"
      + " group by ca.operation_id having min(ca.requested_at) >= :from and min(ca.requested_at) < :to";

  /**
   * The figures of every operation of the period (see {@link #PERIOD_OPERATIONS}), the number of operations and the
   * {@code highlights} operations with most takedowns: the programme view, for staff.
   */
  @Transactional(readOnly = true)
  public Programme programme(LocalDate from, LocalDate to, int highlights) {
    Map<String, Object> params = new HashMap<>();
    params.put("from", java.sql.Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
    params.put("to", java.sql.Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    // The operations first, as a list: a planner cannot guess how many a grouped subquery gives, guesses few, and
    // joins a million indicators row by row (5 s instead of 0.3 s at 100,000 results on PostgreSQL).
    List<Long> operations = jdbc.queryForList(PERIOD_OPERATIONS, params, Long.class);
    params.put("operations", operations.isEmpty() ? List.of(-1L) : operations);
    Computed computed = summed(params);
    List<Map.Entry<Long, Rate>> top = computed.byOperation().entrySet().stream().filter(e -> e.getValue().positive() > 0)
        .sorted(Comparator.comparing((Map.Entry<Long, Rate> e) -> -e.getValue().positive()).thenComparing(e -> e.getValue().routed())
            .thenComparing(Map.Entry::getKey))
        .limit(highlights).toList();
    List<OperationRate> named = new ArrayList<>();
    if (!top.isEmpty()) {
      Map<Long, String[]> names = new HashMap<>();
      jdbc.query("select o.id, o.reference, o.title, coalesce(vo.display_name, o.vendor) from operation o"
          + " left join vendor_organisation vo on vo.id = o.vendor where o.id in (:ids)",
          Map.of("ids", top.stream().map(Map.Entry::getKey).toList()), rs -> {
            names.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
          });
      for (Map.Entry<Long, Rate> e : top) {
        String[] n = names.get(e.getKey());
        Rate r = e.getValue();
        named.add(new OperationRate(n[0], n[1], n[2], new Rate(n[0], n[1], r.routed(), r.reported(), r.positive())));
      }
    }
    return new Programme(from, to, operations.size(), computed.figures(), named);
  }

  private static final String ROUTED = " and not exists (select 1 from indicator_unrouted u where u.indicator_id = i.id)";

  /**
   * Median and p90 by nearest rank (the value at rank ceil(p × n)) of a column of the results, per country and for all
   * (key ""), rows where it is null left out. Not percentile_disc: H2 rounds its rank to the nearest instead (p90 of 6
   * values is the 5th there, the 6th in PostgreSQL), and one figure must read the same on either database.
   */
  private Map<String, Long[]> nearestRanks(String column, String results, Map<String, Object> params) {
    Map<String, Long[]> ranks = new HashMap<>();
    String where = results.contains(" where ") ? " and " : " where ";
    for (String partition : List.of("partition by r.country ", "")) {
      jdbc.query("select x.country, x.v, x.rn, x.n from (select " + (partition.isEmpty() ? "''" : "r.country") + " as country, " + column
          + " as v, row_number() over (" + partition + "order by " + column + ") as rn, count(*) over (" + partition.trim() + ") as n"
          + results + where + column + " is not null) x where x.rn = ceiling(0.5 * x.n) or x.rn = ceiling(0.9 * x.n)", params, rs -> {
            Long[] pair = ranks.computeIfAbsent(rs.getString(1), k -> new Long[2]);
            long n = rs.getLong(4);
            long rn = rs.getLong(3);
            if (rn == (n + 1) / 2) {
              pair[0] = rs.getLong(2);
            }
            if (rn == (9 * n + 9) / 10) {
              pair[1] = rs.getLong(2);
            }
          });
    }
    return ranks;
  }

  private static Times times(Long[] firstAction, Long[] takedown) {
    return new Times(firstAction == null ? null : firstAction[0], firstAction == null ? null : firstAction[1], takedown == null ? null : takedown[0],
        takedown == null ? null : takedown[1]);
  }

  /** The figures, and the per-indicator counts of each operation of the scope (for the programme's highlights). */
  private record Computed(Figures figures, Map<Long, Rate> byOperation) {}

  /**
   * Passes over the scope's rows: per country (routed, reported, positive); per indicator once, by operation, type and
   * vendor, added up here; the statuses; the two times, per country and for all. {@code results} is the scope's
   * indicator_result rows, as "from … where …"; {@code indicatorResults} those that say whether an indicator was
   * reported on and taken down.
   */
  private Computed figures(String scope, String countryScope, String results, String indicatorResults, Map<String, Object> params,
      boolean withVendors) {
    List<Rate> countries = new ArrayList<>();
    Map<String, Times> timesByCountry = new LinkedHashMap<>();
    jdbc.query("select ic.country, count(*), count(r.indicator_id), coalesce(sum(case when r.positive then 1 else 0 end), 0)"
        + " from indicator i join indicator_country ic on ic.indicator_id = i.id"
        + " left join indicator_result r on r.indicator_id = ic.indicator_id and r.country = ic.country"
        + " where " + scope + countryScope + ROUTED + " group by ic.country", params, rs -> {
          countries.add(new Rate(rs.getString(1), CountryCodes.name(rs.getString(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        });
    countries.sort((a, b) -> a.routed() != b.routed() ? Long.compare(b.routed(), a.routed()) : a.key().compareTo(b.key()));
    // Each indicator once: reported if any country reported on it, positive if any country took it down.
    Map<String, long[]> types = new HashMap<>();
    Map<Long, long[]> operations = new HashMap<>();
    jdbc.query("select i.operation_id, i.type, count(*), count(rr.indicator_id), coalesce(sum(rr.positive), 0)"
        + " from indicator i"
        + " left join (select r.indicator_id, max(case when r.positive then 1 else 0 end) as positive" + indicatorResults
        + " group by r.indicator_id) rr on rr.indicator_id = i.id"
        + " where " + scope + " and exists (select 1 from indicator_country ic where ic.indicator_id = i.id" + countryScope + ")" + ROUTED
        + " group by i.operation_id, i.type", params, rs -> {
          long[] n = {rs.getLong(3), rs.getLong(4), rs.getLong(5)};
          add(types, rs.getString(2), n);
          add(operations, rs.getLong(1), n);
        });
    List<Rate> byType = rates(types);
    List<Rate> byVendor = withVendors ? byContributor(scope, countryScope, indicatorResults, params) : List.of();
    Map<Long, Rate> byOperation = new HashMap<>();
    operations.forEach((id, n) -> byOperation.put(id, new Rate(Long.toString(id), Long.toString(id), n[0], n[1], n[2])));
    Rate total = new Rate("total", "all", byType.stream().mapToLong(Rate::routed).sum(), byType.stream().mapToLong(Rate::reported).sum(),
        byType.stream().mapToLong(Rate::positive).sum());
    Map<String, Long> byStatus = new LinkedHashMap<>();
    jdbc.query("select r.status, count(*)" + results + " group by r.status", params, rs -> {
      byStatus.put(rs.getString(1), rs.getLong(2));
    });
    Map<String, Long> ordered = ordered(byStatus, countries);
    Map<String, Long[]> firstAction = nearestRanks("r.first_action_seconds", results, params);
    Map<String, Long[]> takedown = nearestRanks("r.takedown_seconds", results, params);
    for (String country : firstAction.keySet()) {
      if (!country.isEmpty()) {
        timesByCountry.put(country, times(firstAction.get(country), takedown.get(country)));
      }
    }
    Times all = times(firstAction.get(""), takedown.get(""));
    Counts counts = counts(scope, countryScope, params);
    long withTakedowns = countries.stream().filter(c -> c.positive() > 0).count();
    return new Computed(new Figures(total, countries.size(), withTakedowns, countries, byVendor, byType, ordered, all, timesByCountry, counts,
        headline(total, countries.size(), withTakedowns, counts)), byOperation);
  }

  /**
   * The figures of the operations in {@code :operations} from their kept sums ({@link ResultSummaries}): the same
   * rules as {@link #figures}, read from a few rows per operation; the times' median and p90 by nearest rank over the
   * buckets the pages show them at.
   */
  private Computed summed(Map<String, Object> params) {
    Map<String, Map<String, long[]>> dimensions = new HashMap<>();
    Map<Long, long[]> operations = new HashMap<>();
    jdbc.query("select s.operation_id, s.dimension, s.item, s.routed, s.reported, s.positive from result_summary s"
        + " where s.operation_id in (:operations)", params, rs -> {
          long[] n = {rs.getLong(4), rs.getLong(5), rs.getLong(6)};
          add(dimensions.computeIfAbsent(rs.getString(2), k -> new HashMap<>()), rs.getString(3), n);
          if ("TYPE".equals(rs.getString(2))) {
            add(operations, rs.getLong(1), n);
          }
        });
    List<Rate> countries = dimensions.getOrDefault("COUNTRY", Map.of()).entrySet().stream()
        .map(e -> new Rate(e.getKey(), CountryCodes.name(e.getKey()), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
        .sorted((a, b) -> a.routed() != b.routed() ? Long.compare(b.routed(), a.routed()) : a.key().compareTo(b.key())).toList();
    List<Rate> byType = rates(dimensions.getOrDefault("TYPE", Map.of()));
    List<Rate> byVendor = named(rates(dimensions.getOrDefault("VENDOR", Map.of())));
    Map<Long, Rate> byOperation = new HashMap<>();
    operations.forEach((id, n) -> byOperation.put(id, new Rate(Long.toString(id), Long.toString(id), n[0], n[1], n[2])));
    Rate total = new Rate("total", "all", byType.stream().mapToLong(Rate::routed).sum(), byType.stream().mapToLong(Rate::reported).sum(),
        byType.stream().mapToLong(Rate::positive).sum());
    Map<String, Long> byStatus = new HashMap<>();
    dimensions.getOrDefault("STATUS", Map.of()).forEach((status, n) -> byStatus.put(status, n[0]));
    Map<String, Long> ordered = ordered(byStatus, countries);
    // Per country and measure, each bucket's count in ascending order; "" is every country.
    Map<String, java.util.TreeMap<Long, Long>> buckets = new HashMap<>();
    jdbc.query("select t.country, t.measure, t.seconds, sum(t.results) from result_time t where t.operation_id in (:operations)"
        + " group by t.country, t.measure, t.seconds", params, rs -> {
          for (String country : List.of(rs.getString(1), "")) {
            buckets.computeIfAbsent(country + "/" + rs.getString(2), k -> new java.util.TreeMap<>()).merge(rs.getLong(3), rs.getLong(4), Long::sum);
          }
        });
    Map<String, Times> timesByCountry = new java.util.TreeMap<>();
    countries.forEach(c -> {
      if (buckets.containsKey(c.key() + "/FIRST_ACTION")) {
        timesByCountry.put(c.key(), bucketTimes(buckets, c.key()));
      }
    });
    Map<String, Object> scoped = new HashMap<>(params);
    Counts counts = jdbc.queryForObject("select coalesce(sum(c.servers_seized), 0), coalesce(sum(c.domains_sinkholed), 0),"
        + " coalesce(sum(c.arrests), 0), coalesce(sum(c.victims_notified), 0) from country_result c where c.id in (select max(l.id)"
        + " from country_result l where l.operation_id in (:operations) group by l.operation_id, l.country)", scoped,
        (rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
    long withTakedowns = countries.stream().filter(c -> c.positive() > 0).count();
    return new Computed(new Figures(total, countries.size(), withTakedowns, countries, byVendor, byType, ordered, bucketTimes(buckets, ""),
        timesByCountry, counts, headline(total, countries.size(), withTakedowns, counts)), byOperation);
  }

  private static Times bucketTimes(Map<String, java.util.TreeMap<Long, Long>> buckets, String country) {
    java.util.TreeMap<Long, Long> first = buckets.get(country + "/FIRST_ACTION");
    java.util.TreeMap<Long, Long> takedown = buckets.get(country + "/TAKEDOWN");
    return new Times(rank(first, 5), rank(first, 9), rank(takedown, 5), rank(takedown, 9));
  }

  /** The value at rank ceil(tenths / 10 × n) of a histogram, as {@link #nearestRanks} picks it from rows. */
  private static Long rank(java.util.TreeMap<Long, Long> histogram, int tenths) {
    if (histogram == null) {
      return null;
    }
    long n = histogram.values().stream().mapToLong(Long::longValue).sum();
    long rank = (tenths * n + 9) / 10;
    long seen = 0;
    for (Map.Entry<Long, Long> bucket : histogram.entrySet()) {
      seen += bucket.getValue();
      if (seen >= rank) {
        return bucket.getKey();
      }
    }
    return null;
  }

  /** The statuses in the configured order, "requested" (routed, not reported) first, any no longer configured last. */
  private Map<String, Long> ordered(Map<String, Long> byStatus, List<Rate> countries) {
    Map<String, Long> ordered = new LinkedHashMap<>();
    long requested = countries.stream().mapToLong(c -> c.routed() - c.reported()).sum();
    if (requested > 0) {
      ordered.put(ResultStatuses.REQUESTED, requested);
    }
    Map<String, Long> rest = new java.util.TreeMap<>(byStatus);
    statuses.reportable().forEach(s -> {
      Long n = rest.remove(s.code());
      if (n != null) {
        ordered.put(s.code(), n);
      }
    });
    ordered.putAll(rest);
    return ordered;
  }

  private static <K> void add(Map<K, long[]> sums, K key, long[] n) {
    long[] sum = sums.computeIfAbsent(key, k -> new long[3]);
    for (int i = 0; i < 3; i++) {
      sum[i] += n[i];
    }
  }

  /** Routed, reported, taken down per contributor: each indicator once for each, however many of its contributions reported it. */
  static final String PER_CONTRIBUTOR_COUNTS = ", count(distinct i.id), count(distinct case when rr.indicator_id is not null then i.id end),"
      + " count(distinct case when rr.positive = 1 then i.id end)";

  /**
   * Per contributing vendor organisation (indicator_report): an indicator two vendors reported counts for both, so the
   * rows may add up to more than the total. Keyed by the organisation's id, labelled with its display name.
   */
  private List<Rate> byContributor(String scope, String countryScope, String indicatorResults, Map<String, Object> params) {
    List<Rate> rates = new ArrayList<>();
    jdbc.query("select c.organisation, coalesce(vo.display_name, c.organisation)" + PER_CONTRIBUTOR_COUNTS
        + " from indicator i join indicator_report ir on ir.indicator_id = i.id join operation_contributor c on c.id = ir.contributor_id"
        + " left join vendor_organisation vo on vo.id = c.organisation"
        + " left join (select r.indicator_id, max(case when r.positive then 1 else 0 end) as positive" + indicatorResults
        + " group by r.indicator_id) rr on rr.indicator_id = i.id"
        + " where " + scope + " and exists (select 1 from indicator_country ic where ic.indicator_id = i.id" + countryScope + ")" + ROUTED
        + " group by c.organisation, vo.display_name", params, rs -> {
          rates.add(new Rate(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
        });
    return rates.stream().sorted(Comparator.comparing((Rate r) -> -r.routed()).thenComparing(Rate::key)).toList();
  }

  /** Rates keyed by vendor organisation, labelled with their display names (an id no organisation has stays as it is). */
  private List<Rate> named(List<Rate> rates) {
    if (rates.isEmpty()) {
      return rates;
    }
    Map<String, String> names = new HashMap<>();
    jdbc.query("select id, display_name from vendor_organisation where id in (:ids)",
        Map.of("ids", rates.stream().map(Rate::key).toList()), rs -> {
          names.put(rs.getString(1), rs.getString(2));
        });
    return rates.stream().map(r -> new Rate(r.key(), names.getOrDefault(r.key(), r.label()), r.routed(), r.reported(), r.positive())).toList();
  }

  /**
   * What each contributing vendor organisation's own indicators of one operation became, keyed by the organisation's id:
   * an indicator two of them reported counts for both (the closure mail to each).
   */
  @Transactional(readOnly = true)
  public Map<String, Rate> perContributingOrganisation(String reference) {
    return perContributor(reference, "c.organisation");
  }

  /** The figures of each contribution to one operation (staff): what its own indicators became, keyed by its id. */
  @Transactional(readOnly = true)
  public Map<Long, Rate> perContribution(String reference) {
    Map<Long, Rate> rates = new LinkedHashMap<>();
    perContributor(reference, "c.id").forEach((id, rate) -> rates.put(Long.valueOf(id), rate));
    return rates;
  }

  /** One operation's routed, reported and taken-down indicators grouped by a column of its contributions (key and label). */
  private Map<String, Rate> perContributor(String reference, String key) {
    Map<String, Rate> rates = new LinkedHashMap<>();
    jdbc.query("select " + key + PER_CONTRIBUTOR_COUNTS
        + " from indicator i join indicator_report ir on ir.indicator_id = i.id join operation_contributor c on c.id = ir.contributor_id"
        + " left join (select r.indicator_id, max(case when r.positive then 1 else 0 end) as positive from indicator_result r"
        + " join indicator ri on ri.id = r.indicator_id where ri.operation_id = (select o.id from operation o where o.reference = :reference)"
        + " group by r.indicator_id) rr on rr.indicator_id = i.id"
        + " where i.operation_id = (select o.id from operation o where o.reference = :reference)"
        + " and exists (select 1 from indicator_country ic where ic.indicator_id = i.id)" + ROUTED + " group by " + key,
        Map.of("reference", reference), rs -> {
          String k = rs.getString(1);
          rates.put(k, new Rate(k, k, rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        });
    return rates;
  }

  /** Most indicators first, then by name. */
  private static List<Rate> rates(Map<String, long[]> sums) {
    return sums.entrySet().stream().map(e -> new Rate(e.getKey(), e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
        .sorted(Comparator.comparing((Rate r) -> -r.routed()).thenComparing(Rate::key)).toList();
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
