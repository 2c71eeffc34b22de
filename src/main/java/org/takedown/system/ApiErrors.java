package org.takedown.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of the product's API as application/problem+json (RFC 9457) that says what to fix,
 * including those Spring MVC raises before a controller runs (no such address, wrong method, wrong
 * media type). Under /partner, where people read the answer in a browser, the same problem is shown
 * as a plain page by {@link ErrorResponses}.
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  static final String CONCURRENT_CHANGE = "Another change to this operation was saved at the same moment; "
      + "nothing of yours was stored. Send the request again.";

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<Object> invalid(InvalidInputException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
    return respond(invalidInput(e.problems()), new HttpHeaders(), request, response);
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<Object> notFound(NotFoundException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
    return respond(problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage()), new HttpHeaders(), request, response);
  }

  @ExceptionHandler(ForbiddenException.class)
  ResponseEntity<Object> forbidden(ForbiddenException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
    return respond(problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage()), new HttpHeaders(), request, response);
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<Object> accessDenied(AccessDeniedException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
    return forbidden(new ForbiddenException("Your role does not allow this request."), request, response);
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<Object> conflict(ConflictException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
    return respond(problem(HttpStatus.CONFLICT, "Conflict", e.getMessage()), new HttpHeaders(), request, response);
  }

  /** Two requests changed one operation at the same moment; the engine or JPA kept the first. */
  @ExceptionHandler({org.camunda.bpm.engine.OptimisticLockingException.class,
      org.springframework.dao.OptimisticLockingFailureException.class})
  ResponseEntity<Object> concurrent(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
    return respond(problem(HttpStatus.CONFLICT, "Concurrent change", CONCURRENT_CHANGE), new HttpHeaders(), request, response);
  }

  /** A lock held by another request for longer than the database waits (a burst of tips on one reference counter). */
  @ExceptionHandler(org.springframework.dao.PessimisticLockingFailureException.class)
  ResponseEntity<Object> busy(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
    log.warn("Waited too long for a lock: {}", e.getMessage());
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, "2");
    return respond(problem(HttpStatus.SERVICE_UNAVAILABLE, "Busy", "Other requests held what this one needed for too long; "
        + "nothing of yours was stored. Send the request again in a moment."), headers, request, response);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
    log.error("Unexpected error", e);
    return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
        "The request could not be completed; nothing was stored. Try again later."), new HttpHeaders(), request, response);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
    for (FieldError error : e.getBindingResult().getFieldErrors()) {
      problems.add(new InvalidInputException.FieldProblem(error.getField(), error.getDefaultMessage()));
    }
    e.getBindingResult().getGlobalErrors().forEach(error ->
        problems.add(new InvalidInputException.FieldProblem(error.getObjectName(), error.getDefaultMessage())));
    return respond(invalidInput(problems), headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof RequestSizeLimit.TooLarge tooLarge) {
        // The rest of the body stays unread, so the connection closes after this answer.
        byte[] body = tooLarge.json();
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .contentLength(body.length).header(HttpHeaders.CONNECTION, "close").body(body);
      }
    }
    InvalidInputException.FieldProblem problem = null;
    for (Throwable cause = e; cause != null && problem == null; cause = cause.getCause()) {
      if (cause instanceof Utf8.Malformed malformed) {
        problem = new InvalidInputException.FieldProblem("body", malformed.problem());
      }
    }
    if (problem == null) {
      problem = StrictJson.problem(e);
    }
    if (problem == null) {
      problem = new InvalidInputException.FieldProblem("body", String.valueOf(e.getMessage()).startsWith("Required request body is missing")
          ? "is required: send a JSON object" : "is not valid JSON for this request");
    }
    ProblemDetail invalid = invalidInput(List.of(problem));
    invalid.setDetail("The body is not valid JSON for this request: " + problem.field() + " " + problem.message()
        + ". Nothing was stored; fix it and send it again.");
    return respond(invalid, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Set<String> accepted = new LinkedHashSet<>();
    for (MediaType type : e.getSupportedMediaTypes()) {
      if (!type.isWildcardType() && !type.isWildcardSubtype() && !type.getSubtype().startsWith("*")) {
        accepted.add(type.getType() + "/" + type.getSubtype());
      }
    }
    if (accepted.isEmpty()) {
      accepted.add(MediaType.APPLICATION_JSON_VALUE);
    }
    String sent = e.getContentType() == null ? "no Content-Type" : "Content-Type " + e.getContentType().getType() + "/" + e.getContentType().getSubtype();
    ProblemDetail problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
        "This address accepts " + String.join(" or ", accepted) + ", and the request was sent with " + sent
            + ". Send the body as " + String.join(" or ", accepted) + " and set the Content-Type header to match.");
    problem.setProperty("accepted", accepted);
    return respond(problem, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String offered = e.getSupportedMediaTypes().stream().map(MediaType::toString).collect(Collectors.joining(", "));
    return respond(problem(HttpStatus.NOT_ACCEPTABLE, "Not acceptable",
        "This address answers " + (offered.isEmpty() ? "application/json" : offered) + "; accept one of them in the Accept header."),
        new HttpHeaders(), request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Set<String> allowed = e.getSupportedMethods() == null ? Set.of() : new LinkedHashSet<>(List.of(e.getSupportedMethods()));
    return respond(problem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
        "This address does not take " + e.getMethod() + " requests" + (allowed.isEmpty() ? "." : "; it takes " + String.join(", ", allowed) + ".")),
        headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    return respond(ErrorResponses.standard(404), headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    return respond(ErrorResponses.standard(404), headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
    e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
        problems.add(new InvalidInputException.FieldProblem(String.valueOf(result.getMethodParameter().getParameterName()),
            error.getDefaultMessage()))));
    return respond(invalidInput(problems), headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String name = e instanceof MethodArgumentTypeMismatchException argument ? argument.getName() : String.valueOf(e.getPropertyName());
    Class<?> type = e.getRequiredType();
    String expected = type == null ? "of another form"
        : Number.class.isAssignableFrom(type) || type == long.class || type == int.class ? "a whole number"
        : type == java.time.Instant.class ? "a time such as 2026-01-31T12:00:00Z"
        : type == boolean.class || type == Boolean.class ? "true or false"
        : "of another form";
    return respond(invalidInput(List.of(new InvalidInputException.FieldProblem(name, "must be " + expected))), headers, request);
  }

  /** Whatever else Spring MVC reports (missing parameter, 413 of an upload, ...): its status, in plain words. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    ProblemDetail problem = body instanceof ProblemDetail given ? given : ErrorResponses.standard(statusCode.value());
    if (problem.getTitle() == null) {
      problem.setTitle(ErrorResponses.standard(statusCode.value()).getTitle());
    }
    if (statusCode.value() == 413) {
      problem.setDetail(ErrorResponses.standard(413).getDetail());
    }
    return respond(problem, headers, request);
  }

  private static ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers, WebRequest request) {
    ServletWebRequest servlet = (ServletWebRequest) request;
    try {
      return respond(problem, headers, servlet.getRequest(), servlet.getResponse());
    } catch (IOException e) {
      return null;
    }
  }

  /** problem+json, except under /partner: there {@link ErrorResponses} shows it as a page. */
  private static ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    if (ErrorResponses.isPage(request.getRequestURI().substring(request.getContextPath().length())) && response != null) {
      request.setAttribute(ErrorResponses.PROBLEM, problem);
      response.sendError(problem.getStatus());
      return null;
    }
    HttpHeaders answer = new HttpHeaders();
    answer.addAll(headers);
    answer.remove(HttpHeaders.CONTENT_TYPE);
    return ResponseEntity.status(problem.getStatus()).headers(answer).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }

  static ProblemDetail invalidInput(List<InvalidInputException.FieldProblem> problems) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "The request has " + problems.size() + " invalid field(s); fix them and send it again. Nothing was stored.");
    problem.setTitle("Invalid input");
    problem.setType(URI.create("urn:takedown:problem:invalid-input"));
    problem.setProperty("errors", problems);
    return problem;
  }
}
