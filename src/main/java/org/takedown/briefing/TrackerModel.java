package org.takedown.briefing;

import static org.takedown.briefing.Formats.TIME;
import static org.takedown.briefing.Formats.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.evidence.CustodyStanding;
import org.takedown.evidence.EvidenceItem;
import org.takedown.evidence.EvidenceRegister;
import org.takedown.operation.Operation;
import org.takedown.result.IndicatorResults;
import org.takedown.result.ResultFigures;
import org.takedown.security.OperationAccess;
import org.takedown.system.CountryCodes;
import org.takedown.tip.IndicatorRepository;
import org.takedown.tip.IndicatorRow;

/** The sheets of the Excel operation tracker, as the operation stands now; indicators are streamed. */
@Component
class TrackerModel {

  private final NationalAssignmentService assignments;
  private final IndicatorRepository indicators;
  private final Timeline timeline;
  private final EvidenceRegister evidence;
  private final OperationSections sections;
  private final ResultFigures figures;
  private final IndicatorResults results;

  TrackerModel(NationalAssignmentService assignments, IndicatorRepository indicators, Timeline timeline, EvidenceRegister evidence,
      OperationSections sections, ResultFigures figures, IndicatorResults results) {
    this.figures = figures;
    this.results = results;
    this.sections = sections;
    this.evidence = evidence;
    this.assignments = assignments;
    this.indicators = indicators;
    this.timeline = timeline;
  }

  /** Call inside a transaction: the indicator rows are read while the workbook is written. */
  ExcelTracker.Contents build(Operation operation, Instant now) {
    String reference = operation.getReference();
    List<String[]> summary = new ArrayList<>(List.of(
        new String[] {"Reference", operation.getReference()},
        new String[] {"Title", operation.getTitle()},
        new String[] {"Summary", text(operation.getSummary())},
        new String[] {"TLP rule", operation.getTlp().sharingRule()},
        new String[] {"PAP", operation.getPap().label() + ": " + operation.getPap().rule()},
        new String[] {"Stage", Formats.words(operation.getStage().name())},
        new String[] {"Vendor", operation.getVendorName()}));
    summary.addAll(sections.legalRows(reference));
    summary.addAll(List.of(
        new String[] {"Opened", TIME.format(operation.getCreatedAt())},
        new String[] {"Closed", operation.getClosedAt() == null ? "not yet closed" : TIME.format(operation.getClosedAt())},
        new String[] {"Outcome", text(operation.getOutcomeSummary())},
        new String[] {"Generated", TIME.format(now)}));
    Map<String, String[]> indicatorResults = indicatorResults(operation);
    ExcelTracker.Rows indicatorRows = row -> {
      try (Stream<IndicatorRow> rows = indicators.trackerRows(reference)) {
        rows.forEach(i -> {
          String[] result = indicatorResults.getOrDefault(i.type() + "|" + i.value(), NO_RESULT);
          row.accept(new String[] {i.type(), i.value(), i.normalizedValue(), TIME.format(i.receivedAt()), result[0], result[1], result[2]});
        });
      }
    };
    List<String[]> countries = new ArrayList<>();
    for (CountryAssignment a : assignments.list(reference)) {
      countries.add(new String[] {a.getCountry(), CountryCodes.name(a.getCountry()), sections.unit(a), Formats.words(a.getStatus().name()),
          text(a.getResponder()), text(a.getResponseNote()), a.getRequestedAt() == null ? "" : TIME.format(a.getRequestedAt()),
          a.getRespondedAt() == null ? "" : TIME.format(a.getRespondedAt()), Integer.toString(a.getReminders()),
          a.getHandoverStatus() == null ? "" : Formats.words(a.getHandoverStatus().name()), Formats.outcome(a.getOutcome(), operation.getStage().isFinal())});
    }
    List<String[]> steps = timeline.of(reference).stream().map(r -> new String[] {(String) r.get("activity"), (String) r.get("assignee"),
        (String) r.get("start"), (String) r.get("end"), (String) r.get("duration")}).toList();
    return new ExcelTracker.Contents(reference, operation.getTlp(), TIME.format(now), summary, indicatorRows,
        ExcelTracker.Rows.of(countries), ExcelTracker.Rows.of(evidence(reference)), ExcelTracker.Rows.of(steps), results(operation));
  }

  private static final String[] NO_RESULT = {"", "", ""};

  /** The headline, and per country: routed, reported, taken down, the rate, the times and the counts, as ResultFigures states them. */
  private ExcelTracker.Results results(Operation operation) {
    if (!java.util.EnumSet.range(org.takedown.operation.Stage.NATIONAL_ASSIGNMENT, org.takedown.operation.Stage.CLOSED)
        .contains(operation.getStage())) {
      return new ExcelTracker.Results("No unit has been asked yet.", List.of());
    }
    ResultFigures.Figures f = figures.operation(operation.getReference(), OperationAccess.forCentre(operation));
    Map<String, IndicatorResults.CountryCounts> counts = results.counts(operation.getId());
    List<Object[]> rows = new ArrayList<>();
    for (ResultFigures.Rate r : f.byCountry()) {
      ResultFigures.Times t = f.timesByCountry().getOrDefault(r.key(), new ResultFigures.Times(null, null, null, null));
      IndicatorResults.CountryCounts c = counts.get(r.key());
      rows.add(row(r.label() + " (" + r.key() + ")", r, t, c == null ? new Object[] {null, null, null, null, null}
          : new Object[] {c.serversSeized(), c.domainsSinkholed(), c.arrests(), c.victimsNotified(), text(c.note())}));
    }
    if (rows.size() > 1) {
      ResultFigures.Counts c = f.counts();
      rows.add(row("All", f.total(), f.times(), new Object[] {c.serversSeized(), c.domainsSinkholed(), c.arrests(), c.victimsNotified(), ""}));
    }
    return new ExcelTracker.Results(f.headline(), rows);
  }

  private static Object[] row(String name, ResultFigures.Rate r, ResultFigures.Times t, Object[] counts) {
    Object[] row = new Object[] {name, r.routed(), r.reported(), r.positive(), r.routed() == 0 ? null : new ExcelTracker.Percent((double) r.positive() / r.routed()),
        t.firstActionMedianText(), t.firstActionP90Text(), t.takedownMedianText(), t.takedownP90Text()};
    Object[] all = Arrays.copyOf(row, row.length + counts.length);
    System.arraycopy(counts, 0, all, row.length, counts.length);
    return all;
  }

  /**
   * Each indicator's result (status, day, who reported), by type and value as sent; an indicator routed to several
   * countries has a line per country, each starting with its code.
   */
  private Map<String, String[]> indicatorResults(Operation operation) {
    Map<String, List<IndicatorResults.Row>> by = new java.util.HashMap<>();
    if (!java.util.EnumSet.range(org.takedown.operation.Stage.NATIONAL_ASSIGNMENT, org.takedown.operation.Stage.CLOSED)
        .contains(operation.getStage())) {
      return Map.of();
    }
    for (IndicatorResults.Row r : results.rows(operation.getReference(), OperationAccess.forCentre(operation), null, Integer.MAX_VALUE)) {
      by.computeIfAbsent(r.type() + "|" + r.indicator(), k -> new ArrayList<>(1)).add(r);
    }
    Map<String, String[]> cells = new java.util.HashMap<>(by.size() * 2);
    by.forEach((key, rows) -> {
      boolean several = rows.size() > 1;
      String[] cell = {"", "", ""};
      for (IndicatorResults.Row r : rows) {
        String prefix = several ? r.country() + ": " : "";
        String sep = cell[0].isEmpty() ? "" : "\n";
        cell[0] += sep + prefix + r.statusLabel();
        cell[1] += sep + prefix + (r.statusAt() == null ? "" : DAY.format(r.statusAt()));
        cell[2] += sep + prefix + (r.reportedBy() == null ? "" : r.reportedBy() + (r.forUnit() ? " for the unit" : ""));
      }
      cells.put(key, cell);
    });
    return cells;
  }

  private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd")
      .withZone(java.time.ZoneOffset.UTC);

  /**
   * The items of the package last handed over to each country, with the SHA-256 its unit reported, and with the
   * register's facts of each item (description, type, registered SHA-256, size, custody status); then the register's
   * items not handed over to any country.
   */
  private List<String[]> evidence(String reference) {
    Map<String, EvidenceItem> register = new LinkedHashMap<>();
    Map<String, CustodyStanding> standings = evidence.standings(reference);
    for (EvidenceItem item : evidence.items(reference)) {
      register.put(item.label(), item);
    }
    Set<String> handedOver = new HashSet<>();
    List<String[]> rows = new ArrayList<>();
    for (CountryAssignment a : assignments.list(reference)) {
      List<String> items = a.getEvidenceItems();
      Map<String, String> reported = a.getReportedSha256();
      String handover = a.getHandoverStatus() == null ? "" : Formats.words(a.getHandoverStatus().name());
      String answered = a.getReceiptAnsweredAt() == null ? "" : TIME.format(a.getReceiptAnsweredAt());
      for (int i = 0; i < items.size(); i++) {
        EvidenceItem item = register.get(items.get(i));
        handedOver.add(items.get(i));
        String reportedHash = reported.get(items.get(i));
        rows.add(row(new String[] {a.getCountry(), Integer.toString(i + 1), items.get(i), handover,
            Formats.reportedHash(a.getHandoverStatus(), reportedHash), answered}, item, standings.get(items.get(i)), reportedHash));
      }
    }
    register.forEach((label, item) -> {
      if (!handedOver.contains(label)) {
        rows.add(row(new String[] {"", "", label, "not handed over", "", ""}, item, standings.get(label), null));
      }
    });
    return rows;
  }

  private static String[] row(String[] handover, EvidenceItem item, CustodyStanding standing, String reportedHash) {
    if (item == null) {
      return handover;
    }
    String check = reportedHash == null || reportedHash.isBlank() ? "" : reportedHash.equalsIgnoreCase(item.getSha256()) ? "match" : "MISMATCH";
    String[] row = Arrays.copyOf(handover, handover.length + 6);
    row[handover.length] = item.getDescription();
    row[handover.length + 1] = item.getType().label();
    row[handover.length + 2] = item.getSha256();
    row[handover.length + 3] = Long.toString(item.getSizeBytes());
    row[handover.length + 4] = standing.label();
    row[handover.length + 5] = check;
    return row;
  }
}
