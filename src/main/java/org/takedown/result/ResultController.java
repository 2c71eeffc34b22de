package org.takedown.result;

import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.security.Audience;
import org.takedown.security.OperationAccess;
import org.takedown.system.Caller;
import org.takedown.system.CountryCodes;
import org.takedown.system.ForbiddenException;
import org.takedown.system.InvalidInputException;
import org.takedown.system.OneLine;

/**
 * Results through the API (docs/results.md), for units with their own systems and for coordinators recording for a
 * unit: GET what the reader may see of an operation's results and figures; POST a country's report, checked whole and
 * recorded whole or not at all.
 */
@RestController
@RequestMapping("/api/operations/{reference}/results")
class ResultController {

  private static final int MAX_LINES = 50_000;

  private final OperationAccess access;
  private final IndicatorResults results;
  private final ResultFigures figures;
  private final ResultStatuses statuses;

  ResultController(OperationAccess access, IndicatorResults results, ResultFigures figures, ResultStatuses statuses) {
    this.access = access;
    this.results = results;
    this.figures = figures;
    this.statuses = statuses;
  }

  /** The statuses one may report, the figures and each indicator's result, as this reader sees them. */
  record Answer(String reference, List<ResultStatuses.Status> statuses, ResultFigures.Figures figures,
      Map<String, IndicatorResults.CountryCounts> counts, List<IndicatorResults.Row> results) {}

  @GetMapping
  Answer get(@PathVariable String reference, @RequestParam(required = false) String country) {
    Caller caller = Caller.current();
    OperationAccess.Disclosed d = access.disclose(caller, reference.toUpperCase(Locale.ROOT));
    if (d.disclosure().audience() != Audience.STAFF && d.disclosure().audience() != Audience.UNIT) {
      throw new ForbiddenException("Results of " + d.operation().getReference() + " are for the fusion centre and the units asked.");
    }
    String only = country == null ? null : Reporters.country(country, "");
    if (only != null && !d.disclosure().seesAllIndicators() && !d.disclosure().indicatorCountries().contains(only)) {
      throw new ForbiddenException("You report for " + String.join(", ", d.disclosure().indicatorCountries()) + ", not " + only + ".");
    }
    String ref = d.operation().getReference();
    Map<String, IndicatorResults.CountryCounts> counts = new java.util.LinkedHashMap<>(results.counts(d.operation().getId()));
    counts.keySet().removeIf(c -> !d.disclosure().seesAllIndicators() && !d.disclosure().indicatorCountries().contains(c));
    return new Answer(ref, statuses.reportable(), figures.operation(ref, d.disclosure()), counts,
        results.rows(ref, d.disclosure(), only, Integer.MAX_VALUE));
  }

  /** One line: the indicator (its value as listed, or its STIX id), the result, optionally the day it happened. */
  record ResultLine(@OneLine String indicator, @OneLine String status, @OneLine String date) {}

  /** A country's report: its results, its counts, or both. */
  record Report(@OneLine String country, List<@Valid ResultLine> results, Integer serversSeized, Integer domainsSinkholed, Integer arrests,
      Integer victimsNotified, String note) {}

  /** What was recorded, in numbers and words. */
  record Recorded(String reference, String country, int results, int changed, boolean counts, boolean forUnit, String message) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Recorded post(@PathVariable String reference, @Valid @RequestBody Report body) {
    Caller caller = Caller.current();
    OperationAccess.Disclosed d = access.disclose(caller, reference.toUpperCase(Locale.ROOT));
    if (body == null) {
      throw new InvalidInputException("results", "is required: send a JSON object with the country and its results");
    }
    String country = Reporters.country(body.country(), "");
    boolean forUnit = Reporters.forUnit(caller, d, country);
    List<ResultLine> given = body.results() == null ? List.of() : body.results();
    if (given.size() > MAX_LINES) {
      throw new InvalidInputException("results", "holds " + given.size() + " lines; a report holds at most " + MAX_LINES);
    }
    List<IndicatorResults.Line> lines = new ArrayList<>(given.size());
    for (int i = 0; i < given.size(); i++) {
      ResultLine line = given.get(i);
      if (line == null) {
        throw new InvalidInputException("results[" + i + "]", "is empty: give the indicator and its status");
      }
      lines.add(new IndicatorResults.Line(i + 1, line.indicator(), line.status(), line.date()));
    }
    IndicatorResults.Recorded recorded = results.record(d.operation().getReference(), country,
        IndicatorResults.Reporter.of(caller.user(), forUnit, IndicatorResults.Channel.API), lines,
        new IndicatorResults.CountryCounts(body.serversSeized(), body.domainsSinkholed(), body.arrests(), body.victimsNotified(), body.note()));
    return new Recorded(recorded.reference(), country, recorded.results(), recorded.changed(), recorded.counts(), forUnit,
        String.format(Locale.ENGLISH, "%,d %s recorded for %s%s (%,d changed)%s.", recorded.results(), recorded.results() == 1 ? "result" : "results",
            CountryCodes.name(country), forUnit ? " by " + caller.user() + " for the unit" : "", recorded.changed(),
            recorded.counts() ? ", with the country's counts" : ""));
  }
}
