package org.takedown.dossier;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.operation.Operation;
import org.takedown.operation.Stage;
import org.takedown.result.IndicatorResults;
import org.takedown.result.ResultFigures;
import org.takedown.result.ResultStatuses;
import org.takedown.security.Disclosure;
import org.takedown.system.CountryCodes;

/**
 * The Results section of the operation page: the figures as {@link ResultFigures} states them for this reader (a unit
 * its country's only, the vendors for staff only), each country's counts, and each indicator's result for the
 * indicator listing. Nothing is computed here but words.
 */
@Component
class ResultsSection {

  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  /** From the units' first request on: before, every indicator would read "0 taken down" though nobody was asked. */
  private static final EnumSet<Stage> SHOWN = EnumSet.range(Stage.NATIONAL_ASSIGNMENT, Stage.CLOSED);

  private final ResultFigures figures;
  private final IndicatorResults results;
  private final ResultStatuses statuses;
  private final NationalAssignmentService assignments;

  ResultsSection(ResultFigures figures, IndicatorResults results, ResultStatuses statuses, NationalAssignmentService assignments) {
    this.figures = figures;
    this.results = results;
    this.statuses = statuses;
    this.assignments = assignments;
  }

  /** One row of a breakdown, with its times where the breakdown has them (per country). */
  record RateView(String name, long routed, long reported, long positive, String percent, String firstActionMedian, String firstActionP90,
      String takedownMedian, String takedownP90, String counts) {}

  record StatusView(String label, long count) {}

  record CountryChoice(String code, String name) {}

  static boolean shown(Operation o) {
    return SHOWN.contains(o.getStage());
  }

  /** Adds "results" (the figures in words) and, for a coordinator while results may be recorded, the form's choices. */
  void add(Model model, Operation o, Disclosure d, boolean coordinator) {
    if (!shown(o)) {
      return;
    }
    String ref = o.getReference();
    ResultFigures.Figures f = figures.operation(ref, d);
    Map<String, IndicatorResults.CountryCounts> counts = results.counts(o.getId());
    List<RateView> countries = new ArrayList<>();
    for (ResultFigures.Rate r : f.byCountry()) {
      ResultFigures.Times t = f.timesByCountry().getOrDefault(r.key(), new ResultFigures.Times(null, null, null, null));
      countries.add(new RateView(r.label() + " (" + r.key() + ")", r.routed(), r.reported(), r.positive(), r.percentText(),
          t.firstActionMedianText(), t.firstActionP90Text(), t.takedownMedianText(), t.takedownP90Text(), counts.containsKey(r.key()) ? counts.get(r.key()).words() : ""));
    }
    ResultFigures.Times t = f.times();
    RateView total = new RateView("All", f.total().routed(), f.total().reported(), f.total().positive(), f.total().percentText(),
        t.firstActionMedianText(), t.firstActionP90Text(), t.takedownMedianText(), t.takedownP90Text(), "");
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("headline", f.headline());
    view.put("countries", countries);
    view.put("total", total);
    view.put("byType", f.byType().stream().map(ResultsSection::plain).toList());
    view.put("byVendor", f.byVendor().stream().map(ResultsSection::plain).toList());
    view.put("byStatus", f.byStatus().entrySet().stream().map(e -> new StatusView(statuses.label(e.getKey()), e.getValue())).toList());
    java.time.Instant lastReport = figures.lastReport(ref);
    view.put("lastReport", lastReport == null ? null : Board.TIME.format(lastReport));
    model.addAttribute("results", view);
    if (coordinator && d.isStaff()) {
      List<CountryChoice> open = assignments.list(ref).stream()
          .filter(a -> a.getStatus() == AssignmentStatus.ACCEPTED && results.closedFor(ref, a.getCountry()).isEmpty())
          .map(a -> new CountryChoice(a.getCountry(), CountryCodes.name(a.getCountry()))).toList();
      if (!open.isEmpty()) {
        model.addAttribute("resultCountries", open);
        model.addAttribute("resultStatuses", statuses.reportable());
      }
    }
  }

  /**
   * Each indicator's result per country, as "DE: taken down, 2026-11-02, reported by cora for the unit", keyed by type
   * and the value as sent (how the listing knows it); empty before the units are asked.
   */
  Map<String, List<String>> byIndicator(Operation o, Disclosure d, int limit) {
    Map<String, List<String>> by = new LinkedHashMap<>();
    if (!shown(o)) {
      return by;
    }
    for (IndicatorResults.Row r : results.rows(o.getReference(), d, null, limit)) {
      StringBuilder s = new StringBuilder(r.country()).append(": ").append(r.statusLabel());
      if (r.statusAt() != null) {
        s.append(", ").append(DAY.format(r.statusAt()));
      }
      if (r.reportedBy() != null) {
        s.append(", reported by ").append(r.reportedBy()).append(r.forUnit() ? " for the unit" : "");
      }
      by.computeIfAbsent(r.type() + "|" + r.indicator(), k -> new ArrayList<>()).add(s.toString());
    }
    return by;
  }

  private static RateView plain(ResultFigures.Rate r) {
    return new RateView(r.label(), r.routed(), r.reported(), r.positive(), r.percentText(), null, null, null, null, null);
  }
}
