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

  TrackerModel(NationalAssignmentService assignments, IndicatorRepository indicators, Timeline timeline, EvidenceRegister evidence,
      OperationSections sections) {
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
        new String[] {"Vendor", operation.getVendor()}));
    summary.addAll(sections.legalRows(reference));
    summary.addAll(List.of(
        new String[] {"Opened", TIME.format(operation.getCreatedAt())},
        new String[] {"Closed", operation.getClosedAt() == null ? "not yet closed" : TIME.format(operation.getClosedAt())},
        new String[] {"Outcome", text(operation.getOutcomeSummary())},
        new String[] {"Generated", TIME.format(now)}));
    ExcelTracker.Rows indicatorRows = row -> {
      try (Stream<IndicatorRow> rows = indicators.trackerRows(reference)) {
        rows.forEach(i -> row.accept(new String[] {i.type(), i.value(), i.normalizedValue(), TIME.format(i.receivedAt())}));
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
        ExcelTracker.Rows.of(countries), ExcelTracker.Rows.of(evidence(reference)), ExcelTracker.Rows.of(steps));
  }

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
