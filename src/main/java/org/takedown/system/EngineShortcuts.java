package org.takedown.system;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The product's processes begin with a tip and hear from vendors through the product's API, which keeps what goes
 * with them: the tip and its indicators, the vendor's whole answer, the recall notices of a withdrawal. Started or
 * messaged through the engine's REST APIs they would run without those records (a start without a tip retries into
 * an incident; a withdrawal there tells no unit). Their models say so, with camunda:isStartableInTasklist="false";
 * for those, starting (or restarting) an instance and correlating a message are refused with 403 naming the
 * product's address. Other models are left to the engine, with the body still read strictly (a key given twice is 400).
 * <p>
 * The engine's ways round a task's form are refused for every task: ending it with a BPMN error or escalation (which
 * closed operations with nothing recorded), delegating it or adding users and groups to it (a legal officer then
 * completed a coordinator's triage), attaching files to it (evidence goes to the register, with its custody), and
 * moving, messaging or setting variables of instances in bulk. A task is claimed or assigned only to a member of
 * one of its candidate groups, and keeps the name and description the model gives it.
 */
@Component
class EngineShortcuts extends OncePerRequestFilter {

  private static final Pattern ADDRESS = Pattern.compile(EngineInput.PREFIX
      + "/(?:process-definition/(?:key/(?<key>[^/]+)(?:/tenant-id/[^/]+)?|(?<id>[^/]+))/(?:start|submit-form|restart|restart-async)"
      + "|(?<message>message))/?$");
  private static final int MAX_BODY = 4 * 1024 * 1024;
  /** Ways round a task's form or an operation's records: refused whatever the process. */
  private static final Pattern REFUSED = Pattern.compile(EngineInput.PREFIX
      + "/(?:task/[^/]+/(?:bpmnError|bpmnEscalation|delegate|identity-links(?:/delete)?|attachment/create)"
      + "|process-instance/(?:message-async|variables-async|[^/]+/modification)|execution/[^/]+/messageSubscriptions/[^/]+/trigger"
      + "|signal|condition|migration/execute(?:Async)?|modification/execute(?:Async)?)/?$");
  private static final Pattern ON_TASK = Pattern.compile(EngineInput.PREFIX + "/task/(?<id>[^/]+)/.*");
  /** Claiming or assigning a task; renaming it (PUT task/{id}); commenting on it. */
  private static final Pattern TASK = Pattern.compile(EngineInput.PREFIX
      + "/task/(?<id>[^/]+)(?:/(?<what>claim|assignee|comment/create))?/?$");

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;

  EngineShortcuts(RepositoryService repository, RuntimeService runtime, TaskService tasks, IdentityService identity) {
    this.repository = repository;
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = EngineInput.path(request);
    return switch (request.getMethod()) {
      case "POST" -> !ADDRESS.matcher(path).matches() && !REFUSED.matcher(path).matches() && !TASK.matcher(path).matches();
      case "PUT" -> !TASK.matcher(path).matches();
      default -> true;
    };
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = EngineInput.path(request);
    boolean webapp = path.startsWith("/camunda/");
    Matcher onTask = ON_TASK.matcher(path);
    if (REFUSED.matcher(path).matches() && !(onTask.matches() && tasks.createTaskQuery().taskId(onTask.group("id")).count() == 0)) {
      // (A task that is not there is the engine's 404, which names it.)
      EngineInput.answer(request, response, webapp, 403, "Not done here", "The engine's API does not do this to the product's tasks "
          + "and operations: a task ends by completing its form, by the users of its groups; evidence goes to the evidence register; "
          + "operations are moved by their own steps. Nothing was changed.", List.of());
      return;
    }
    Matcher task = TASK.matcher(path);
    if (task.matches()) {
      task(request, response, chain, webapp, task.group("id"), task.group("what"));
      return;
    }
    Matcher address = ADDRESS.matcher(path);
    if (!address.matches()) {
      chain.doFilter(request, response);
      return;
    }
    if (address.group("message") == null) {
      ProcessDefinition definition = address.group("key") != null
          ? repository.createProcessDefinitionQuery().processDefinitionKey(address.group("key")).latestVersion().singleResult()
          : repository.createProcessDefinitionQuery().processDefinitionId(address.group("id")).singleResult();
      if (definition != null && !definition.isStartableInTasklist()) {
        EngineInput.answer(request, response, webapp, 403, "Not started here", "An operation begins with a vendor's tip: "
            + "POST /api/tips (JSON or STIX), so that it has its tip, indicators and records. The engine's API does not start "
            + "the product's processes; nothing was started.", List.of());
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    Body read = Body.read(request, response, webapp);
    if (read == null) {
      return;
    }
    byte[] body = read.bytes();
    JsonNode root = read.root();
    String name = root == null ? null : root.path("messageName").asText(null);
    if (name != null && ofTheProduct(name)) {
      EngineInput.answer(request, response, webapp, 403, "Not correlated here", "The message '" + EngineInput.printable(name)
          + "' belongs to the product's operations and goes through the product's API, which keeps its records: a vendor's "
          + "answer POST /api/operations/{reference}/information, a withdrawal POST /api/operations/{reference}/withdrawal. "
          + "Nothing was correlated.", List.of());
      return;
    }
    chain.doFilter(new ReplayedBody(request, body, StandardCharsets.UTF_8), response);
  }

  /** Claim and assignee: only a member of the task's candidate groups. PUT: the model's name and description stay. Comments: text rules. */
  private void task(HttpServletRequest request, HttpServletResponse response, FilterChain chain, boolean webapp, String id, String what)
      throws ServletException, IOException {
    Task task = tasks.createTaskQuery().taskId(id).singleResult();
    Body read = Body.read(request, response, webapp);
    if (read == null) {
      return;
    }
    byte[] body = read.bytes();
    JsonNode root = read.root();
    if (task != null && root != null && root.isObject()) {
      InvalidInputException.FieldProblem problem = switch (what == null ? "" : what) {
        case "claim", "assignee" -> member(task, root.path("userId"));
        case "comment/create" -> comment(root.path("message"));
        default -> unchanged(task, root);
      };
      if (problem != null) {
        EngineInput.refuse(request, response, webapp, List.of(problem));
        return;
      }
    }
    chain.doFilter(new ReplayedBody(request, body, StandardCharsets.UTF_8), response);
  }

  private InvalidInputException.FieldProblem member(Task task, JsonNode user) {
    if (user.isMissingNode() || user.isNull()) {
      return null; // unclaiming
    }
    List<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null).map(IdentityLink::getGroupId).toList();
    String userId = user.asText();
    // Claiming for oneself: the groups one signed in with (a user of the identity provider is in no engine table).
    Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
    Set<String> own = signedIn != null && signedIn.isAuthenticated() && userId.equals(signedIn.getName()) ? Caller.of(signedIn).groups() : Set.of();
    if (!groups.isEmpty() && groups.stream().noneMatch(group -> own.contains(group)
        || identity.createUserQuery().userId(userId).memberOfGroup(group).count() > 0)) {
      return new InvalidInputException.FieldProblem("userId", "'" + EngineInput.printable(userId) + "' is not in a group this task is for ("
          + String.join(", ", groups) + "); a task is claimed by one of its own users");
    }
    return null;
  }

  private static InvalidInputException.FieldProblem comment(JsonNode message) {
    String text = message.isTextual() ? message.asText() : null;
    String problem = text == null ? "must be text" : text.length() > 4_000 ? "must be at most 4000 characters" : Text.problem(text, false);
    return problem == null ? null : new InvalidInputException.FieldProblem("message", problem);
  }

  /** A task's name and description are the model's (Tasklist sends them back unchanged when it sets a due or follow-up date). */
  private static InvalidInputException.FieldProblem unchanged(Task task, JsonNode root) {
    for (String field : List.of("name", "description", "owner", "parentTaskId", "caseInstanceId")) {
      JsonNode given = root.get(field);
      String current = switch (field) {
        case "name" -> task.getName();
        case "description" -> task.getDescription();
        case "owner" -> task.getOwner();
        case "parentTaskId" -> task.getParentTaskId();
        default -> task.getCaseInstanceId();
      };
      if (given != null && !given.isNull() && !given.asText().equals(current)) {
        return new InvalidInputException.FieldProblem(field, "cannot be changed: the task's " + field + " comes from its model");
      }
    }
    return null;
  }

  /** A body read strictly (at most 4 MB, strict UTF-8, no key twice); null once its refusal has been answered. */
  private record Body(byte[] bytes, JsonNode root) {
    static Body read(HttpServletRequest request, HttpServletResponse response, boolean webapp) throws IOException {
      byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
      List<InvalidInputException.FieldProblem> problems;
      if (body.length > MAX_BODY) {
        problems = List.of(new InvalidInputException.FieldProblem("body", "is larger than 4 MB"));
      } else {
        try {
          Utf8.decode(body);
          return new Body(body, body.length == 0 ? null : EngineInput.STRICT.readTree(body));
        } catch (Utf8.Malformed e) {
          problems = List.of(new InvalidInputException.FieldProblem("body", Text.NOT_UTF8));
        } catch (JacksonException e) {
          problems = List.of(EngineInput.bodyProblem(e));
        }
      }
      EngineInput.refuse(request, response, webapp, problems);
      return null;
    }
  }

  /** A message that a process of the product waits for, or that starts one. */
  private boolean ofTheProduct(String message) {
    for (ProcessDefinition started : repository.createProcessDefinitionQuery().messageEventSubscriptionName(message).list()) {
      if (!started.isStartableInTasklist()) {
        return true;
      }
    }
    for (EventSubscription waiting : runtime.createEventSubscriptionQuery().eventType("message").eventName(message).listPage(0, 50)) {
      ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(waiting.getProcessInstanceId()).singleResult();
      if (instance != null && !repository.getProcessDefinition(instance.getProcessDefinitionId()).isStartableInTasklist()) {
        return true;
      }
    }
    return false;
  }
}
