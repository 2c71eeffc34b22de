package org.takedown.partner;

import static org.takedown.operation.JointTakedownProcess.COUNTRY;
import static org.takedown.operation.JointTakedownProcess.RELEASE_TLP;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.takedown.result.IndicatorResults;
import org.takedown.result.ResultStatuses;
import org.takedown.result.ResultUploads;
import org.takedown.result.ResultWorkbook;
import org.takedown.system.ConflictException;
import org.takedown.system.CountryCodes;
import org.takedown.system.InvalidInputException;
import org.takedown.system.NotFoundException;

/**
 * The results list uploaded back from the unit's results page: choose the file, see what was read line by line
 * (row, indicator, current → new result, or the row's problem) and confirm; only the confirmation records, whole or
 * not at all. The link is checked as every action link is ({@link ActionLinks#check}); a report does not use it up.
 */
@Controller
@RequestMapping("/partner/actions/{token}/spreadsheet")
class ResultSpreadsheetPage {

  private final ActionLinks links;
  private final HistoryService history;
  private final ResultUploads uploads;
  private final ResultWorkbook workbook;
  private final ResultStatuses statuses;

  ResultSpreadsheetPage(ActionLinks links, HistoryService history, ResultUploads uploads, ResultWorkbook workbook, ResultStatuses statuses) {
    this.links = links;
    this.history = history;
    this.uploads = uploads;
    this.workbook = workbook;
    this.statuses = statuses;
  }

  /** The link's operation and country, once the link has been checked. */
  private record Unit(ActionLink link, String reference, String country) {}

  @GetMapping
  String form(@PathVariable String token, Model model, HttpServletResponse response) {
    try {
      describe(unit(token), token, model);
      return "partner/spreadsheet";
    } catch (ActionLinks.LinkProblem problem) {
      return problem(problem.status(), problem.title(), problem.getMessage(), model, response);
    }
  }

  @PostMapping(consumes = "multipart/form-data")
  String upload(@PathVariable String token, HttpServletRequest request, Model model, HttpServletResponse response) {
    Unit unit;
    try {
      unit = unit(token);
    } catch (ActionLinks.LinkProblem problem) {
      return problem(problem.status(), problem.title(), problem.getMessage(), model, response);
    }
    try {
      String id = uploads.hold(unit.reference(), unit.country(), unit.link().getRecipient(), uploads.receive(request));
      // After the upload, an address of its own: a reload shows the preview again instead of sending the file twice.
      return "redirect:/partner/actions/" + token + "/spreadsheet/" + id;
    } catch (InvalidInputException e) {
      describe(unit, token, model);
      model.addAttribute("error", words(e));
      response.setStatus(400);
      return "partner/spreadsheet";
    } catch (ConflictException e) {
      return problem(409, "Results cannot be recorded now", e.getMessage(), model, response);
    }
  }

  @GetMapping("/{upload}")
  String preview(@PathVariable String token, @PathVariable String upload, Model model, HttpServletResponse response) {
    try {
      Unit unit = unit(token);
      describe(unit, token, model);
      show(uploads.pending(upload, unit.reference(), unit.country()), model);
      return "partner/spreadsheet-preview";
    } catch (ActionLinks.LinkProblem problem) {
      return problem(problem.status(), problem.title(), problem.getMessage(), model, response);
    } catch (NotFoundException e) {
      return problem(404, "This upload is no longer waiting", e.getMessage(), model, response);
    } catch (InvalidInputException e) {
      return problem(400, "The results list cannot be read", words(e), model, response);
    }
  }

  @PostMapping("/{upload}")
  String confirm(@PathVariable String token, @PathVariable String upload, Model model, HttpServletResponse response) {
    Unit unit;
    try {
      unit = unit(token);
    } catch (ActionLinks.LinkProblem problem) {
      return problem(problem.status(), problem.title(), problem.getMessage(), model, response);
    }
    try {
      IndicatorResults.Recorded recorded = uploads.confirm(upload, unit.reference(), unit.country(), unit.link().getRecipient(), false);
      describe(unit, token, model);
      model.addAttribute("recorded", String.format(Locale.ENGLISH, "%,d %s recorded for %s (%,d changed).", recorded.results(),
          recorded.results() == 1 ? "result" : "results", CountryCodes.name(unit.country()), recorded.changed()));
      return "partner/spreadsheet-recorded";
    } catch (NotFoundException e) {
      return problem(404, "This upload is no longer waiting", e.getMessage(), model, response);
    } catch (ConflictException e) {
      return problem(409, "Nothing more was recorded", e.getMessage(), model, response);
    } catch (InvalidInputException e) {
      // The statuses changed since the preview (another report), or the list no longer reads: show it again, as it reads now.
      describe(unit, token, model);
      model.addAttribute("error", "Nothing was recorded: " + words(e));
      try {
        show(uploads.pending(upload, unit.reference(), unit.country()), model);
      } catch (RuntimeException again) {
        return problem(400, "Nothing was recorded", words(e), model, response);
      }
      response.setStatus(400);
      return "partner/spreadsheet-preview";
    }
  }

  /** One line of the preview as the page prints it: 10,000 of them render fast when the words are made here. */
  record Shown(int row, String indicator, String result, String kind) {}

  private void show(ResultUploads.Preview preview, Model model) {
    model.addAttribute("preview", preview);
    model.addAttribute("shown", preview.lines().stream().map(l -> l.problem() != null ? new Shown(l.row(), l.indicator(), l.problem(), "refused")
        : l.changes() ? new Shown(l.row(), l.indicator(), statuses.label(l.previous()) + " → " + l.statusLabel(), "changes")
        : new Shown(l.row(), l.indicator(), l.statusLabel() + " (unchanged)", "same")).toList());
  }

  private Unit unit(String token) {
    ActionLink link = links.check(token);
    if (link.getAction() != PartnerAction.REPORT_RESULTS) {
      throw new ActionLinks.LinkProblem(404, "This link is not for reporting results",
          "Open the results page from the email that asks you to report your results.");
    }
    String country = variable(link, COUNTRY);
    if (country == null) {
      throw ActionLinks.LinkProblem.invalid();
    }
    return new Unit(link, link.getOperation().getReference(), country);
  }

  /** History, not the runtime: it answers whether the process instance still runs or not. */
  private String variable(ActionLink link, String name) {
    List<HistoricVariableInstance> found = history.createHistoricVariableInstanceQuery().processInstanceId(link.getProcessInstanceId())
        .variableName(name).list();
    return found.stream().map(HistoricVariableInstance::getValue).filter(String.class::isInstance).map(String.class::cast).findFirst()
        .orElse(null);
  }

  private void describe(Unit unit, String token, Model model) {
    model.addAttribute("token", token);
    model.addAttribute("reference", unit.reference());
    model.addAttribute("country", unit.country());
    model.addAttribute("countryName", CountryCodes.name(unit.country()));
    model.addAttribute("tlp", variable(unit.link(), RELEASE_TLP));
    model.addAttribute("choices", statuses.choices());
    model.addAttribute("maxMegabytes", workbook.maxBytes() / (1024 * 1024));
    model.addAttribute("maxRows", String.format(Locale.ENGLISH, "%,d", workbook.maxRows()));
  }

  /** "The file is encrypted: …": the refusal's words without field names. */
  private static String words(InvalidInputException e) {
    return String.join(" ", e.problems().stream().map(p -> ("file".equals(p.field()) ? "The file " : "The upload ") + p.message()
        + (p.message().endsWith(".") ? "" : ".")).toList());
  }

  private static String problem(int status, String title, String message, Model model, HttpServletResponse response) {
    response.setStatus(status);
    model.addAttribute("title", title);
    model.addAttribute("message", message);
    return "partner/problem";
  }
}
