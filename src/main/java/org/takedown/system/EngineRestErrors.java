package org.takedown.system;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.TaskService;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.SpinRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST API (/engine-rest) answers in application/problem+json like the product's API,
 * instead of Camunda's own {"type","message"}: a task completed with bad variables (a
 * {@link TaskInput.Refused}, JSON that is not JSON, a Java-serialised object, a body of the wrong
 * shape) is 400 saying what to fix; a task completed meanwhile 404; a concurrent change 409; the
 * rest keeps Camunda's status, with its message without engine codes, and 500 says only that
 * nothing was stored. A 404, and a failure behind which a missing id stands (the engine's
 * "task is null", 400 or 500), says which id of the address is not there ({@link EngineRestNotFound}). A claim of a task
 * someone else holds is 409 (without saying who); deleting a task of a running process 409; a condition no process waits
 * for 400; a value longer than its column 400; each answer names the address it was asked for (instance).
 * Camunda's webapps use /camunda/api/engine, which keeps Camunda's format.
 */
@Component
class EngineRestErrors implements ResourceConfigCustomizer {

  private static final Logger log = LoggerFactory.getLogger(EngineRestErrors.class);
  private static final String PROBLEM_JSON = "application/problem+json";

  private static final Pattern COMPLETING = Pattern.compile(".*/task/([^/]+)/(?:complete|submit-form|resolve)");
  private static final Pattern TASK = Pattern.compile("^(?:/engine/[^/]+)?/task/([^/]+)/?$");

  private final TaskService tasks;
  private final HistoryService history;
  private final IdentityService identity;
  private final EngineRestNotFound notFound;

  EngineRestErrors(TaskService tasks, HistoryService history, IdentityService identity, ProcessEngine engine) {
    this.tasks = tasks;
    this.history = history;
    this.identity = identity;
    this.notFound = new EngineRestNotFound(engine);
  }

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    // One mapper per type Camunda maps, at a higher priority, since Jersey picks the closest type first.
    config.register(new RestExceptions(this));
    config.register(new EngineExceptions(this));
    config.register(new JsonExceptions(this));
    config.register(new JsonSyntaxExceptions(this));
    config.register(new WebExceptions(this));
    config.register(new AnyException(this));
  }

  abstract static class Mapper<T extends Throwable> implements ExceptionMapper<T> {
    private final EngineRestErrors errors;

    Mapper(EngineRestErrors errors) {
      this.errors = errors;
    }

    @Override
    public Response toResponse(T exception) {
      return errors.answer(exception);
    }
  }

  @Priority(1)
  public static class RestExceptions extends Mapper<RestException> {
    RestExceptions(EngineRestErrors errors) {
      super(errors);
    }
  }

  @Priority(1)
  public static class EngineExceptions extends Mapper<ProcessEngineException> {
    EngineExceptions(EngineRestErrors errors) {
      super(errors);
    }
  }

  @Priority(1)
  public static class JsonExceptions extends Mapper<JsonMappingException> {
    JsonExceptions(EngineRestErrors errors) {
      super(errors);
    }
  }

  @Priority(1)
  public static class JsonSyntaxExceptions extends Mapper<JsonParseException> {
    JsonSyntaxExceptions(EngineRestErrors errors) {
      super(errors);
    }
  }

  @Priority(1)
  public static class WebExceptions extends Mapper<WebApplicationException> {
    WebExceptions(EngineRestErrors errors) {
      super(errors);
    }
  }

  @Priority(1)
  public static class AnyException extends Mapper<Exception> {
    AnyException(EngineRestErrors errors) {
      super(errors);
    }
  }

  /**
   * The answer to a failed request. A completion whose task has been completed meanwhile lost a race (Tasklist, a
   * second coordinator, an emailed link): whatever the engine failed with on the way ("Cannot find task", a null
   * activity instance, a lost lock, a listener reading the variables of a task that is gone), it is 409, task already done.
   */
  Response answer(Throwable thrown) {
    String completing = completingTask();
    if (completing != null && completedMeanwhile(completing)) {
      return alreadyDone();
    }
    if (completing != null && !(thrown instanceof WebApplicationException) && TaskInput.Refused.in(thrown) == null
        && missingTask(thrown) && !exists(completing)) {
      return build(404, body(404, "Not found", "There is no task " + completing + "; nothing was stored."), null);
    }
    if (!(thrown instanceof WebApplicationException) && TaskInput.Refused.in(thrown) == null
        && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
      Response deleted = taskOfAProcess(servlet.getRequest().getMethod(), servlet.getRequest().getPathInfo(), thrown);
      if (deleted != null) {
        return deleted;
      }
      int status = ExceptionHandlerHelper.getInstance().getStatus(thrown).getStatusCode();
      if (status == 404 || (status == 400 || status >= 500) && missingSomething(thrown)) {
        String missing = notFound.missing(servlet.getRequest().getMethod(), servlet.getRequest().getPathInfo(), status == 404);
        if (missing != null) {
          return build(404, body(404, "Not found", missing), null);
        }
      }
    }
    return problem(thrown);
  }

  /**
   * DELETE task/{id} of a task of a running process: the engine refuses it (a plain ProcessEngineException, 500) before it
   * checks the caller's rights, so a caller who cannot see the task is told it is not there, as for any other request.
   */
  private Response taskOfAProcess(String method, String pathInfo, Throwable thrown) {
    Matcher task = pathInfo == null ? null : TASK.matcher(pathInfo);
    if (!"DELETE".equals(method) || task == null || !task.matches() || thrown.getClass() != ProcessEngineException.class) {
      return null;
    }
    Task seen;
    try {
      seen = tasks.createTaskQuery().taskId(task.group(1)).singleResult();
    } catch (RuntimeException e) {
      return null;
    }
    if (seen == null) {
      String missing = notFound.missing(method, pathInfo, true);
      return missing == null ? null : build(404, body(404, "Not found", missing), null);
    }
    if (seen.getExecutionId() == null) {
      return null;
    }
    return build(409, body(409, "Cannot be deleted", "This task belongs to a running operation and cannot be deleted; "
        + "a task of an operation ends when its form is completed. Nothing was changed."), null);
  }

  private static final Pattern INVALID_ID = Pattern.compile(
      "(Group|User|Tenant) has an invalid id: '(.*)' is not a valid resource identifier", Pattern.DOTALL);

  /** The engine's code for a condition no process's start event subscribes to (thrown as a plain ProcessEngineException). */
  private static final String NO_CONDITIONAL_START = "ENGINE-13043";

  private static final Pattern NOT_THERE = Pattern.compile(
      "(?i)does ?n[o']t exist|not found|cannot find|no \\w+(?: \\w+)? found|\\w is null");

  /** Whether the engine failed for want of something: a null it checked, one it did not, or its words for it. */
  private static boolean missingSomething(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof NullValueException || cause instanceof NullPointerException
          || cause instanceof org.camunda.bpm.engine.exception.NotFoundException
          || cause.getMessage() != null && NOT_THERE.matcher(cause.getMessage()).find()) {
        return true;
      }
    }
    return false;
  }

  private static String completingTask() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet
        && "POST".equals(servlet.getRequest().getMethod())) {
      Matcher matcher = COMPLETING.matcher(servlet.getRequest().getRequestURI());
      if (matcher.matches()) {
        return matcher.group(1);
      }
    }
    return null;
  }

  /**
   * Whether the task is gone from the runtime and finished in the history. Asked without the caller's engine
   * authentication: a unit may complete a task without the right to read its history.
   */
  private boolean completedMeanwhile(String taskId) {
    Authentication caller = identity.getCurrentAuthentication();
    try {
      identity.clearAuthentication();
      return tasks.createTaskQuery().taskId(taskId).count() == 0
          && history.createHistoricTaskInstanceQuery().taskId(taskId).finished().count() > 0;
    } catch (RuntimeException e) {
      log.warn("Could not tell whether task {} was completed meanwhile", taskId, e);
      return false;
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  private boolean exists(String taskId) {
    Authentication caller = identity.getCurrentAuthentication();
    try {
      identity.clearAuthentication();
      return history.createHistoricTaskInstanceQuery().taskId(taskId).count() > 0;
    } catch (RuntimeException e) {
      return true;
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  private static boolean missingTask(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof NullValueException) {
        return true;
      }
    }
    return false;
  }

  static Response alreadyDone() {
    return build(409, body(409, "Task already done",
        "This task has already been completed, by someone else or by an earlier request; nothing of yours was stored."), null);
  }

  static Response problem(Throwable thrown) {
    TaskInput.Refused refused = TaskInput.Refused.in(thrown);
    if (refused != null) {
      Map<String, Object> body = body(400, "Invalid input", refused.getMessage() + " Nothing was stored; fix it and complete the task again.");
      body.put("type", "urn:takedown:problem:invalid-input");
      body.put("errors", refused.<Object>getDetail());
      return build(400, body, null);
    }
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof NullValueException && String.valueOf(cause.getMessage()).startsWith("Cannot find task with id")) {
        // A completion whose task was completed meanwhile is answered above (409); this one never existed.
        return build(404, body(404, "Not found", "There is no such task; nothing was stored."), null);
      }
      if (cause instanceof org.camunda.bpm.engine.MismatchingMessageCorrelationException
          || String.valueOf(cause.getMessage()).contains("MismatchingMessageCorrelationException")) {
        java.util.regex.Matcher name = java.util.regex.Pattern.compile("Cannot correlate message '([^']{0,200})'").matcher(String.valueOf(cause.getMessage()));
        return build(400, body(400, "Message not correlated", "No process is waiting for the message"
            + (name.find() ? " '" + name.group(1) + "'" : "") + " with the business key and correlation keys given; "
            + "nothing was correlated or stored. Check the message name and the keys."), null);
      }
      Matcher invalidId = INVALID_ID.matcher(String.valueOf(cause.getMessage()));
      if (invalidId.find()) {
        // The engine's id rules (group-, user- and tenant-resource-whitelist-pattern) refused a new id; it answered 500.
        return build(400, body(400, "Invalid input", "The id '" + EngineRestNotFound.shown(invalidId.group(2)) + "' is not allowed for a "
            + invalidId.group(1).toLowerCase(java.util.Locale.ROOT) + ": an id holds letters and digits, and only the separators "
            + "this server's id rules allow; nothing was stored."), null);
      }
      if (cause instanceof TaskAlreadyClaimedException) {
        // Who holds it is not said: the caller may not be allowed to see that.
        return build(409, body(409, "Already claimed", "This task is already claimed by someone else; unclaim it first or ask them. "
            + "Nothing was changed."), null);
      }
      if (cause instanceof ProcessEngineException && String.valueOf(cause.getMessage()).startsWith(NO_CONDITIONAL_START)) {
        return build(400, body(400, "No process waits for a condition", "No process waits for a condition: no process deployed here "
            + "(of those the request names) starts on a condition, so nothing was started or stored."), null);
      }
      if (cause instanceof java.sql.SQLException sql && "22001".equals(sql.getSQLState())) {
        // A value longer than its column (the filter IdentityInput names the field where it knows the limit).
        return build(400, body(400, "Invalid input", "A value of the request is longer than the engine's database holds for it; "
            + "nothing was stored. Send a shorter one."), null);
      }
      if (cause instanceof OptimisticLockingException) {
        return build(409, body(409, "Concurrent change", ApiErrors.CONCURRENT_CHANGE), null);
      }
      if (cause instanceof SpinRuntimeException) {
        String format = String.valueOf(cause.getClass().getName()).contains("Xml") || String.valueOf(cause.getMessage()).contains("XML")
            ? "Xml" : "Json";
        return build(400, body(400, "Invalid input", "A variable of type " + format + " holds text that is not valid "
            + format.toUpperCase(java.util.Locale.ROOT) + "; nothing was stored. "
            + "Send JSON text as its value, e.g. \"[\\\"DE\\\",\\\"FR\\\"]\" for countries."), null);
      }
      if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
        // A unique key: the user, group or membership exists already.
        return build(409, body(409, "Already exists", "This already exists (a user, group or membership of that name); "
            + "nothing was changed."), null);
      }
      if (cause instanceof JacksonException json) {
        InvalidInputException.FieldProblem field = StrictJson.problem(json);
        Map<String, Object> body = body(400, "Invalid input", "The body is not valid for this request: " + field.field() + " "
            + field.message() + ". Nothing was stored.");
        body.put("type", "urn:takedown:problem:invalid-input");
        body.put("errors", List.of(field));
        return build(400, body, null);
      }
      if (String.valueOf(cause.getMessage()).contains("application/x-java-serialized-object")
          || String.valueOf(cause.getMessage()).contains("Java serialization")) {
        return build(400, body(400, "Invalid input", "Java-serialised objects are not accepted; nothing was stored. "
            + "Send the value as JSON: type Json, or a plain type such as String, Boolean or Long."), null);
      }
    }
    int status;
    String allow = null;
    if (thrown instanceof WebApplicationException web) {
      status = web.getResponse().getStatus();
      allow = web.getResponse().getHeaderString(HttpHeaders.ALLOW);
    } else {
      status = ExceptionHandlerHelper.getInstance().getStatus(thrown).getStatusCode();
    }
    String title = ErrorResponses.standard(status).getTitle();
    if (status >= 500 && missingTask(thrown)) {
      // The engine's "doesn't exist" behind Camunda's 500 (variables of a task that is gone, of an ended instance).
      return build(404, body(404, "Not found", "Something this address names is not there (an id in it, or what it refers to; "
          + "it may have ended); check the ids in the address. Nothing was stored."), null);
    }
    if (status >= 500) {
      log.error("Unexpected error in the engine's REST API", thrown);
      return build(status, body(status, title, ErrorResponses.standard(status).getDetail()), null);
    }
    String message = thrown instanceof WebApplicationException || thrown.getMessage() == null || thrown.getMessage().isBlank()
        ? ErrorResponses.standard(status).getDetail() : plain(thrown.getMessage());
    if (status == 404) {
      // No such address of the API (Jersey), or the engine's words for what it did not find ("job is null").
      message = thrown instanceof WebApplicationException
          ? "There is nothing at this address of the engine's REST API; check it against Camunda's REST API reference."
          : "Something this address names is not there (an id in it, or what it refers to); check the ids in the address.";
    }
    if (status == 405 && allow != null) {
      message = "This address does not take requests of this method; it takes " + allow + ".";
    }
    return build(status, body(status, title, message), allow);
  }

  /** Camunda's message without its engine codes and Java class names. */
  static String plain(String message) {
    return message
        .replaceAll("ENGINE-\\d+\\s*", "")
        .replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)", "$1")
        // No exception names in an answer: "SomethingException: what happened" says what happened.
        .replaceAll("\\b[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*", "")
        .trim();
  }

  private static Map<String, Object> body(int status, String title, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
      // The address as the client sent it, as every other problem of the server names it.
      java.net.URI instance = ErrorResponses.instance(servlet.getRequest());
      if (instance != null) {
        body.put("instance", instance.toString());
      }
    }
    return body;
  }

  private static Response build(int status, Map<String, Object> body, String allow) {
    Response.ResponseBuilder response = Response.status(status).type(PROBLEM_JSON).entity(body);
    if (allow != null) {
      response.header(HttpHeaders.ALLOW, allow);
    }
    return response.build();
  }
}
