package org.takedown.partner;

import static org.takedown.assignment.NationalAssignmentProcess.NATIONAL_UNIT;
import static org.takedown.operation.JointTakedownProcess.COUNTRY;
import static org.takedown.operation.JointTakedownProcess.RELEASE_TLP;

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
import org.takedown.system.CountryCodes;
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
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  private final ActionLinks links;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final IndicatorResults results;
  private final ResultStatuses statuses;
  private final TransactionTemplate transactions;

  ResultsPageController(ActionLinks links, TaskService tasks, RuntimeService runtime, HistoryService history, IndicatorResults results,
      ResultStatuses statuses, PlatformTransactionManager transactionManager) {
    this.links = links;
    this.tasks = tasks;
    this.runtime = runtime;
    this.history = history;
    this.results = results;
    this.statuses = statuses;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /** The link's task, country and what the unit may see, checked for every request. */
  private record Context(ActionLink link, Task task, Operation operation, String country, Disclosure unit) {}

  @GetMapping
  String show(@PathVariable String token, @RequestParam(required = false) String filter, @RequestParam(required = false) String page,
      Model model, HttpServletResponse response) {
    try {
      return transactions.execute(status -> {
        status.setRollbackOnly();
        Context context = context(token);
        page(context, token, filter(filter), pageNumber(page), model);
        return "partner/results";
      });
    } catch (ActionLinks.LinkProblem problem) {
      return problem(problem.status(), problem.title(), problem.getMessage(), null, model, response);
    } catch (BadInput bad) {
      return problem(400, "Nothing was recorded", bad.getMessage(), token, model, response);
    }
  }

  /** Records what the form chose, whole or not at all; with {@code complete}, also says the results are complete. */
  @PostMapping
  String save(@PathVariable String token, @RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return transactions.execute(status -> saveOnce(token, form, model, response));
        } catch (RuntimeException e) {
          // A reminder's job or another press on the same task at the same moment: the whole save is tried again.
          if (attempt == 3 || !Concurrency.isCollision(e)) {
            throw e;
          }
        }
      }
    } catch (ActionLinks.LinkProblem problem) {
      return problem(problem.status(), problem.title(), problem.getMessage(), null, model, response);
    } catch (BadInput bad) {
      return problem(400, "Nothing was recorded", bad.getMessage(), token, model, response);
    } catch (InvalidInputException invalid) {
      return problem(400, "Nothing was recorded", plain(invalid), token, model, response);
    } catch (ConflictException conflict) {
      return problem(409, "Results can no longer be recorded", conflict.getMessage() + ". Nothing was recorded.", null, model, response);
    } catch (RuntimeException e) {
      log.error("Results page of link {}… failed", token.substring(0, Math.min(8, token.length())), e);
      return problem(500, "Your results could not be recorded",
          "Something went wrong on our side and nothing was recorded. Try again later, or tell the coordinators.", null, model, response);
    }
  }

  private String saveOnce(String token, MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
    Context context = context(token);
    String filter = filter(form.getFirst("filter"));
    int page = pageNumber(form.getFirst("page"));
    boolean complete = form.containsKey("complete");
    List<IndicatorResults.Row> rows = rows(context);
    List<IndicatorResults.Row> listed = filtered(rows, filter);
    String date = blankToNull(form.getFirst("date"));
    if (date != null) {
      try {
        LocalDate.parse(date);
      } catch (RuntimeException e) {
        throw new BadInput("The date \"" + date + "\" is not a date: choose it in the date field, or write it as 2026-11-30.");
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
        chosen.put(indicator, known(status));
      }
      if (form.containsKey("selected-" + i)) {
        selected.add(indicator);
      }
    }
    String bulkStatus = blankToNull(form.getFirst("bulkStatus"));
    String scope = Objects.requireNonNullElse(form.getFirst("bulkScope"), "selected");
    Map<String, String> lines = new LinkedHashMap<>();
    if (bulkStatus != null) {
      String status = known(bulkStatus);
      List<String> targets;
      if ("all".equals(scope)) {
        targets = listed.stream().map(IndicatorResults.Row::indicator).toList();
      } else if (selected.isEmpty()) {
        throw new BadInput("You chose \"" + statuses.label(status) + "\" for the selected lines, but no line is selected. "
            + "Tick the lines it is for, or choose \"every indicator of the list\".");
      } else {
        targets = List.copyOf(selected);
      }
      targets.forEach(indicator -> lines.put(indicator, status));
    } else if (!selected.isEmpty() && chosen.keySet().containsAll(selected) == false) {
      throw new BadInput("You selected " + selected.size() + (selected.size() == 1 ? " line" : " lines")
          + " but chose no status for them: choose it under \"Set several at once\", or a status on each line.");
    }
    lines.putAll(chosen); // a line's own choice is the exception to the bulk choice

    IndicatorResults.CountryCounts counts = counts(form, results.counts(context.operation().getId()).get(context.country()));
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
      model.addAttribute("recorded", String.format(Locale.ENGLISH, "Recorded for %s: %,d %s (%,d changed)%s.", CountryCodes.name(context.country()),
          recorded.results(), recorded.results() == 1 ? "result" : "results", recorded.changed(), recorded.counts() ? ", and the country's counts" : ""));
      List<Map<String, String>> recordedLines = new ArrayList<>();
      for (IndicatorResults.Line line : report.subList(0, Math.min(RECORDED_SHOWN, report.size()))) {
        IndicatorResults.Row was = before.get(line.indicator());
        recordedLines.add(Map.of("indicator", line.indicator(), "from", was == null ? "requested" : was.statusLabel(),
            "to", statuses.label(line.status())));
      }
      model.addAttribute("recordedLines", recordedLines);
      model.addAttribute("moreRecorded", Math.max(0, report.size() - RECORDED_SHOWN));
    } else if (!complete) {
      throw new BadInput("There was nothing to save: choose a status on a line, use \"Set several at once\", or change the country's counts.");
    }

    if (complete) {
      links.use(context.link());
      Map<String, Object> variables = new HashMap<>(PartnerAction.REPORT_RESULTS.variables(null, null));
      variables.put(EvidenceHandoverProcess.RESULTS_COMPLETED_BY, context.link().getRecipient());
      tasks.complete(context.task().getId(), variables);
      model.addAttribute("reference", context.operation().getReference());
      model.addAttribute("countryName", CountryCodes.name(context.country()));
      IndicatorResults.Row[] now = rows(context).toArray(IndicatorResults.Row[]::new);
      long reported = java.util.Arrays.stream(now).filter(r -> !ResultStatuses.REQUESTED.equals(r.status())).count();
      model.addAttribute("summary", String.format(Locale.ENGLISH, "Results for %,d of your %,d indicators are recorded.", reported, now.length));
      response.setStatus(200);
      return "partner/results-done";
    }
    page(context, token, filter, page, model);
    response.setStatus(200);
    return "partner/results";
  }

  private Context context(String token) {
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
    return new Context(link, task, operation, country, OperationAccess.forUnit(operation, country));
  }

  private List<IndicatorResults.Row> rows(Context context) {
    return results.rows(context.operation().getReference(), context.unit(), context.country(), Integer.MAX_VALUE);
  }

  private List<IndicatorResults.Row> filtered(List<IndicatorResults.Row> rows, String filter) {
    return filter == null ? rows : rows.stream().filter(r -> r.status().equals(filter)).toList();
  }

  /** The page's model: the heading, one page of the (filtered) list, the bulk choice and the counts. */
  private void page(Context context, String token, String filter, int page, Model model) {
    Map<String, Object> variables = runtime.getVariables(context.link().getProcessInstanceId(), List.of(NATIONAL_UNIT, RELEASE_TLP));
    model.addAttribute("token", token);
    model.addAttribute("reference", context.operation().getReference());
    model.addAttribute("title", context.operation().getTitle());
    model.addAttribute("countryName", CountryCodes.name(context.country()));
    model.addAttribute("nationalUnit", variables.get(NATIONAL_UNIT));
    model.addAttribute("tlp", variables.get(RELEASE_TLP));
    model.addAttribute("due", context.task().getDueDate() == null ? null
        : DAY.format(context.task().getDueDate().toInstant().atZone(ZoneOffset.UTC)));
    List<IndicatorResults.Row> rows = rows(context);
    Map<String, Long> byStatus = new TreeMap<>();
    rows.forEach(r -> byStatus.merge(r.status(), 1L, Long::sum));
    List<Map<String, Object>> filters = new ArrayList<>();
    filters.add(Map.of("code", "", "label", "All (" + String.format(Locale.ENGLISH, "%,d", rows.size()) + ")"));
    filters.add(Map.of("code", ResultStatuses.REQUESTED, "label", "Not reported yet (" + count(byStatus, ResultStatuses.REQUESTED) + ")"));
    statuses.reportable().forEach(s -> filters.add(Map.of("code", s.code(), "label", s.label() + " (" + count(byStatus, s.code()) + ")")));
    model.addAttribute("filters", filters);
    model.addAttribute("filter", filter == null ? "" : filter);
    model.addAttribute("statuses", statuses.reportable());
    List<IndicatorResults.Row> listed = filtered(rows, filter);
    int pages = Math.max(1, (listed.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    int current = Math.min(page, pages);
    int from = (current - 1) * PAGE_SIZE;
    List<Map<String, Object>> lines = new ArrayList<>();
    for (IndicatorResults.Row row : listed.subList(from, Math.min(listed.size(), from + PAGE_SIZE))) {
      Map<String, Object> line = new HashMap<>();
      line.put("indicator", row.indicator());
      line.put("type", row.type());
      line.put("status", row.status());
      line.put("statusLabel", row.statusLabel());
      line.put("statusAt", row.statusAt() == null ? null : DATE.format(row.statusAt().atZone(ZoneOffset.UTC)));
      lines.add(line);
    }
    model.addAttribute("lines", lines);
    model.addAttribute("listed", listed.size());
    model.addAttribute("total", rows.size());
    model.addAttribute("reported", rows.stream().filter(r -> !ResultStatuses.REQUESTED.equals(r.status())).count());
    model.addAttribute("page", current);
    model.addAttribute("pages", pages);
    model.addAttribute("showing", listed.isEmpty() ? "No indicator" : String.format(Locale.ENGLISH, "Indicators %,d–%,d of %,d",
        from + 1, from + lines.size(), listed.size()));
    IndicatorResults.CountryCounts counts = results.counts(context.operation().getId()).get(context.country());
    model.addAttribute("counts", counts == null ? new IndicatorResults.CountryCounts(null, null, null, null, null) : counts);
  }

  private static String count(Map<String, Long> byStatus, String code) {
    return String.format(Locale.ENGLISH, "%,d", byStatus.getOrDefault(code, 0L));
  }

  /** A status code of the configuration (the selects send codes); anything else is a tampered or outdated form. */
  private String known(String status) {
    return statuses.find(status).map(ResultStatuses.Status::code)
        .orElseThrow(() -> new BadInput("\"" + status + "\" is not a result; choose one of " + statuses.choices() + "."));
  }

  private String filter(String given) {
    String filter = blankToNull(given);
    if (filter == null) {
      return null;
    }
    if (ResultStatuses.REQUESTED.equals(filter)) {
      return filter;
    }
    return statuses.find(filter).map(ResultStatuses.Status::code)
        .orElseThrow(() -> new BadInput("\"" + filter + "\" is not a status to list; choose one in the list's filter."));
  }

  private static int pageNumber(String given) {
    if (given == null || given.isBlank()) {
      return 1;
    }
    try {
      return Math.max(1, Integer.parseInt(given.strip()));
    } catch (NumberFormatException e) {
      throw new BadInput("The page \"" + given + "\" is not a page number.");
    }
  }

  /** The counts as typed; null when none changed, so a save of lines alone does not repeat the counts. */
  private static IndicatorResults.CountryCounts counts(MultiValueMap<String, String> form, IndicatorResults.CountryCounts last) {
    Integer servers = number(form, "serversSeized", "Servers seized");
    Integer domains = number(form, "domainsSinkholed", "Domains sinkholed");
    Integer arrests = number(form, "arrests", "Arrests");
    Integer victims = number(form, "victimsNotified", "Victims notified");
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

  private static Integer number(MultiValueMap<String, String> form, String field, String label) {
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
      throw new BadInput(label + ": \"" + value + "\" is not a whole number of 0 or more.");
    }
  }

  /** The core's refusal ("results: nothing was recorded: row 7: …; row 9: …") as lines a person can find on the page. */
  private static String plain(InvalidInputException invalid) {
    Map<String, List<String>> lines = new LinkedHashMap<>();
    List<String> other = new ArrayList<>();
    for (InvalidInputException.FieldProblem problem : invalid.problems()) {
      String message = problem.message().replaceFirst("^nothing was recorded: ", "");
      for (String part : message.split("; ")) {
        Matcher row = ROW.matcher(part);
        if (row.matches()) {
          lines.computeIfAbsent(row.group(2), k -> new ArrayList<>()).add(row.group(1));
        } else if ("results".equals(problem.field())) {
          other.add(part);
        } else {
          other.add(label(problem.field()) + " " + part);
        }
      }
    }
    List<String> sentences = new ArrayList<>(other);
    lines.forEach((message, numbers) -> sentences.add((numbers.size() == 1 ? "Line " + numbers.get(0)
        : "Lines " + String.join(", ", numbers.subList(0, Math.min(10, numbers.size()))) + (numbers.size() > 10 ? " and " + (numbers.size() - 10)
            + " more" : "")) + ": " + message));
    return String.join(". ", sentences) + ". Nothing was recorded: go back, correct it and save again.";
  }

  private static String label(String field) {
    return switch (field) {
      case "serversSeized" -> "Servers seized";
      case "domainsSinkholed" -> "Domains sinkholed";
      case "arrests" -> "Arrests";
      case "victimsNotified" -> "Victims notified";
      case "note" -> "The note";
      default -> field;
    };
  }

  private static String problem(int status, String title, String message, String token, Model model, HttpServletResponse response) {
    response.setStatus(status);
    model.addAttribute("title", title);
    model.addAttribute("message", message);
    model.addAttribute("back", token == null ? null : "/partner/actions/" + token + "/results");
    return "partner/problem";
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
