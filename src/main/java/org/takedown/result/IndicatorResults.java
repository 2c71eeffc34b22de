package org.takedown.result;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.operation.Stage;
import org.takedown.system.ConflictException;
import org.takedown.system.CountryCodes;
import org.takedown.system.InvalidInputException;

/**
 * What became of each indicator a country's unit was asked to act on (docs/results.md). A report is checked whole
 * first ({@link #check}: every line's indicator must be one routed to that country, every status a configured one, a
 * date between the request and today) and recorded whole or not at all ({@link #record}); each line is kept in the
 * log, and the indicator's current status replaced. Read and written in a few statements whatever the number of
 * lines: a unit may report ten thousand at once.
 */
@Service
public class IndicatorResults {

  /** How a report reached us: the action page, a returned spreadsheet, the API, a provider's answer as the unit recorded it. */
  public enum Channel { PAGE, SPREADSHEET, API, PROVIDER_ANSWER }

  /** Who reported: a unit's member or link, or a coordinator recording for the unit ({@code forUnit}). */
  public record Reporter(String name, boolean forUnit, Channel channel, String fileName, String fileSha256) {

    public static Reporter of(String name, boolean forUnit, Channel channel) {
      return new Reporter(name, forUnit, channel, null, null);
    }
  }

  /** One line as given: its row (the spreadsheet's row, or the position in a list), the indicator, the status, a date. */
  public record Line(int row, String indicator, String status, String date) {}

  /** The operation-level counts of a country, each optional; absent ones keep their last value. */
  public record CountryCounts(Integer serversSeized, Integer domainsSinkholed, Integer arrests, Integer victimsNotified, String note) {

    boolean empty() {
      return serversSeized == null && domainsSinkholed == null && arrests == null && victimsNotified == null && (note == null || note.isBlank());
    }

    /** "3 servers seized; 2 arrests; note: …" as the headline words them, "" when nothing was reported. */
    public String words() {
      List<String> parts = new ArrayList<>();
      part(parts, serversSeized, "server seized", "servers seized");
      part(parts, domainsSinkholed, "domain sinkholed", "domains sinkholed");
      part(parts, arrests, "arrest", "arrests");
      part(parts, victimsNotified, "victim notified", "victims notified");
      if (note != null && !note.isBlank()) {
        parts.add("note: " + note.strip());
      }
      return String.join("; ", parts);
    }

    private static void part(List<String> parts, Integer n, String one, String many) {
      if (n != null && n > 0) {
        parts.add(String.format(Locale.ENGLISH, "%,d %s", n, n == 1 ? one : many));
      }
    }
  }

  /** A line read: the indicator it names and its status, and what it was before; or its problem. */
  public record Read(int row, String indicator, String type, long indicatorId, String status, String statusLabel, Instant statusAt,
      String previous, String problem) {

    public boolean changes() {
      return problem == null && !status.equals(previous);
    }
  }

  /** A report read whole: every line, and the problems ("row 7: …") that keep it from being recorded. */
  public record Checked(String reference, String country, List<Read> lines, List<String> problems) {

    public boolean ok() {
      return problems.isEmpty();
    }

    public long changes() {
      return lines.stream().filter(Read::changes).count();
    }
  }

  /** What a recorded report did. */
  public record Recorded(long reportId, String reference, String country, int results, int changed, boolean counts) {}

  private static final int BATCH = 1000;

  private final NamedParameterJdbcTemplate jdbc;
  private final OperationService operations;
  private final NationalAssignmentService assignments;
  private final ResultStatuses statuses;
  private final ResultSummaries summaries;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  IndicatorResults(NamedParameterJdbcTemplate jdbc, OperationService operations, NationalAssignmentService assignments,
      ResultStatuses statuses, ResultSummaries summaries, ApplicationEventPublisher events, Optional<Clock> clock) {
    this.jdbc = jdbc;
    this.operations = operations;
    this.assignments = assignments;
    this.statuses = statuses;
    this.summaries = summaries;
    this.events = events;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  /** Whether results may be recorded for this country now, and if not, why (in plain words). */
  @Transactional(readOnly = true)
  public Optional<String> closedFor(String reference, String country) {
    Operation operation = operations.get(reference);
    return closedFor(operation, country);
  }

  private Optional<String> closedFor(Operation operation, String country) {
    Stage stage = operation.getStage();
    if (stage != Stage.NATIONAL_ASSIGNMENT && stage != Stage.EVIDENCE_HANDOVER && stage != Stage.OUTCOME) {
      return Optional.of(operation.getReference() + " is " + stage.name().toLowerCase(Locale.ROOT).replace('_', ' ')
          + (stage == Stage.CLOSED ? ": its results were final at closure" : ": results are recorded from a unit's acceptance until closure"));
    }
    CountryAssignment assignment = assignments.list(operation.getReference()).stream()
        .filter(a -> a.getCountry().equals(country)).findFirst().orElse(null);
    if (assignment == null || assignment.getStatus() != AssignmentStatus.ACCEPTED || assignment.getRequestedAt() == null) {
      return Optional.of(CountryCodes.name(country) + " has not accepted " + operation.getReference() + ": results are recorded for the countries that accepted");
    }
    return Optional.empty();
  }

  /** Reads a report against the country's indicators without recording anything. */
  @Transactional(readOnly = true)
  public Checked check(String reference, String country, List<Line> lines) {
    Operation operation = operations.get(reference);
    List<String> problems = new ArrayList<>();
    closedFor(operation, country).ifPresent(problems::add);
    Instant requestedAt = requestedAt(operation, country);
    Map<String, Routed> routed = routed(operation.getId(), country);
    Map<Long, String> current = currentStatuses(operation.getId(), country);
    Map<Long, Integer> seen = new HashMap<>();
    List<Read> read = new ArrayList<>(lines.size());
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    for (Line line : lines) {
      String given = line.indicator() == null ? "" : line.indicator().strip();
      String problem = null;
      Routed indicator = given.isEmpty() ? null : find(routed, given);
      Optional<ResultStatuses.Status> status = statuses.find(line.status());
      Instant statusAt = null;
      if (given.isEmpty()) {
        problem = "names no indicator";
      } else if (indicator == null) {
        problem = quote(given) + " is not one of " + CountryCodes.name(country) + "'s indicators in " + operation.getReference();
      } else if (seen.containsKey(indicator.id())) {
        problem = quote(given) + " is given twice (first in row " + seen.get(indicator.id()) + ")";
      } else if (line.status() == null || line.status().isBlank()) {
        problem = "has no result: choose one of " + statuses.choices();
      } else if (status.isEmpty()) {
        problem = quote(line.status().strip()) + " is not a result; choose one of " + statuses.choices();
      } else {
        try {
          statusAt = statusAt(line.date(), requestedAt, today);
        } catch (IllegalArgumentException e) {
          problem = e.getMessage();
        }
      }
      if (indicator != null && !seen.containsKey(indicator.id())) {
        seen.put(indicator.id(), line.row());
      }
      if (problem != null) {
        problems.add("row " + line.row() + ": " + problem);
        read.add(new Read(line.row(), given, indicator == null ? null : indicator.type(), indicator == null ? 0 : indicator.id(), null, null,
            null, null, problem));
      } else {
        ResultStatuses.Status s = status.get();
        read.add(new Read(line.row(), indicator.value(), indicator.type(), indicator.id(), s.code(), s.label(), statusAt,
            current.getOrDefault(indicator.id(), ResultStatuses.REQUESTED), null));
      }
    }
    return new Checked(operation.getReference(), country, read, problems);
  }

  /**
   * Records a report whole, or refuses it whole with every problem (400, "row 7: …"). Counts may come alone, without
   * lines. Published as {@link ResultsRecorded} in the same transaction.
   */
  @Transactional
  public Recorded record(String reference, String country, Reporter reporter, List<Line> lines, CountryCounts counts) {
    Checked checked = check(reference, country, lines);
    Optional<String> closed = closedFor(reference, country);
    if (closed.isPresent()) {
      throw new ConflictException(closed.get());
    }
    if (!checked.ok()) {
      throw new InvalidInputException("results", "nothing was recorded: " + String.join("; ", checked.problems()));
    }
    if (lines.isEmpty() && (counts == null || counts.empty())) {
      throw new InvalidInputException("results", "is empty: give a result for at least one indicator, or the country's counts");
    }
    if (counts != null) {
      checkCounts(counts);
    }
    Operation operation = operations.get(reference);
    Instant now = clock.instant();
    long reportId = report(operation.getId(), country, reporter, checked.lines().size(), now);
    Instant requestedAt = requestedAt(operation, country);
    write(operation.getId(), country, reportId, requestedAt, checked.lines());
    boolean withCounts = counts != null && !counts.empty();
    if (withCounts) {
      writeCounts(operation.getId(), country, reportId, counts);
    }
    summaries.refresh(operation.getId());
    int changed = (int) checked.changes();
    events.publishEvent(new ResultsRecorded(operation.getReference(), country, reportId, reporter, checked.lines().size(), changed, withCounts));
    return new Recorded(reportId, operation.getReference(), country, checked.lines().size(), changed, withCounts);
  }

  /** The same status for many indicators (the page's bulk choice), as lines of a report. */
  public static List<Line> all(List<String> indicators, String status, String date) {
    List<Line> lines = new ArrayList<>(indicators.size());
    for (int i = 0; i < indicators.size(); i++) {
      lines.add(new Line(i + 1, indicators.get(i), status, date));
    }
    return lines;
  }

  private static String quote(String value) {
    String v = value.length() > 80 ? value.substring(0, 77) + "…" : value;
    return "\"" + v + "\"";
  }

  /** A date given is read as noon UTC that day, kept between the request and now; none is now. */
  private Instant statusAt(String date, Instant requestedAt, LocalDate today) {
    Instant now = clock.instant();
    if (date == null || date.isBlank()) {
      return now;
    }
    LocalDate day;
    try {
      day = LocalDate.parse(date.strip());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("date " + quote(date.strip()) + " is not a date: write it as 2026-11-30");
    }
    if (day.isAfter(today)) {
      throw new IllegalArgumentException("date " + day + " is in the future");
    }
    LocalDate asked = requestedAt.atZone(ZoneOffset.UTC).toLocalDate();
    if (day.isBefore(asked)) {
      throw new IllegalArgumentException("date " + day + " is before the unit was asked (" + asked + ")");
    }
    Instant noon = day.atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC);
    return noon.isBefore(requestedAt) ? requestedAt : noon.isAfter(now) ? now : noon;
  }

  private Instant requestedAt(Operation operation, String country) {
    return assignments.list(operation.getReference()).stream().filter(a -> a.getCountry().equals(country))
        .map(CountryAssignment::getRequestedAt).filter(java.util.Objects::nonNull).findFirst()
        .orElseGet(operation::getCreatedAt);
  }

  /** An indicator routed to the country: how a line may name it. */
  private record Routed(long id, String type, String value) {}

  /** The country's indicators by every name a line may use: the value as sent, normalised, the STIX id or name. */
  private Map<String, Routed> routed(long operationId, String country) {
    Map<String, Routed> byName = new HashMap<>();
    jdbc.query("select i.id, i.type, i.indicator_value, i.normalized_value, i.stix_id, i.indicator_name, i.pattern"
        + " from indicator i join indicator_country ic on ic.indicator_id = i.id"
        + " where i.operation_id = :operation and ic.country = :country"
        + " and not exists (select 1 from indicator_unrouted u where u.indicator_id = i.id) order by i.id",
        Map.of("operation", operationId, "country", country), rs -> {
          String pattern = rs.getString("pattern");
          String value = pattern != null && !pattern.isEmpty() ? pattern : rs.getString("indicator_value");
          Routed r = new Routed(rs.getLong("id"), rs.getString("type"), value);
          for (String name : new String[] {value, rs.getString("indicator_value"), rs.getString("normalized_value"), rs.getString("stix_id"),
              rs.getString("indicator_name")}) {
            if (name != null && !name.isEmpty()) {
              byName.putIfAbsent(key(name), r);
            }
          }
        });
    return byName;
  }

  private static Routed find(Map<String, Routed> routed, String given) {
    Routed exact = routed.get(key(given));
    if (exact != null) {
      return exact;
    }
    // A spreadsheet or a mail may have written an address with a trailing dot or in another case.
    String trimmed = given.endsWith(".") ? given.substring(0, given.length() - 1) : given;
    return routed.get(key(trimmed));
  }

  private static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  private Map<Long, String> currentStatuses(long operationId, String country) {
    Map<Long, String> current = new HashMap<>();
    jdbc.query("select indicator_id, status from indicator_result where operation_id = :operation and country = :country",
        Map.of("operation", operationId, "country", country), rs -> {
          current.put(rs.getLong(1), rs.getString(2));
        });
    return current;
  }

  private long report(long operationId, String country, Reporter reporter, int results, Instant now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update("insert into result_report (operation_id, country, channel, reported_by, for_unit, reported_at, results, file_name, file_sha256)"
        + " values (:operation, :country, :channel, :by, :forUnit, :at, :results, :fileName, :fileSha256)",
        new MapSqlParameterSource().addValue("operation", operationId).addValue("country", country).addValue("channel", reporter.channel().name())
            .addValue("by", reporter.name()).addValue("forUnit", reporter.forUnit()).addValue("at", Timestamp.from(now))
            .addValue("results", results).addValue("fileName", reporter.fileName()).addValue("fileSha256", reporter.fileSha256()),
        key, new String[] {"id"});
    return key.getKey().longValue();
  }

  private record Current(Instant firstActionAt, Instant positiveAt) {}

  /** The log rows, and the current statuses replaced or added, in batches. */
  private void write(long operationId, String country, long reportId, Instant requestedAt, List<Read> lines) {
    Map<Long, Current> existing = new HashMap<>();
    jdbc.query("select indicator_id, first_action_at, positive_at from indicator_result where operation_id = :operation and country = :country",
        Map.of("operation", operationId, "country", country), rs -> {
          Timestamp positive = rs.getTimestamp(3);
          existing.put(rs.getLong(1), new Current(rs.getTimestamp(2).toInstant(), positive == null ? null : positive.toInstant()));
        });
    List<MapSqlParameterSource> log = new ArrayList<>();
    List<MapSqlParameterSource> updates = new ArrayList<>();
    List<MapSqlParameterSource> inserts = new ArrayList<>();
    for (Read line : lines) {
      boolean positive = statuses.find(line.status()).map(ResultStatuses.Status::positive).orElse(false);
      Current before = existing.get(line.indicatorId());
      Instant firstAction = before == null || line.statusAt().isBefore(before.firstActionAt()) ? line.statusAt() : before.firstActionAt();
      Instant positiveAt = before != null && before.positiveAt() != null ? before.positiveAt() : positive ? line.statusAt() : null;
      MapSqlParameterSource p = new MapSqlParameterSource().addValue("report", reportId).addValue("indicator", line.indicatorId())
          .addValue("country", country).addValue("operation", operationId).addValue("status", line.status()).addValue("positive", positive)
          .addValue("statusAt", Timestamp.from(line.statusAt())).addValue("requestedAt", Timestamp.from(requestedAt))
          .addValue("firstActionAt", Timestamp.from(firstAction)).addValue("positiveAt", positiveAt == null ? null : Timestamp.from(positiveAt))
          .addValue("firstActionSeconds", seconds(requestedAt, firstAction))
          .addValue("takedownSeconds", positiveAt == null ? null : seconds(requestedAt, positiveAt));
      log.add(p);
      (before == null ? inserts : updates).add(p);
    }
    batch("insert into indicator_result_log (report_id, indicator_id, country, status, status_at)"
        + " values (:report, :indicator, :country, :status, :statusAt)", log);
    batch("update indicator_result set status = :status, positive = :positive, status_at = :statusAt, first_action_at = :firstActionAt,"
        + " positive_at = :positiveAt, first_action_seconds = :firstActionSeconds, takedown_seconds = :takedownSeconds, report_id = :report"
        + " where indicator_id = :indicator and country = :country", updates);
    batch("insert into indicator_result (indicator_id, country, operation_id, status, positive, status_at, requested_at, first_action_at,"
        + " positive_at, first_action_seconds, takedown_seconds, report_id) values (:indicator, :country, :operation, :status, :positive,"
        + " :statusAt, :requestedAt, :firstActionAt, :positiveAt, :firstActionSeconds, :takedownSeconds, :report)", inserts);
  }

  private static long seconds(Instant from, Instant to) {
    return Math.max(0, Duration.between(from, to).getSeconds());
  }

  private void batch(String sql, List<MapSqlParameterSource> rows) {
    for (int from = 0; from < rows.size(); from += BATCH) {
      jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + BATCH)).toArray(MapSqlParameterSource[]::new));
    }
  }

  private void writeCounts(long operationId, String country, long reportId, CountryCounts counts) {
    CountryCounts last = counts(operationId).getOrDefault(country, new CountryCounts(0, 0, 0, 0, null));
    jdbc.update("insert into country_result (operation_id, country, report_id, servers_seized, domains_sinkholed, arrests, victims_notified, note)"
        + " values (:operation, :country, :report, :servers, :domains, :arrests, :victims, :note)", new MapSqlParameterSource()
        .addValue("operation", operationId).addValue("country", country).addValue("report", reportId)
        .addValue("servers", or(counts.serversSeized(), last.serversSeized())).addValue("domains", or(counts.domainsSinkholed(), last.domainsSinkholed()))
        .addValue("arrests", or(counts.arrests(), last.arrests())).addValue("victims", or(counts.victimsNotified(), last.victimsNotified()))
        .addValue("note", counts.note() == null || counts.note().isBlank() ? last.note() : counts.note().strip()));
  }

  private static void checkCounts(CountryCounts counts) {
    Map<String, Integer> numbers = new LinkedHashMap<>();
    numbers.put("serversSeized", counts.serversSeized());
    numbers.put("domainsSinkholed", counts.domainsSinkholed());
    numbers.put("arrests", counts.arrests());
    numbers.put("victimsNotified", counts.victimsNotified());
    numbers.forEach((name, n) -> {
      if (n != null && (n < 0 || n > 10_000_000)) {
        throw new InvalidInputException(name, "must be a whole number from 0 to 10,000,000, not " + n);
      }
    });
    if (counts.note() != null && counts.note().strip().length() > 2000) {
      throw new InvalidInputException("note", "is " + counts.note().strip().length() + " characters long; at most 2,000");
    }
  }

  private static int or(Integer given, Integer last) {
    return given != null ? given : last == null ? 0 : last;
  }

  /**
   * One indicator's result in one country, as listed: who reported it is named for the fusion centre and for the
   * country's own unit; a coordinator's report for the unit says so.
   */
  public record Row(String country, String type, String indicator, String status, String statusLabel, Instant statusAt, String reportedBy,
      boolean forUnit, String channel) {}

  /**
   * The results of the indicators this reader sees, country by country (a unit: its countries only), each indicator in
   * the order received; {@code country} narrows to one; at most {@code limit} rows.
   */
  @Transactional(readOnly = true)
  public List<Row> rows(String reference, org.takedown.security.Disclosure reader, String country, int limit) {
    org.takedown.security.OperationAccess.IndicatorRule rule = org.takedown.security.OperationAccess.indicators(reader);
    Map<String, Object> params = new HashMap<>(rule.params());
    params.put("reference", reference);
    params.put("limit", limit);
    String where = "";
    // A unit only its countries' rows; a co-reporting vendor the indicators the rule leaves it, in every country.
    if (reader.indicatorCountries() != null) {
      List<String> seen = reader.indicatorCountries().stream().sorted().toList();
      params.put("rowCountries", seen.isEmpty() ? List.of("") : seen);
      where += " and ic.country in (:rowCountries)";
    }
    if (country != null) {
      params.put("rowCountry", country);
      where += " and ic.country = :rowCountry";
    }
    return jdbc.query("select ic.country, i.type, i.indicator_value, i.pattern, r.status, r.status_at, rr.reported_by, rr.for_unit, rr.channel"
        + " from indicator i join operation o on o.id = i.operation_id join indicator_country ic on ic.indicator_id = i.id"
        + " left join indicator_result r on r.indicator_id = ic.indicator_id and r.country = ic.country"
        + " left join result_report rr on rr.id = r.report_id"
        + " where o.reference = :reference and " + rule.condition() + where
        + " and not exists (select 1 from indicator_unrouted u where u.indicator_id = i.id)"
        + " order by ic.country, i.id limit :limit", params, (rs, n) -> {
          String pattern = rs.getString("pattern");
          String status = rs.getString("status");
          Timestamp at = rs.getTimestamp("status_at");
          return new Row(rs.getString("country"), rs.getString("type"), pattern != null && !pattern.isEmpty() ? pattern : rs.getString("indicator_value"),
              status == null ? ResultStatuses.REQUESTED : status, statuses.label(status), at == null ? null : at.toInstant(),
              rs.getString("reported_by"), rs.getBoolean("for_unit"), rs.getString("channel"));
        });
  }

  /** Each country's latest counts, by country. */
  @Transactional(readOnly = true)
  public Map<String, CountryCounts> counts(long operationId) {
    Map<String, CountryCounts> latest = new LinkedHashMap<>();
    jdbc.query("select c.country, c.servers_seized, c.domains_sinkholed, c.arrests, c.victims_notified, c.note from country_result c"
        + " where c.operation_id = :operation and c.id = (select max(l.id) from country_result l where l.operation_id = c.operation_id"
        + " and l.country = c.country) order by c.country", Map.of("operation", operationId),
        rs -> {
          latest.put(rs.getString(1), new CountryCounts(rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getString(6)));
        });
    return latest;
  }
}
