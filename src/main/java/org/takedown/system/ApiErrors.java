package org.takedown.system;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the product's API as application/problem+json (RFC 9457) that says what to fix. */
@RestControllerAdvice(basePackages = "org.takedown")
public class ApiErrors extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
    return ResponseEntity.badRequest().body(invalidInput(e.problems()));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Not found");
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }

  @ExceptionHandler(ForbiddenException.class)
  ResponseEntity<ProblemDetail> forbidden(ForbiddenException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    problem.setTitle("Forbidden");
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
    return forbidden(new ForbiddenException("Your role does not allow this request."));
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<ProblemDetail> conflict(ConflictException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Conflict");
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("Unexpected error", e);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "The request could not be completed; nothing was stored. Try again later.");
    problem.setTitle("Internal error");
    return ResponseEntity.internalServerError().body(problem);
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
    return ResponseEntity.badRequest().body(invalidInput(problems));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "The body is not valid JSON for this endpoint: " + readableCause(e));
    problem.setTitle("Unreadable request body");
    return ResponseEntity.badRequest().body(problem);
  }

  private static ProblemDetail invalidInput(List<InvalidInputException.FieldProblem> problems) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "The request has " + problems.size() + " invalid field(s); fix them and send it again. Nothing was stored.");
    problem.setTitle("Invalid input");
    problem.setType(URI.create("urn:takedown:problem:invalid-input"));
    problem.setProperty("errors", problems);
    return problem;
  }

  private static String readableCause(HttpMessageNotReadableException e) {
    Throwable cause = e.getMostSpecificCause();
    String message = cause.getMessage() == null ? "" : cause.getMessage();
    // Jackson appends source locations with internal class names; the first line is what helps a client.
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
