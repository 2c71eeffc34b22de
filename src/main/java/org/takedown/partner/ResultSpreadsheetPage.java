package org.takedown.partner;

import static org.takedown.operation.JointTakedownProcess.COUNTRY;
import static org.takedown.operation.JointTakedownProcess.RELEASE_TLP;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.takedown.system.Language;
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
  private final PartnerPages pages;

  ResultSpreadsheetPage(ActionLinks links, HistoryService history, ResultUploads uploads, ResultWorkbook workbook, ResultStatuses statuses,
      PartnerPages pages) {
    this.pages = pages;
    this.links = links;
    this.history = history;
    this.uploads = uploads;
    this.workbook = workbook;
    this.statuses = statuses;
  }

  /** The link's operation and country, once the link has been checked. */
  private record Unit(ActionLink link, String reference, String country, Language language) {}

  @GetMapping
  String form(@PathVariable String token, HttpServletRequest request, Model model, HttpServletResponse response) {
    try {
      describe(unit(token, request), token, model);
      return "partner/spreadsheet";
    } catch (ActionLinks.LinkProblem problem) {
      return problem(problem, request, model, response);
    }
  }

  @PostMapping(consumes = "multipart/form-data")
  String upload(@PathVariable String token, HttpServletRequest request, Model model, HttpServletResponse response) {
    Unit unit;
    try {
      unit = unit(token, request);
    } catch (ActionLinks.LinkProblem problem) {
      return problem(problem, request, model, response);
    }
    try {
      String id = uploads.hold(unit.reference(), unit.country(), unit.link().getRecipient(), uploads.receive(request));
      // After the upload, an address of its own: a reload shows the preview again instead of sending the file twice.
      return "redirect:/partner/actions/" + token + "/spreadsheet/" + id;
    } catch (InvalidInputException e) {
      describe(unit, token, model);
      model.addAttribute("error", words(e, unit.language()));
      response.setStatus(400);
      return "partner/spreadsheet";
    } catch (ConflictException e) {
      return problem(409, "pages.spreadsheet.problem.closed", sentence(e.getMessage(), unit.language()), unit.language(), model, response);
    }
  }

  @GetMapping("/{upload}")
  String preview(@PathVariable String token, @PathVariable String upload, HttpServletRequest request, Model model,
      HttpServletResponse response) {
    try {
      Unit unit = unit(token, request);
      describe(unit, token, model);
      show(uploads.pending(upload, unit.reference(), unit.country()), unit.language(), model);
      return "partner/spreadsheet-preview";
    } catch (ActionLinks.LinkProblem problem) {
      return problem(problem, request, model, response);
    } catch (NotFoundException e) {
      Language language = PartnerPages.of(request);
      return problem(404, "pages.spreadsheet.problem.gone", sentence(e.getMessage(), language), language, model, response);
    } catch (InvalidInputException e) {
      Language language = PartnerPages.of(request);
      return problem(400, "pages.spreadsheet.problem.unreadable", words(e, language), language, model, response);
    }
  }

  @PostMapping("/{upload}")
  String confirm(@PathVariable String token, @PathVariable String upload, HttpServletRequest request, Model model,
      HttpServletResponse response) {
    Unit unit;
    try {
      unit = unit(token, request);
    } catch (ActionLinks.LinkProblem problem) {
      return problem(problem, request, model, response);
    }
    Language language = unit.language();
    try {
      IndicatorResults.Recorded recorded = uploads.confirm(upload, unit.reference(), unit.country(), unit.link().getRecipient(), false);
      describe(unit, token, model);
      model.addAttribute("recorded", pages.count(language, "pages.spreadsheet.recorded", recorded.results(),
          pages.country(unit.country(), language), language.number(recorded.changed())));
      return "partner/spreadsheet-recorded";
    } catch (NotFoundException e) {
      return problem(404, "pages.spreadsheet.problem.gone", sentence(e.getMessage(), language), language, model, response);
    } catch (ConflictException e) {
      return problem(409, "pages.spreadsheet.problem.nothingMore", sentence(e.getMessage(), language), language, model, response);
    } catch (InvalidInputException e) {
      // The statuses changed since the preview (another report), or the list no longer reads: show it again, as it reads now.
      describe(unit, token, model);
      model.addAttribute("error", pages.text(language, "pages.spreadsheet.nothingRecorded", words(e, language)));
      try {
        show(uploads.pending(upload, unit.reference(), unit.country()), language, model);
      } catch (RuntimeException again) {
        return problem(400, "pages.spreadsheet.problem.nothingRecorded", words(e, language), language, model, response);
      }
      response.setStatus(400);
      return "partner/spreadsheet-preview";
    }
  }

  /** One line of the preview as the page prints it: 10,000 of them render fast when the words are made here. */
  record Shown(int row, String indicator, String result, String kind) {}

  private void show(ResultUploads.Preview preview, Language language, Model model) {
    model.addAttribute("preview", preview);
    model.addAttribute("problems", preview.problems().stream().map(p -> ResultProblems.translate(pages, p, language)).toList());
    model.addAttribute("summary", language.equals(Language.ENGLISH) ? preview.summary() : summary(preview, language));
    // The words of a status made once per status, not once per line: 10,000 lines render fast.
    Map<String, String> words = new HashMap<>();
    java.util.function.Function<String, String> status = code -> words.computeIfAbsent(String.valueOf(code), c -> pages.status(code, language));
    String unchanged = pages.text(language, "pages.spreadsheet.unchanged");
    String arrow = " " + pages.text(language, "pages.arrow") + " ";
    model.addAttribute("shown", preview.lines().stream().map(l -> l.problem() != null
        ? new Shown(l.row(), l.indicator(), ResultProblems.sentence(pages, l.problem(), language), "refused")
        : l.changes() ? new Shown(l.row(), l.indicator(), status.apply(l.previous()) + arrow + status.apply(l.status()), "changes")
        : new Shown(l.row(), l.indicator(), status.apply(l.status()) + " " + unchanged, "same")).toList());
  }

  /** The totals in the unit's words, as {@link ResultUploads#summary} says them in English; the problems are listed below. */
  private String summary(ResultUploads.Preview p, Language language) {
    String then = pages.text(language, "pages.semicolon") + " ";
    StringBuilder s = new StringBuilder(pages.count(language, "pages.spreadsheet.summary", p.read(), language.number(p.changes()),
        language.number(p.unchanged())));
    if (p.unanswered() > 0) {
      s.append(then).append(pages.count(language, "pages.spreadsheet.summary.unanswered", p.unanswered()));
    }
    long refused = p.lines().stream().filter(l -> l.problem() != null).count();
    if (refused > 0) {
      s.append(then).append(pages.count(language, "pages.spreadsheet.summary.refused", refused));
    }
    p.problems().stream().filter(problem -> !problem.startsWith("row ")).forEach(problem -> s.append(then)
        .append(ResultProblems.sentence(pages, problem, language)));
    return s.append('.').toString();
  }

  private Unit unit(String token, HttpServletRequest request) {
    Language language = pages.use(request, token);
    ActionLink link = links.check(token);
    if (link.getAction() != PartnerAction.REPORT_RESULTS) {
      throw new ActionLinks.LinkProblem(404, "notForResults");
    }
    String country = variable(link, COUNTRY);
    if (country == null) {
      throw ActionLinks.LinkProblem.invalid();
    }
    return new Unit(link, link.getOperation().getReference(), country, language);
  }

  /** History, not the runtime: it answers whether the process instance still runs or not. */
  private String variable(ActionLink link, String name) {
    List<HistoricVariableInstance> found = history.createHistoricVariableInstanceQuery().processInstanceId(link.getProcessInstanceId())
        .variableName(name).list();
    return found.stream().map(HistoricVariableInstance::getValue).filter(String.class::isInstance).map(String.class::cast).findFirst()
        .orElse(null);
  }

  private void describe(Unit unit, String token, Model model) {
    Language language = unit.language();
    model.addAttribute("token", token);
    model.addAttribute("reference", unit.reference());
    model.addAttribute("country", unit.country());
    model.addAttribute("countryName", pages.country(unit.country(), language));
    model.addAttribute("tlp", variable(unit.link(), RELEASE_TLP));
    model.addAttribute("choices", pages.choices(language));
    model.addAttribute("maxMegabytes", Long.toString(workbook.maxBytes() / (1024 * 1024)));
    model.addAttribute("maxRows", language.number(workbook.maxRows()));
  }

  /** "The file is encrypted: …": the refusal's words without field names, in the unit's language. */
  private String words(InvalidInputException e, Language language) {
    return String.join(" ", e.problems().stream().map(p -> pages.text(language, "file".equals(p.field()) ? "pages.spreadsheet.problem.file"
        : "pages.spreadsheet.problem.upload", stripStop(ResultProblems.sentence(pages, p.message(), language)))).toList());
  }

  private static String stripStop(String sentence) {
    return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
  }

  private String sentence(String english, Language language) {
    return ResultProblems.sentence(pages, english, language);
  }

  private String problem(ActionLinks.LinkProblem problem, HttpServletRequest request, Model model, HttpServletResponse response) {
    return pages.problem(problem, PartnerPages.of(request), model, response);
  }

  private String problem(int status, String titleKey, String message, Language language, Model model, HttpServletResponse response) {
    return PartnerPages.problem(status, pages.text(language, titleKey), message, null, model, response);
  }
}
