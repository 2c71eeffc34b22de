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
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
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
 * nothing was stored. Camunda's webapps use /camunda/api/engine, which keeps Camunda's format.
 */
@Component
class EngineRestErrors implements ResourceConfigCustomizer {

  private static final Logger log = LoggerFactory.getLogger(EngineRestErrors.class);
  private static final String PROBLEM_JSON = "application/problem+json";

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    // One mapper per type Camunda maps, at a higher priority, since Jersey picks the closest type first.
    config.register(RestExceptions.class);
    config.register(EngineExceptions.class);
    config.register(JsonExceptions.class);
    config.register(JsonSyntaxExceptions.class);
    config.register(WebExceptions.class);
    config.register(AnyException.class);
  }

  @Priority(1)
  public static class RestExceptions implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException exception) {
      return problem(exception);
    }
  }

  @Priority(1)
  public static class EngineExceptions implements ExceptionMapper<ProcessEngineException> {
    @Override
    public Response toResponse(ProcessEngineException exception) {
      return problem(exception);
    }
  }

  @Priority(1)
  public static class JsonExceptions implements ExceptionMapper<JsonMappingException> {
    @Override
    public Response toResponse(JsonMappingException exception) {
      return problem(exception);
    }
  }

  @Priority(1)
  public static class JsonSyntaxExceptions implements ExceptionMapper<JsonParseException> {
    @Override
    public Response toResponse(JsonParseException exception) {
      return problem(exception);
    }
  }

  @Priority(1)
  public static class WebExceptions implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException exception) {
      return problem(exception);
    }
  }

  @Priority(1)
  public static class AnyException implements ExceptionMapper<Exception> {
    @Override
    public Response toResponse(Exception exception) {
      return problem(exception);
    }
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
        // Completed meanwhile, in Tasklist or from an emailed link: tell the second one it is done.
        return build(404, body(404, "Task already done", "This task is already done, or does not exist."), null);
      }
      if (cause instanceof OptimisticLockingException) {
        return build(409, body(409, "Concurrent change", ApiErrors.CONCURRENT_CHANGE), null);
      }
      if (cause instanceof SpinRuntimeException) {
        return build(400, body(400, "Invalid input", "A variable of type Json holds text that is not valid JSON; nothing was stored. "
            + "Send JSON text as its value, e.g. \"[\\\"DE\\\",\\\"FR\\\"]\" for countries."), null);
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
    if (status >= 500) {
      log.error("Unexpected error in the engine's REST API", thrown);
      return build(status, body(status, title, ErrorResponses.standard(status).getDetail()), null);
    }
    String message = thrown instanceof WebApplicationException || thrown.getMessage() == null || thrown.getMessage().isBlank()
        ? ErrorResponses.standard(status).getDetail() : plain(thrown.getMessage());
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
        .trim();
  }

  private static Map<String, Object> body(int status, String title, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
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
