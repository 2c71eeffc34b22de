package org.takedown.partner;

import static org.takedown.assignment.NationalAssignmentProcess.NATIONAL_UNIT;
import static org.takedown.operation.JointTakedownProcess.COUNTRY;
import static org.takedown.operation.JointTakedownProcess.RELEASE_TLP;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.takedown.evidence.EvidenceHandoverProcess;
import org.takedown.assignment.NationalAssignmentProcess;
import org.takedown.system.InvalidInputException;
import org.takedown.system.ProcessJson;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.system.Concurrency;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.takedown.security.Disclosure;
import org.takedown.security.OperationAccess;
import org.takedown.system.Language;
import org.takedown.tip.OperationIndicators;
import org.takedown.system.TaskInput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The pages behind emailed action links, for national units without an account. GET only shows
 * what the link will do, because mail scanners open links; POST does it, once.
 */
@Controller
@RequestMapping("/partner/actions/{token}")
class PartnerActionController {

  private static final Logger log = LoggerFactory.getLogger(PartnerActionController.class);
  private static final int MAX_ATTEMPTS = 5;
  private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

  private final ActionLinks links;
  private final TaskService tasks;
  private final HistoryService history;
  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final TransactionTemplate transactions;
  private final DownloadLinks downloads;
  private final OperationIndicators indicators;
  private final PartnerPages pages;

  PartnerActionController(ActionLinks links, TaskService tasks, RuntimeService runtime, RepositoryService repository,
      HistoryService history, PlatformTransactionManager transactionManager, DownloadLinks downloads, OperationIndicators indicators,
      PartnerPages pages) {
    this.indicators = indicators;
    this.pages = pages;
    this.history = history;
    this.links = links;
    this.downloads = downloads;
    this.repository = repository;
    this.tasks = tasks;
    this.runtime = runtime;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  @GetMapping
  @Transactional(readOnly = true)
  String show(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
    try {
      pages.use(request, token);
      ActionLink link = links.check(token);
      if (link.getAction() == PartnerAction.REPORT_RESULTS) {
        return "redirect:/partner/actions/" + token + "/results";
      }
      Task task = openTask(link);
      describe(link, model, request);
      model.addAttribute("token", token);
      model.addAttribute("taskName", step(task, PartnerPages.of(request)));
      if (link.getAction().takesHashes()) {
        model.addAttribute("items", itemRows(link, items(link), List.of(), PartnerPages.of(request)));
      }
      return "partner/action";
    } catch (ActionLinks.LinkProblem problem) {
      return problem(problem, model, request, response);
    }
  }

  /**
   * Acts in one transaction. Partners acting on one operation at the same moment may collide in the
   * database; the whole action is then tried again, and whoever comes second after a colliding press
   * of the same link is told it is done. A partner never sees a server error page with a stack trace.
   */
  @PostMapping
  String act(@PathVariable String token, @RequestParam(required = false) String note,
      @RequestParam(name = "sha256", required = false) List<String> hashes, Model model, HttpServletRequest request,
      HttpServletResponse response) {
    pages.use(request, token);
    ActionLink found = links.find(token);
    if (found != null && found.getAction() == PartnerAction.REPORT_RESULTS) {
      // The results link is answered on its own page, never by a bare press.
      return "redirect:/partner/actions/" + token + "/results";
    }
    for (int attempt = 1; ; attempt++) {
      try {
        String page = transactions.execute(status -> actOnce(token, note, hashes == null ? List.of() : hashes, model, request, response, status));
        if (response.getStatus() == 400) {
          // Refused while another press completed the task: the refusal was about a task that is gone.
          String done = doneMeanwhile(token, model, request, response);
          return done == null ? page : done;
        }
        return page;
      } catch (RuntimeException e) {
        String done = doneMeanwhile(token, model, request, response);
        if (done != null) {
          // Another press (the other button, Tasklist) completed the task while this one was at it; the engine
          // then fails in ways of its own ("Cannot find task", a missing activity instance, a lost lock).
          log.info("Action link {}… lost a race for its task: {}", token.substring(0, Math.min(8, token.length())), e.toString());
          return done;
        }
        if (!Concurrency.isCollision(e)) {
          log.error("Action link {} failed", token.length() > 8 ? token.substring(0, 8) + "…" : token, e);
          return problem(ActionLinks.LinkProblem.failed(), model, request, response);
        }
        if (attempt == MAX_ATTEMPTS) {
          log.warn("Action link {}… still collided after {} attempts", token.substring(0, Math.min(8, token.length())), attempt);
          return problem(ActionLinks.LinkProblem.busy(), model, request, response);
        }
        log.debug("Action link collided with a concurrent change (attempt {}); trying again", attempt);
      }
    }
  }

  private String actOnce(String token, String note, List<String> hashes, Model model, HttpServletRequest request, HttpServletResponse response,
      TransactionStatus status) {
    ActionLink link = null;
    Language language = PartnerPages.of(request);
    try {
      link = links.check(token);
      Task task = openTask(link);
      describe(link, model, request);
      Object reported = null;
      if (link.getAction().takesHashes()) {
        reported = reportedHashes(items(link), hashes, language);
      } else if (!hashes.isEmpty()) {
        return refuse(token, note, hashes, pages.text(language, "pages.action.noHashes"), link, model, request, response, status);
      }
      links.use(link);
      tasks.complete(task.getId(), link.getAction().variables(blankToNull(note), reported));
      response.setStatus(200);
      return "partner/done";
    } catch (ActionLinks.LinkProblem problem) {
      status.setRollbackOnly();
      if (problem.usedLink() != null && links.justUsed(problem.usedAt())) {
        // The same link pressed again at once (a double click, a reload of the answer page): its one answer is
        // recorded, and saying "nothing was changed" would make the unit believe it was lost. Later, a used link is 409.
        return repeated(problem.usedLink(), model, request, response);
      }
      return problem(problem, model, request, response);
    } catch (BadInput bad) {
      return refuse(token, note, hashes, bad.getMessage(), link, model, request, response, status);
    } catch (RuntimeException e) {
      TaskInput.Refused refused = TaskInput.Refused.in(e);
      if (refused == null) {
        throw e;
      }
      // The engine refused the input: the link stays unused, and the page says what to fix.
      return refuse(token, note, hashes, plain(refused, language), link, model, request, response, status);
    }
  }

  private String repeated(ActionLink link, Model model, HttpServletRequest request, HttpServletResponse response) {
    Language language = PartnerPages.of(request);
    model.addAttribute("reference", link.getOperation().getReference());
    // History, not the runtime: the answer may have ended the process instance.
    String country = pages.country(link);
    model.addAttribute("countryName", country == null ? "" : pages.country(country, language));
    model.addAttribute("unitPage", pages.unitPage(link.getOperation().getReference(), country));
    model.addAttribute("action", link.getAction());
    model.addAttribute("actionLabel", pages.action(link.getAction(), language));
    model.addAttribute("again", true);
    response.setStatus(200);
    return "partner/done";
  }

  /** The step's name in the model ("Respond to assignment"): the task's own name also repeats the operation and country the page shows already. */
  private String step(Task task, Language language) {
    String key = "pages.task." + task.getTaskDefinitionKey();
    if (pages.has(key)) {
      return pages.text(language, key);
    }
    return repository.getBpmnModelInstance(task.getProcessDefinitionId()).getModelElementById(task.getTaskDefinitionKey()) instanceof FlowElement element
        && element.getName() != null ? element.getName() : task.getName();
  }

  /** Shows the form again with what the partner typed and a plain sentence, never a task or variable id. */
  private String refuse(String token, String note, List<String> hashes, String message, ActionLink link, Model model,
      HttpServletRequest request, HttpServletResponse response, TransactionStatus status) {
    status.setRollbackOnly();
    model.addAttribute("token", token);
    model.addAttribute("error", message);
    model.addAttribute("note", note);
    if (link != null && link.getAction().takesHashes()) {
      model.addAttribute("items", itemRows(link, items(link), hashes, PartnerPages.of(request)));
    }
    response.setStatus(400);
    return "partner/action";
  }

  /** The engine's refusal in words for the partner: the field's message without the task and variable ids. */
  private String plain(TaskInput.Refused refused, Language language) {
    Object detail = refused.getDetail();
    if (detail instanceof List<?> problems && !problems.isEmpty() && problems.get(0) instanceof InvalidInputException.FieldProblem problem) {
      // The engine's words are English; a known one ("is 4,001 characters long; at most 4,000") is said in the unit's language.
      boolean note = NationalAssignmentProcess.RESPONSE_NOTE.equals(problem.field());
      String said = ResultProblems.translate(pages, problem.message(), language);
      return pages.text(language, note ? "pages.action.refused.note" : "pages.action.refused.field", said);
    }
    return pages.text(language, "pages.action.refused");
  }

  /** The hashes typed beside each item, as the JSON object item → hash the task expects; blank fields are left out. */
  private Object reportedHashes(List<String> items, List<String> typed, Language language) {
    Map<String, String> reported = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String hash = i < typed.size() && typed.get(i) != null ? typed.get(i).trim().toLowerCase(Locale.ROOT) : "";
      if (hash.isEmpty()) {
        continue;
      }
      if (!SHA256.matcher(hash).matches()) {
        throw new BadInput(pages.text(language, "pages.action.badHash", items.get(i)));
      }
      reported.put(items.get(i), hash);
    }
    return reported.isEmpty() ? null : ProcessJson.json(reported);
  }

  private List<String> items(ActionLink link) {
    return ProcessJson.stringList(EvidenceHandoverProcess.EVIDENCE_ITEMS,
        runtime.getVariable(link.getProcessInstanceId(), EvidenceHandoverProcess.EVIDENCE_ITEMS));
  }

  /**
   * The form's rows: each item's label, and for a register item its description and registered size, never its
   * hash (the unit computes that). The i-th field belongs to the i-th item of the package.
   */
  private List<Map<String, String>> itemRows(ActionLink link, List<String> items, List<String> typed, Language language) {
    List<DownloadLinks.PackageItem> resolved = downloads.items(link.getOperation().getReference(), items);
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < resolved.size(); i++) {
      DownloadLinks.PackageItem item = resolved.get(i);
      Map<String, String> row = new HashMap<>();
      row.put("name", item.label());
      row.put("description", item.item() == null ? null : item.description());
      row.put("size", item.item() == null ? null : pages.size(item.item().getSizeBytes(), language));
      row.put("sha256", i < typed.size() && typed.get(i) != null ? typed.get(i) : "");
      rows.add(row);
    }
    return rows;
  }

  /** The same link's other press completed the task first; the caller reads the outcome in a fresh transaction. */
  private static class TwinWon extends RuntimeException {
    TwinWon() {
      super("the same link's other press completed the task first", null, false, false);
    }
  }

  /** Input the page refuses before the engine sees it, in words for the partner. */
  private static class BadInput extends RuntimeException {
    BadInput(String message) {
      super(message);
    }
  }

  /** The "already done" page, stating what was recorded, when the link's task has been completed meanwhile; else null. */
  private String doneMeanwhile(String token, Model model, HttpServletRequest request, HttpServletResponse response) {
    try {
      return transactions.execute(status -> {
        ActionLink link = links.find(token);
        if (link == null || tasks.createTaskQuery().processInstanceId(link.getProcessInstanceId()).taskDefinitionKey(link.getTaskKey()).count() > 0
            || history.createHistoricTaskInstanceQuery().processInstanceId(link.getProcessInstanceId()).taskDefinitionKey(link.getTaskKey())
                .finished().count() == 0) {
          return null;
        }
        model.asMap().remove("error");
        if (links.justUsed(link.getUsedAt())) {
          // The press that won was of this very link (three quick presses): its answer is recorded.
          return repeated(link, model, request, response);
        }
        return problem(ActionLinks.LinkProblem.done(recorded(link)), model, request, response);
      });
    } catch (RuntimeException e) {
      log.warn("Could not tell whether the task of action link {}… is done", token.substring(0, Math.min(8, token.length())), e);
      return null;
    }
  }

  /** What the link's task was completed with (the page names its button's words); null when the history does not say. */
  private PartnerAction recorded(ActionLink link) {
    for (PartnerAction action : PartnerAction.values()) {
      if (!action.taskKey().equals(link.getTaskKey())) {
        continue;
      }
      boolean matches = action.variables(null, null).entrySet().stream().filter(e -> e.getValue() != null).allMatch(e -> {
        var recorded = history.createHistoricVariableInstanceQuery().processInstanceId(link.getProcessInstanceId())
            .variableName(e.getKey()).list();
        return recorded.size() == 1 && e.getValue().equals(recorded.get(0).getValue());
      });
      if (matches) {
        return action;
      }
    }
    return null;
  }

  private Task openTask(ActionLink link) {
    Task task = tasks.createTaskQuery().processInstanceId(link.getProcessInstanceId()).taskDefinitionKey(link.getTaskKey()).singleResult();
    if (task == null) {
      // The mail leaves while the step that sends it is still committing, so a quick unit can be
      // ahead of its own task: that is "not yet", not "already done".
      boolean existed = history.createHistoricTaskInstanceQuery().processInstanceId(link.getProcessInstanceId())
          .taskDefinitionKey(link.getTaskKey()).count() > 0;
      if (!existed) {
        throw ActionLinks.LinkProblem.notYet();
      }
      // The link that answered says which answer stands; otherwise the history says what was recorded.
      java.util.Optional<ActionLink> used = links.usedFor(link.getProcessInstanceId(), link.getTaskKey());
      if (used.isPresent() && used.get().getNonce().equals(link.getNonce())) {
        // This very link, pressed at once by its twin, which won: this transaction holds the link as it was read
        // before, so the press is answered afresh from what was committed (its answer is recorded).
        throw new TwinWon();
      }
      throw used.map(ActionLinks.LinkProblem::answered).orElseGet(() -> ActionLinks.LinkProblem.done(recorded(link)));
    }
    return task;
  }

  private void describe(ActionLink link, Model model, HttpServletRequest request) {
    Language language = PartnerPages.of(request);
    Map<String, Object> variables = runtime.getVariables(link.getProcessInstanceId(), List.of(COUNTRY, NATIONAL_UNIT, RELEASE_TLP));
    String country = (String) variables.get(COUNTRY);
    model.addAttribute("reference", link.getOperation().getReference());
    model.addAttribute("countryName", country == null ? "" : pages.country(country, language));
    model.addAttribute("unitPage", pages.unitPage(link.getOperation().getReference(), country));
    model.addAttribute("nationalUnit", variables.get(NATIONAL_UNIT));
    model.addAttribute("tlp", variables.get(RELEASE_TLP));
    model.addAttribute("action", link.getAction());
    model.addAttribute("actionLabel", pages.action(link.getAction(), language));
    model.addAttribute("takesNote", link.getAction().takesNote());
    model.addAttribute("takesHashes", link.getAction().takesHashes());
    if (link.getAction().takesNote() && country != null) {
      // What the unit is asked to act on: the indicators routed to its country (need to know), as its brief lists them.
      Disclosure unit = OperationAccess.forUnit(link.getOperation(), country);
      OperationIndicators.Counts counts = indicators.counts(link.getOperation().getReference(), unit);
      model.addAttribute("indicatorScope", scope(counts.seen(), counts.total(), pages.country(country, language), language));
      model.addAttribute("indicators", indicators.entries(link.getOperation().getReference(), unit, INDICATORS_SHOWN).stream()
          .map(i -> Map.of("type", i.type(), "value", i.value())).toList());
      model.addAttribute("moreIndicators", Math.max(0, counts.seen() - INDICATORS_SHOWN));
      model.addAttribute("moreIndicatorsText", language.number(Math.max(0, counts.seen() - INDICATORS_SHOWN)));
    }
  }

  /** "12 of the operation's 30,000 indicators are routed to Germany." in the unit's words (it sees its country only). */
  private String scope(long seen, long total, String country, Language language) {
    if (seen == 0) {
      return pages.text(language, "pages.action.scope.none", language.number(total), country);
    }
    if (total == 1) {
      return pages.text(language, "pages.action.scope.single", country);
    }
    return pages.count(language, "pages.action.scope", seen, language.number(total), country);
  }

  /** The action page lists this many of the unit's indicators; the brief attached to its mail lists them all. */
  static final int INDICATORS_SHOWN = 50;

  private String problem(ActionLinks.LinkProblem problem, Model model, HttpServletRequest request, HttpServletResponse response) {
    return pages.problem(problem, PartnerPages.of(request), model, response);
  }


  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
