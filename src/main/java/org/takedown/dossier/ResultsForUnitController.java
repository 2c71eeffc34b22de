package org.takedown.dossier;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;
import org.takedown.result.IndicatorResults;
import org.takedown.result.ResultStatuses;
import org.takedown.security.OperationAccess;
import org.takedown.system.Caller;
import org.takedown.system.ConflictException;
import org.takedown.system.CountryCodes;
import org.takedown.system.ForbiddenException;
import org.takedown.system.InvalidInputException;
import org.takedown.system.NotFoundException;

/**
 * A coordinator records results for a unit from the operation page (the API's POST /api/operations/{reference}/results,
 * as a form): the indicators pasted one per line, or every one still requested, with one status and an optional day.
 * The report is checked whole: a problem records nothing and the page says which line and why, keeping what was typed.
 */
@Controller
class ResultsForUnitController {

  /** As many lines as the API takes in one report. */
  static final int MAX_LINES = 50_000;

  private final OperationAccess access;
  private final IndicatorResults results;

  ResultsForUnitController(OperationAccess access, IndicatorResults results) {
    this.access = access;
    this.results = results;
  }

  @PostMapping("/operations/{reference}/results")
  String record(@PathVariable String reference, @RequestParam(required = false) String country,
      @RequestParam(required = false) String indicators, @RequestParam(required = false) String all,
      @RequestParam(required = false) String status, @RequestParam(required = false) String date, RedirectAttributes flash) {
    Caller caller = Caller.current();
    OperationAccess.Disclosed disclosed;
    try {
      disclosed = access.disclose(caller, reference.trim().toUpperCase(Locale.ROOT));
    } catch (NotFoundException e) {
      throw new PageNotFound("No operation " + reference.trim().toUpperCase(Locale.ROOT));
    }
    if (!disclosed.disclosure().isStaff() || !caller.isCoordinator()) {
      throw new ForbiddenException("Coordinators record results for a unit on this page; units report on their own results page.");
    }
    String ref = disclosed.operation().getReference();
    String redirect = "redirect:/operations/" + UriUtils.encodePathSegment(ref, StandardCharsets.UTF_8) + "#results";
    flash.addFlashAttribute("resultForm", Map.of("country", text(country), "indicators", text(indicators), "all", all != null,
        "status", text(status), "date", text(date)));
    try {
      String c = country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
      if (!CountryCodes.isValid(c)) {
        throw new InvalidInputException("Country", c.isEmpty() ? "is required: choose the country whose unit you record for"
            : "\"" + country.strip() + "\" is not a country code");
      }
      if (status == null || status.isBlank()) {
        throw new InvalidInputException("Result", "is required: choose what became of the indicators");
      }
      List<String> named = all != null ? stillRequested(disclosed, c) : pasted(indicators);
      if (named.isEmpty()) {
        throw new InvalidInputException("Indicators", all != null ? "none of " + CountryCodes.name(c) + "'s indicators is still requested"
            : "are required: paste them one per line, or tick \"all still requested\"");
      }
      if (named.size() > MAX_LINES) {
        throw new InvalidInputException("Indicators", String.format(Locale.ENGLISH, "%,d lines; at most %,d at once", named.size(), MAX_LINES));
      }
      List<IndicatorResults.Line> lines = IndicatorResults.all(named, status, date);
      IndicatorResults.Checked checked = results.check(ref, c, lines);
      if (!checked.ok()) {
        List<String> problems = new ArrayList<>(List.of("Nothing was recorded:"));
        problems.addAll(checked.problems().stream().map(p -> p.replaceFirst("^row ", "line ")).limit(50).toList());
        if (checked.problems().size() > 50) {
          problems.add("and " + (checked.problems().size() - 50) + " more problems");
        }
        flash.addFlashAttribute("resultErrors", problems);
        return redirect;
      }
      IndicatorResults.Recorded recorded = results.record(ref, c, IndicatorResults.Reporter.of(caller.user(), true, IndicatorResults.Channel.PAGE),
          lines, null);
      flash.addFlashAttribute("resultNotice", String.format(Locale.ENGLISH, "%,d %s recorded for %s by %s for the unit (%,d changed).",
          recorded.results(), recorded.results() == 1 ? "result" : "results", CountryCodes.name(c), caller.user(), recorded.changed()));
      flash.addFlashAttribute("resultForm", Map.of("country", c));
    } catch (InvalidInputException e) {
      flash.addFlashAttribute("resultErrors", e.problems().stream().map(p -> p.field() + " " + p.message()).toList());
    } catch (ConflictException e) {
      flash.addFlashAttribute("resultErrors", List.of(e.getMessage()));
    }
    return redirect;
  }

  /** Every indicator of the country with no result reported yet. */
  private List<String> stillRequested(OperationAccess.Disclosed disclosed, String country) {
    return results.rows(disclosed.operation().getReference(), disclosed.disclosure(), country, Integer.MAX_VALUE).stream()
        .filter(r -> ResultStatuses.REQUESTED.equals(r.status())).map(IndicatorResults.Row::indicator).toList();
  }

  private static List<String> pasted(String text) {
    return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
