package org.takedown.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Tasklist works on tasks through the Camunda webapp's own REST API (/camunda/api/engine), a JAX-RS application of
 * Camunda's with Camunda's exception mappers ({@link EngineRestErrors} is registered with /engine-rest only). Its error
 * body carries the engine's message ("ENGINE-03051 There was an exception while invoking the TaskListener…", "Cannot
 * submit task form …: task is null", 500), and Tasklist shows that message as it is. This filter answers in plain
 * words instead, in the webapp's {"type","message"} format:
 * <ul>
 *   <li>a completion whose input the engine refused: the refusal's sentence, 400 (known from {@link Refusals}, not
 *       from the engine's message);</li>
 *   <li>any failure (400, 404, 500) on a task that is not there (for anyone): 404, it may have been completed meanwhile;</li>
 *   <li>a claim that failed on a task someone holds: 409, without saying who.</li>
 * </ul>
 */
@Component
class TasklistRefusals extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(TasklistRefusals.class);
  private static final Pattern TASK = Pattern.compile("^/camunda/api/engine/engine/[^/]+/task/(?<id>[^/]+)(?<rest>/.*)?$");
  private static final Pattern COMPLETING = Pattern.compile("/(submit-form|complete|resolve)/?");
  /** task/{these} are not tasks. */
  private static final Set<String> ACTIONS = Set.of("count", "create", "report");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TaskService tasks;
  private final IdentityService identity;

  TasklistRefusals(TaskService tasks, IdentityService identity) {
    this.tasks = tasks;
    this.identity = identity;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    Matcher task = TASK.matcher(EngineInput.path(request));
    return !task.matches() || ACTIONS.contains(task.group("id"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher address = TASK.matcher(EngineInput.path(request));
    address.matches();
    String taskId = address.group("id");
    String rest = address.group("rest") == null ? "" : address.group("rest");
    boolean post = "POST".equals(request.getMethod());
    ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
    Refusals.open();
    try {
      chain.doFilter(request, buffered);
      int status = buffered.getStatus();
      if (status < 400 || response.isCommitted()) {
        return;
      }
      TaskInput.Refused refused = post && COMPLETING.matcher(rest).matches() ? Refusals.current() : null;
      if (refused != null) {
        rewrite(buffered, 400, "Invalid input", refused.getMessage());
        return;
      }
      if (status != 400 && status != 404 && status != 500) {
        return; // 401, 403, 405, 415: Camunda's answer says what it is
      }
      Task task;
      try {
        task = task(taskId);
      } catch (RuntimeException e) {
        log.warn("Could not tell whether task {} is there", EngineRestNotFound.shown(taskId), e);
        return;
      }
      if (task == null) {
        rewrite(buffered, 404, "Not found", "There is no task " + EngineRestNotFound.shown(taskId)
            + "; it may have been completed meanwhile." + (post || "PUT".equals(request.getMethod()) || "DELETE".equals(request.getMethod())
            ? " Nothing was changed." : ""));
      } else if (task != null && status == 500 && post && rest.matches("/claim/?") && task.getAssignee() != null) {
        // A claim fails with 500 on a held task only (the engine checks the caller's rights first); who holds it is not said.
        rewrite(buffered, 409, "Already claimed", "This task is already claimed by someone else; unclaim it first or ask them.");
      }
    } finally {
      Refusals.close();
      buffered.copyBodyToResponse();
    }
  }

  /** The task, as the engine has it (not as the caller sees it: a 404 for a task that exists stays Camunda's answer). */
  private Task task(String taskId) {
    Authentication caller = identity.getCurrentAuthentication();
    try {
      identity.clearAuthentication();
      return tasks.createTaskQuery().taskId(taskId).singleResult();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  private static void rewrite(ContentCachingResponseWrapper buffered, int status, String type, String message) throws IOException {
    buffered.resetBuffer();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    buffered.setStatus(status);
    buffered.setContentType("application/json");
    buffered.setCharacterEncoding(StandardCharsets.UTF_8.name());
    buffered.getOutputStream().write(JSON.writeValueAsBytes(body));
  }
}
