package org.takedown.briefing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import org.takedown.operation.Operation;
import org.takedown.result.IndicatorResults;
import org.takedown.result.ResultFigures;
import org.takedown.result.ResultStatuses;
import org.takedown.security.OperationAccess;

/** The closure report: the shared sections, with the outcome and the results as {@link ResultFigures} states them. */
@Component
class ClosureReportModel implements DocumentModel {

  private final OperationSections sections;
  private final ResultFigures figures;
  private final IndicatorResults results;
  private final ResultStatuses statuses;

  ClosureReportModel(OperationSections sections, ResultFigures figures, IndicatorResults results, ResultStatuses statuses) {
    this.sections = sections;
    this.figures = figures;
    this.results = results;
    this.statuses = statuses;
  }

  @Override
  public DocumentKind kind() {
    return DocumentKind.CLOSURE_REPORT;
  }

  @Override
  public Map<String, Object> build(Operation operation, VariableScope variables, Instant now) {
    Map<String, Object> model = sections.operation(kind(), operation, variables, now);
    model.putAll(results(operation));
    return model;
  }

  /**
   * resultsHeadline; resultCountries (name, routed, reported, positive, percent, takedownMedian, takedownP90, counts; an
   * "All" row last), resultVendors and resultTypes (name, routed, positive, percent), resultStatuses (label, count).
   */
  Map<String, Object> results(Operation operation) {
    ResultFigures.Figures f = figures.operation(operation.getReference(), OperationAccess.forCentre(operation));
    Map<String, IndicatorResults.CountryCounts> counts = results.counts(operation.getId());
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("resultsHeadline", f.headline());
    List<Map<String, Object>> countries = new ArrayList<>();
    for (ResultFigures.Rate r : f.byCountry()) {
      ResultFigures.Times t = f.timesByCountry().getOrDefault(r.key(), new ResultFigures.Times(null, null, null, null));
      countries.add(country(r.label() + " (" + r.key() + ")", r, t, counts.containsKey(r.key()) ? counts.get(r.key()).words() : ""));
    }
    if (countries.size() > 1) {
      countries.add(country("All", f.total(), f.times(), ""));
    }
    model.put("resultCountries", countries);
    model.put("resultVendors", f.byVendor().stream().map(ClosureReportModel::rate).toList());
    model.put("resultTypes", f.byType().stream().map(ClosureReportModel::rate).toList());
    model.put("resultStatuses", f.byStatus().entrySet().stream()
        .map(e -> Map.<String, Object>of("label", statuses.label(e.getKey()), "count", Long.toString(e.getValue()))).toList());
    return model;
  }

  private static Map<String, Object> country(String name, ResultFigures.Rate r, ResultFigures.Times t, String counts) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", name);
    row.put("routed", Long.toString(r.routed()));
    row.put("reported", Long.toString(r.reported()));
    row.put("positive", Long.toString(r.positive()));
    row.put("percent", r.percentText());
    row.put("takedownMedian", t.takedownMedianText());
    row.put("takedownP90", t.takedownP90Text());
    row.put("counts", counts);
    return row;
  }

  private static Map<String, Object> rate(ResultFigures.Rate r) {
    return Map.of("name", r.label(), "routed", Long.toString(r.routed()), "positive", Long.toString(r.positive()), "percent", r.percentText());
  }
}
