package org.takedown.partner;

import static org.takedown.assignment.NationalAssignmentProcess.NATIONAL_UNIT;
import static org.takedown.operation.JointTakedownProcess.COUNTRY;
import static org.takedown.operation.JointTakedownProcess.RELEASE_TLP;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
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
import org.takedown.system.CountryCodes;
import org.takedown.system.TaskInput;
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

  private final ActionLinks links;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final TransactionTemplate transactions;

  PartnerActionController(ActionLinks links, TaskService tasks, RuntimeService runtime, PlatformTransactionManager transactionManager) {
    this.links = links;
    this.tasks = tasks;
    this.runtime = runtime;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  @GetMapping
  @Transactional(readOnly = true)
  String show(@PathVariable String token, Model model, HttpServletResponse response) {
    try {
      ActionLink link = links.check(token);
      Task task = openTask(link);
      describe(link, model);
      model.addAttribute("token", token);
      model.addAttribute("taskName", task.getName());
      return "partner/action";
    } catch (ActionLinks.LinkProblem problem) {
      return problem(problem, model, response);
    }
  }

  /**
   * Acts in one transaction. Partners acting on one operation at the same moment may collide in the
   * database; the whole action is then tried again, and whoever comes second after a colliding press
   * of the same link is told it is done. A partner never sees a server error page with a stack trace.
   */
  @PostMapping
  String act(@PathVariable String token, @RequestParam(required = false) String note,
      @RequestParam(required = false) String hashes, Model model, HttpServletResponse response) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transactions.execute(status -> actOnce(token, note, hashes, model, response, status));
      } catch (RuntimeException e) {
        if (!Concurrency.isCollision(e)) {
          log.error("Action link {} failed", token.length() > 8 ? token.substring(0, 8) + "…" : token, e);
          return problem(ActionLinks.LinkProblem.failed(), model, response);
        }
        if (attempt == MAX_ATTEMPTS) {
          log.warn("Action link {}… still collided after {} attempts", token.substring(0, Math.min(8, token.length())), attempt);
          return problem(ActionLinks.LinkProblem.busy(), model, response);
        }
        log.debug("Action link collided with a concurrent change (attempt {}); trying again", attempt);
      }
    }
  }

  private String actOnce(String token, String note, String hashes, Model model, HttpServletResponse response, TransactionStatus status) {
    try {
      ActionLink link = links.check(token);
      Task task = openTask(link);
      describe(link, model);
      links.use(link);
      tasks.complete(task.getId(), link.getAction().variables(blankToNull(note), blankToNull(hashes)));
      response.setStatus(200);
      return "partner/done";
    } catch (ActionLinks.LinkProblem problem) {
      status.setRollbackOnly();
      return problem(problem, model, response);
    } catch (RuntimeException e) {
      TaskInput.Refused refused = TaskInput.Refused.in(e);
      if (refused == null) {
        throw e;
      }
      // The engine refused the input: the link stays unused, and the page says what to fix.
      status.setRollbackOnly();
      model.addAttribute("token", token);
      model.addAttribute("error", refused.getMessage());
      response.setStatus(400);
      return "partner/action";
    }
  }

  private Task openTask(ActionLink link) {
    Task task = tasks.createTaskQuery().processInstanceId(link.getProcessInstanceId()).taskDefinitionKey(link.getTaskKey()).singleResult();
    if (task == null) {
      throw ActionLinks.LinkProblem.done();
    }
    return task;
  }

  private void describe(ActionLink link, Model model) {
    Map<String, Object> variables = runtime.getVariables(link.getProcessInstanceId(), List.of(COUNTRY, NATIONAL_UNIT, RELEASE_TLP));
    String country = (String) variables.get(COUNTRY);
    model.addAttribute("reference", link.getOperation().getReference());
    model.addAttribute("countryName", country == null ? "" : CountryCodes.name(country));
    model.addAttribute("nationalUnit", variables.get(NATIONAL_UNIT));
    model.addAttribute("tlp", variables.get(RELEASE_TLP));
    model.addAttribute("action", link.getAction());
    model.addAttribute("takesNote", link.getAction().takesNote());
    model.addAttribute("takesHashes", link.getAction().takesHashes());
  }

  private static String problem(ActionLinks.LinkProblem problem, Model model, HttpServletResponse response) {
    response.setStatus(problem.status());
    model.addAttribute("title", problem.title());
    model.addAttribute("message", problem.getMessage());
    return "partner/problem";
  }


  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
