package org.takedown.partner;

import static org.takedown.assignment.NationalAssignmentProcess.NATIONAL_UNIT;
import static org.takedown.operation.JointTakedownProcess.COUNTRY;
import static org.takedown.operation.JointTakedownProcess.RELEASE_TLP;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.takedown.evidence.EvidenceHandoverProcess;
import org.takedown.operation.Operation;
import org.takedown.result.IndicatorResults;
import org.takedown.result.ResultStatuses;
import org.takedown.security.Disclosure;
import org.takedown.security.OperationAccess;
import org.takedown.system.Concurrency;
import org.takedown.system.ConflictException;
import org.takedown.system.Language;
import org.takedown.system.InvalidInputException;

/**
 * The unit's results page behind its {@link PartnerAction#REPORT_RESULTS} link: its own country's indicators only (need
 * to know), a page of them at a time (a unit may hold ten thousand), each with its status and a choice; a bulk choice for
 * the selected lines or the whole list with per-line exceptions; the country's counts. "Save" records through
 * {@link IndicatorResults#record} and leaves the link usable; "Our results are complete" records what is chosen and
 * completes the task, using the link. GET shows only, as mail scanners open links.
 */
@Controller
@RequestMapping("/partner/actions/{token}/results")
class ResultsPageController {

  private static final Logger log = LoggerFactory.getLogger(ResultsPageController.class);
  static final int PAGE_SIZE = 100;
  private static final int RECORDED_SHOWN = 100;
  private static final Pattern ROW = Pattern.compile("^row (\\d+): (.*)$");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  private final ActionLinks links;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final IndicatorResults results;
  private final ResultStatuses statuses;
  private final TransactionTemplate transactions;
  private final PartnerPages pages;

  ResultsPageController(ActionLinks links, TaskService tasks, RuntimeService runtime, HistoryService history, IndicatorResults results,
      ResultStatuses statuses, PlatformTransactionManager transactionManager, PartnerPages pages) {
    this.pages = pages;
    this.links = links;
    this.tasks = tasks;
    this.runtime = runtime;
    this.history = history;
    this.results = results;
    this.statuses = statuses;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /** The link's task, country and what the unit may see, checked for every request. */
  private record Context(ActionLink link, Task task, Operation operation, String country, Disclosure unit, Language language) {}

  @GetMapping
  String show(@PathVariable String token, @RequestParam(required = false) String filter, @RequestParam(required = false) String page,
      Model model, HttpServletRequest request, HttpServletResponse response) {
    try {
      return transactions.execute(status -> {
        status.setRollbackOnly();
        Context context = context(token, request);
        page(context, token, filter(filter, context.language()), pageNumber(page, context.language()), model);
        return "partner/results";
      });
    } catch (ActionLinks.LinkProblem problem) {
      return pages.problem(problem, PartnerPages.of(request), model, response);
    } catch (BadInput bad) {
      return nothingRecorded(bad.getMessage(), token, request, model, response);
    }
  }

  private String nothingRecorded(String message, String token, HttpServletRequest request, Model model, HttpServletResponse response) {
    Language language = PartnerPages.of(request);
    return PartnerPages.problem(400, pages.text(language, "pages.results.nothingRecorded"), message, back(token), model, response);
  }

  private static String back(String token) {
    return token == null ? null : "/partner/actions/" + token + "/results";
  }

  /** Records what the form chose, whole or not at all; with {@code complete}, also says the results are complete. */
  @PostMapping
  String save(@PathVariable String token, @RequestParam MultiValueMap<String, String> form, Model model, HttpServletRequest request,
      HttpServletResponse response) {
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return transactions.execute(status -> saveOnce(token, form, model, request, response));
        } catch (RuntimeException e) {
          // A reminder's job or another press on the same task at the same moment: the whole save is tried again.
          if (attempt == 3 || !Concurrency.isCollision(e)) {
            throw e;
          }
        }
      }
    } catch (ActionLinks.LinkProblem problem) {
      return pages.problem(problem, PartnerPages.of(request), model, response);
    } catch (BadInput bad) {
      return nothingRecorded(bad.getMessage(), token, request, model, response);
    } catch (InvalidInputException invalid) {
      return nothingRecorded(plain(invalid, PartnerPages.of(request)), token, request, model, response);
    } catch (ConflictException conflict) {
      Language language = PartnerPages.of(request);
      return PartnerPages.problem(409, pages.text(language, "pages.results.closed.title"), pages.text(language, "pages.results.closed.message",
          ResultProblems.sentence(pages, conflict.getMessage(), language)), null, model, response);
    } catch (RuntimeException e) {
      log.error("Results page of link {}… failed", token.substring(0, Math.min(8, token.length())), e);
      Language language = PartnerPages.of(request);
      return PartnerPages.problem(500, pages.text(language, "pages.results.failed.title"), pages.text(language, "pages.results.failed.message"),
          null, model, response);
    }
  }

  private String saveOnce(String token, MultiValueMap<String, String> form, Model model, HttpServletRequest request, HttpServletResponse response) {
    Context context = context(token, request);
    Language language = context.language();
    String filter = filter(form.getFirst("filter"), language);
    int page = pageNumber(form.getFirst("page"), language);
    boolean complete = form.containsKey("complete");
    List<IndicatorResults.Row> rows = rows(context);
    List<IndicatorResults.Row> listed = filtered(rows, filter);
    String date = blankToNull(form.getFirst("date"));
    if (date != null) {
      try {
        LocalDate.parse(date);
      } catch (RuntimeException e) {
        throw new BadInput(pages.text(language, "pages.results.badDate", date));
      }
    }

    // The lines of this page, as the form listed them: line i names its indicator, may choose a status, may be selected.
    Map<String, String> chosen = new LinkedHashMap<>();
    Set<String> selected = new LinkedHashSet<>();
    for (int i = 0; i < PAGE_SIZE; i++) {
      String indicator = form.getFirst("indicator-" + i);
      if (indicator == null) {
        continue;
      }
      String status = blankToNull(form.getFirst("status-" + i));
      if (status != null) {
        chosen.put(indicator, known(status, language));
      }
      if (form.containsKey("selected-" + i)) {
        selected.add(indicator);
      }
    }
    String bulkStatus = blankToNull(form.getFirst("bulkStatus"));
    String scope = Objects.requireNonNullElse(form.getFirst("bulkScope"), "selected");
    Map<String, String> lines = new LinkedHashMap<>();
    if (bulkStatus != null) {
      String status = known(bulkStatus, language);
      List<String> targets;
      if ("all".equals(scope)) {
        targets = listed.stream().map(IndicatorResults.Row::indicator).toList();
      } else if (selected.isEmpty()) {
        throw new BadInput(pages.text(language, "pages.results.noneSelected", pages.status(status, language)));
      } else {
        targets = List.copyOf(selected);
      }
      targets.forEach(indicator -> lines.put(indicator, status));
    } else if (!selected.isEmpty() && chosen.keySet().containsAll(selected) == false) {
      throw new BadInput(pages.count(language, "pages.results.noStatus", selected.size()));
    }
    lines.putAll(chosen); // a line's own choice is the exception to the bulk choice

    IndicatorResults.CountryCounts counts = counts(form, results.counts(context.operation().getId()).get(context.country()), language);
    Map<String, Integer> position = new HashMap<>();
    Map<String, IndicatorResults.Row> before = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      position.put(rows.get(i).indicator(), i + 1);
      before.put(rows.get(i).indicator(), rows.get(i));
    }
    List<IndicatorResults.Line> report = new ArrayList<>(lines.size());
    int[] beyond = {rows.size()}; // a line naming an indicator not in the list (a tampered form) is numbered after it
    lines.forEach((indicator, status) -> report.add(new IndicatorResults.Line(position.containsKey(indicator) ? position.get(indicator)
        : ++beyond[0], indicator, status, date)));
    report.sort(java.util.Comparator.comparingInt(IndicatorResults.Line::row));

    if (!report.isEmpty() || counts != null) {
      IndicatorResults.Recorded recorded = results.record(context.operation().getReference(), context.country(),
          IndicatorResults.Reporter.of(context.link().getRecipient(), false, IndicatorResults.Channel.PAGE), report, counts);
      model.addAttribute("recorded", pages.count(language, recorded.counts() ? "pages.results.recorded.counts" : "pages.results.recorded",
          recorded.results(), pages.country(context.country(), language), language.number(recorded.changed())));
      List<Map<String, String>> recordedLines = new ArrayList<>();
      for (IndicatorResults.Line line : report.subList(0, Math.min(RECORDED_SHOWN, report.size()))) {
        IndicatorResults.Row was = before.get(line.indicator());
        recordedLines.add(Map.of("indicator", line.indicator(), "from", pages.status(was == null ? null : was.status(), language),
            "to", pages.status(line.status(), language)));
      }
      model.addAttribute("recordedLines", recordedLines);
      model.addAttribute("moreRecorded", Math.max(0, report.size() - RECORDED_SHOWN));
      model.addAttribute("moreRecordedText", language.number(Math.max(0, report.size() - RECORDED_SHOWN)));
    } else if (!complete) {
      throw new BadInput(pages.text(language, "pages.results.nothingToSave"));
    }

    if (complete) {
      links.use(context.link());
      Map<String, Object> variables = new HashMap<>(PartnerAction.REPORT_RESULTS.variables(null, null));
      variables.put(EvidenceHandoverProcess.RESULTS_COMPLETED_BY, context.link().getRecipient());
      tasks.complete(context.task().getId(), variables);
      model.addAttribute("reference", context.operation().getReference());
      model.addAttribute("countryName", pages.country(context.country(), language));
      IndicatorResults.Row[] now = rows(context).toArray(IndicatorResults.Row[]::new);
      long reported = java.util.Arrays.stream(now).filter(r -> !ResultStatuses.REQUESTED.equals(r.status())).count();
      model.addAttribute("summary", pages.count(language, "pages.results.summary", now.length, language.number(reported)));
      response.setStatus(200);
      return "partner/results-done";
    }
    page(context, token, filter, page, model);
    response.setStatus(200);
    return "partner/results";
  }

  private Context context(String token, HttpServletRequest request) {
    Language language = pages.use(request, token);
    ActionLink link = links.check(token);
    if (link.getAction() != PartnerAction.REPORT_RESULTS) {
      throw ActionLinks.LinkProblem.invalid();
    }
    Task task = tasks.createTaskQuery().processInstanceId(link.getProcessInstanceId()).taskDefinitionKey(link.getTaskKey()).singleResult();
    if (task == null) {
      boolean existed = history.createHistoricTaskInstanceQuery().processInstanceId(link.getProcessInstanceId())
          .taskDefinitionKey(link.getTaskKey()).count() > 0;
      throw existed ? ActionLinks.LinkProblem.done(null) : ActionLinks.LinkProblem.notYet();
    }
    String country = (String) runtime.getVariable(link.getProcessInstanceId(), COUNTRY);
    Operation operation = link.getOperation();
    return new Context(link, task, operation, country, OperationAccess.forUnit(operation, country), language);
  }

  private List<IndicatorResults.Row> rows(Context context) {
    return results.rows(context.operation().getReference(), context.unit(), context.country(), Integer.MAX_VALUE);
  }

  private List<IndicatorResults.Row> filtered(List<IndicatorResults.Row> rows, String filter) {
    return filter == null ? rows : rows.stream().filter(r -> r.status().equals(filter)).toList();
  }

  /** The page's model: the heading, one page of the (filtered) list, the bulk choice and the counts. */
  private void page(Context context, String token, String filter, int page, Model model) {
    Language language = context.language();
    Map<String, Object> variables = runtime.getVariables(context.link().getProcessInstanceId(), List.of(NATIONAL_UNIT, RELEASE_TLP));
    model.addAttribute("token", token);
    model.addAttribute("reference", context.operation().getReference());
    model.addAttribute("title", context.operation().getTitle());
    model.addAttribute("countryName", pages.country(context.country(), language));
    model.addAttribute("nationalUnit", variables.get(NATIONAL_UNIT));
    model.addAttribute("tlp", variables.get(RELEASE_TLP));
    model.addAttribute("due", context.task().getDueDate() == null ? null : language.dateTime(context.task().getDueDate().toInstant()));
    List<IndicatorResults.Row> rows = rows(context);
    Map<String, Long> byStatus = new TreeMap<>();
    rows.forEach(r -> byStatus.merge(r.status(), 1L, Long::sum));
    List<Map<String, Object>> filters = new ArrayList<>();
    filters.add(Map.of("code", "", "label", pages.text(language, "pages.results.filter.all", language.number(rows.size()))));
    filters.add(Map.of("code", ResultStatuses.REQUESTED, "label",
        pages.text(language, "pages.results.filter.notYet", count(byStatus, ResultStatuses.REQUESTED, language))));
    statuses.reportable().forEach(s -> filters.add(Map.of("code", s.code(), "label",
        pages.status(s.code(), language) + " (" + count(byStatus, s.code(), language) + ")")));
    model.addAttribute("filters", filters);
    model.addAttribute("filter", filter == null ? "" : filter);
    model.addAttribute("statuses", statuses.reportable().stream()
        .map(s -> new ResultStatuses.Status(s.code(), pages.status(s.code(), language), s.positive())).toList());
    List<IndicatorResults.Row> listed = filtered(rows, filter);
    int pageCount = Math.max(1, (listed.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    int current = Math.min(page, pageCount);
    int from = (current - 1) * PAGE_SIZE;
    List<Map<String, Object>> lines = new ArrayList<>();
    for (IndicatorResults.Row row : listed.subList(from, Math.min(listed.size(), from + PAGE_SIZE))) {
      Map<String, Object> line = new HashMap<>();
      line.put("indicator", row.indicator());
      line.put("type", row.type());
      line.put("status", row.status());
      line.put("statusLabel", pages.status(row.status(), language));
      line.put("statusAt", row.statusAt() == null ? null : language.equals(Language.ENGLISH)
          ? DATE.format(row.statusAt().atZone(ZoneOffset.UTC)) : language.date(row.statusAt()));
      lines.add(line);
    }
    model.addAttribute("lines", lines);
    model.addAttribute("listed", language.number(listed.size()));
    model.addAttribute("total", language.number(rows.size()));
    model.addAttribute("reported", language.number(rows.stream().filter(r -> !ResultStatuses.REQUESTED.equals(r.status())).count()));
    model.addAttribute("page", current);
    // Numbers a text carries are written here, in Western digits: a message would write them in the locale's own.
    model.addAttribute("pageText", language.number(current));
    model.addAttribute("pagesText", language.number(pageCount));
    model.addAttribute("pages", pageCount);
    model.addAttribute("showing", listed.isEmpty() ? pages.text(language, "pages.results.showing.none") : pages.text(language,
        "pages.results.showing", language.number(from + 1), language.number(from + lines.size()),
        language.number(listed.size())));
    IndicatorResults.CountryCounts counts = results.counts(context.operation().getId()).get(context.country());
    model.addAttribute("counts", counts == null ? new IndicatorResults.CountryCounts(null, null, null, null, null) : counts);
  }

  private static String count(Map<String, Long> byStatus, String code, Language language) {
    return language.number(byStatus.getOrDefault(code, 0L));
  }

  /** A status code of the configuration (the selects send codes); anything else is a tampered or outdated form. */
  private String known(String status, Language language) {
    return statuses.find(status).map(ResultStatuses.Status::code)
        .orElseThrow(() -> new BadInput(pages.text(language, "pages.results.notAResult", status, pages.choices(language))));
  }

  private String filter(String given, Language language) {
    String filter = blankToNull(given);
    if (filter == null) {
      return null;
    }
    if (ResultStatuses.REQUESTED.equals(filter)) {
      return filter;
    }
    return statuses.find(filter).map(ResultStatuses.Status::code)
        .orElseThrow(() -> new BadInput(pages.text(language, "pages.results.badFilter", filter)));
  }

  private int pageNumber(String given, Language language) {
    if (given == null || given.isBlank()) {
      return 1;
    }
    try {
      return Math.max(1, Integer.parseInt(given.strip()));
    } catch (NumberFormatException e) {
      throw new BadInput(pages.text(language, "pages.results.badPage", given));
    }
  }

  /** The counts as typed; null when none changed, so a save of lines alone does not repeat the counts. */
  private IndicatorResults.CountryCounts counts(MultiValueMap<String, String> form, IndicatorResults.CountryCounts last, Language language) {
    Integer servers = number(form, "serversSeized", language);
    Integer domains = number(form, "domainsSinkholed", language);
    Integer arrests = number(form, "arrests", language);
    Integer victims = number(form, "victimsNotified", language);
    String note = blankToNull(form.getFirst("note"));
    IndicatorResults.CountryCounts given = new IndicatorResults.CountryCounts(servers, domains, arrests, victims, note);
    IndicatorResults.CountryCounts was = last == null ? new IndicatorResults.CountryCounts(null, null, null, null, null) : last;
    boolean changed = changed(servers, was.serversSeized()) || changed(domains, was.domainsSinkholed()) || changed(arrests, was.arrests())
        || changed(victims, was.victimsNotified()) || (note != null && !note.equals(was.note() == null ? null : was.note().strip()));
    return changed ? given : null;
  }

  private static boolean changed(Integer given, Integer was) {
    return given != null && !given.equals(was);
  }

  private Integer number(MultiValueMap<String, String> form, String field, Language language) {
    String value = blankToNull(form.getFirst(field));
    if (value == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(value.replace(",", "").replace(" ", ""));
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadInput(pages.text(language, "pages.results.notANumber", label(field, language), value));
    }
  }

  /** The core's refusal ("results: nothing was recorded: row 7: …; row 9: …") as lines a person can find on the page. */
  private String plain(InvalidInputException invalid, Language language) {
    Map<String, List<String>> lines = new LinkedHashMap<>();
    List<String> other = new ArrayList<>();
    for (InvalidInputException.FieldProblem problem : invalid.problems()) {
      String message = problem.message().replaceFirst("^nothing was recorded: ", "");
      for (String part : message.split("; ")) {
        Matcher row = ROW.matcher(part);
        if (row.matches()) {
          lines.computeIfAbsent(ResultProblems.sentence(pages, row.group(2), language), k -> new ArrayList<>()).add(row.group(1));
        } else if ("results".equals(problem.field())) {
          other.add(ResultProblems.sentence(pages, part, language));
        } else {
          other.add(pages.text(language, "pages.results.field", label(problem.field(), language), ResultProblems.sentence(pages, part, language)));
        }
      }
    }
    List<String> sentences = new ArrayList<>(other);
    lines.forEach((message, numbers) -> sentences.add(numbers.size() == 1 ? pages.text(language, "pages.results.line", numbers.get(0), message)
        : pages.text(language, numbers.size() > 10 ? "pages.results.lines.more" : "pages.results.lines",
            String.join(", ", numbers.subList(0, Math.min(10, numbers.size()))), message, language.number(numbers.size() - 10))));
    return pages.text(language, "pages.results.refused", String.join(". ", sentences));
  }

  /** The name of a form field as the page labels it. */
  private String label(String field, Language language) {
    return switch (field) {
      case "serversSeized", "domainsSinkholed", "arrests", "victimsNotified", "note" -> pages.text(language, "pages.results.field." + field);
      default -> field;
    };
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** Input the page refuses before anything is recorded, in words for the unit. */
  private static class BadInput extends RuntimeException {
    BadInput(String message) {
      super(message);
    }
  }
}
