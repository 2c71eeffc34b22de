package org.takedown.partner;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.takedown.assignment.CountryCodes;
import org.takedown.system.TaskInput;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The pages behind emailed action links, for national units without an account. GET only shows
 * what the link will do, because mail scanners open links; POST does it, once.
 */
@Controller
@RequestMapping("/partner/actions/{token}")
class PartnerActionController {

  private final ActionLinks links;
  private final TaskService tasks;
  private final RuntimeService runtime;

  PartnerActionController(ActionLinks links, TaskService tasks, RuntimeService runtime) {
    this.links = links;
    this.tasks = tasks;
    this.runtime = runtime;
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

  @PostMapping
  @Transactional
  String act(@PathVariable String token, @RequestParam(required = false) String note,
      @RequestParam(required = false) String hashes, Model model, HttpServletResponse response) {
    try {
      ActionLink link = links.check(token);
      Task task = openTask(link);
      describe(link, model);
      links.use(link);
      tasks.complete(task.getId(), link.getAction().variables(blankToNull(note), blankToNull(hashes)));
      return "partner/done";
    } catch (ActionLinks.LinkProblem problem) {
      TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
      return problem(problem, model, response);
    } catch (RuntimeException e) {
      TaskInput.Refused refused = TaskInput.Refused.in(e);
      if (refused == null) {
        throw e;
      }
      // The engine refused the input: the link stays unused, and the page says what to fix.
      TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
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
    Map<String, Object> variables = runtime.getVariables(link.getProcessInstanceId(), List.of("country", "nationalUnit", "releaseTlp"));
    String country = (String) variables.get("country");
    model.addAttribute("reference", link.getOperation().getReference());
    model.addAttribute("countryName", country == null ? "" : CountryCodes.name(country));
    model.addAttribute("nationalUnit", variables.get("nationalUnit"));
    model.addAttribute("tlp", variables.get("releaseTlp"));
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
