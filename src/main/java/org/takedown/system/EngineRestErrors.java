package org.takedown.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST API answers 500 for any exception from a task listener, and for a task that no
 * longer exists. A task completed with bad variables is the client's mistake, so
 * {@link TaskInput.Refused} becomes 400 with what to fix, and a task completed meanwhile 404, in
 * Camunda's own error format; everything else is left to Camunda's handler.
 */
@Component
class EngineRestErrors implements ResourceConfigCustomizer {

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(RefusedTaskInputMapper.class);
  }

  @Priority(1)
  public static class RefusedTaskInputMapper implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      TaskInput.Refused refused = TaskInput.Refused.in(exception);
      if (refused != null) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "InvalidTaskInput");
        body.put("message", refused.getMessage());
        body.put("errors", refused.<Object>getDetail());
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
      }
      for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
        if (cause instanceof NullValueException && String.valueOf(cause.getMessage()).startsWith("Cannot find task with id")) {
          // Completed meanwhile, in Tasklist or from an emailed link: tell the second one it is done.
          return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
              .entity(Map.of("type", "TaskAlreadyDone", "message", "This task is already done, or does not exist.")).build();
        }
      }
      return camunda.toResponse(exception);
    }
  }
}
