package org.takedown.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.HtmlUtils;

/**
 * The /error dispatch: every error that did not get its answer where it happened (a filter, a
 * servlet, Jersey, a sendError) is answered here, as application/problem+json, or as a plain page
 * for the emailed action links under /partner, which people open in a browser.
 */
@Controller
public class ErrorResponses implements ErrorController {

  /** Request attribute with the problem to show, set by whoever decided the error. */
  public static final String PROBLEM = ErrorResponses.class.getName() + ".problem";

  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

  @RequestMapping("${server.error.path:${error.path:/error}}")
  Object error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    // Asked for directly, /error is just an address with nothing at it.
    int status = code instanceof Integer number ? number : 404;
    ProblemDetail problem = request.getAttribute(PROBLEM) instanceof ProblemDetail set ? set : standard(status);
    if (status >= 500 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable thrown) {
      log.error("Unexpected error on {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), thrown);
    }
    if (isPage(requestedPath(request))) {
      ModelAndView page = new ModelAndView("partner/problem");
      page.addObject("title", problem.getTitle());
      page.addObject("message", problem.getDetail());
      page.setStatus(HttpStatus.valueOf(status));
      return page;
    }
    if (problem.getInstance() == null) {
      // Spring would name the address of this dispatch, /error.
      problem.setInstance(instance(request));
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  /**
   * The address the client asked for, without the context path: in the error dispatch the request's own is /error,
   * and the original is an attribute.
   */
  static String requestedPath(HttpServletRequest request) {
    String uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original ? original : request.getRequestURI();
    return uri.substring(Math.min(request.getContextPath().length(), uri.length()));
  }

  /** The problem's instance: the address the client asked for, as it was sent (Spring's default for the request's path). */
  static URI instance(HttpServletRequest request) {
    String uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original ? original : request.getRequestURI();
    try {
      return URI.create(uri);
    } catch (IllegalArgumentException notAUri) {
      try {
        return new URI(null, null, uri, null);
      } catch (java.net.URISyntaxException e) {
        return null;
      }
    }
  }

  /**
   * Spring Security's firewall refuses paths such as ';', '//' or an encoded '.' (they could slip past
   * the access rules): 400, answered like any other error.
   */
  @Bean
  static RequestRejectedHandler rejectedRequests() {
    return (request, response, rejected) -> {
      if (!METHODS.contains(request.getMethod())) {
        // TRACE or a method nobody knows: the /error dispatch would not run for it, so the answer is written here.
        ProblemDetail problem = standard(405);
        problem.setDetail("This server does not take " + clip(request.getMethod()) + " requests; it takes "
            + String.join(", ", METHODS) + ", each where the address allows it. Nothing was stored.");
        response.setStatus(405);
        response.setHeader(org.springframework.http.HttpHeaders.ALLOW, String.join(", ", METHODS));
        response.setCharacterEncoding("UTF-8");
        String body;
        // TRACE reaches this in the error dispatch of Tomcat's own 405, whose address is /error.
        if (isPage(requestedPath(request))) {
          response.setContentType("text/html;charset=UTF-8");
          body = plainPage(problem);
        } else {
          response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
          com.fasterxml.jackson.databind.node.ObjectNode json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
              .put("type", "about:blank").put("title", problem.getTitle()).put("status", 405).put("detail", problem.getDetail());
          URI instance = instance(request);
          if (instance != null) {
            json.put("instance", instance.toString());
          }
          body = json.toString();
        }
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
        return;
      }
      ProblemDetail problem = standard(400);
      problem.setDetail("The address of the request is not allowed (for example a ';', '//', an encoded '.' or '%'); "
          + "check it and send the request again. Nothing was stored.");
      request.setAttribute(PROBLEM, problem);
      response.sendError(400);
    };
  }

  /** The methods Spring Security's firewall lets through (TRACE, CONNECT and unknown ones it refuses). */
  static final java.util.List<String> METHODS = java.util.List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private static String clip(String text) {
    String plain = text == null ? "" : text.replaceAll("[^A-Za-z0-9_-]", "?");
    return plain.length() <= 20 ? plain : plain.substring(0, 20) + "…";
  }

  /** The problem as a page without the product's look, for answers written outside Spring MVC (Tomcat, the firewall). */
  static String plainPage(ProblemDetail problem) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(problem.getTitle())
        + "</title></head>\n<body><main><h1>" + HtmlUtils.htmlEscape(problem.getTitle()) + "</h1>\n<p>"
        + HtmlUtils.htmlEscape(problem.getDetail()) + "</p></main></body></html>\n";
  }

  /** Pages for people (the emailed action links); everything else is answered as problem+json. */
  public static boolean isPage(String path) {
    return path != null && (path.startsWith("/partner/") || path.equals("/partner"));
  }

  /** The plain-words problem of a status when nothing more precise is known. */
  public static ProblemDetail standard(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    String title = known == null ? "Error" : known.getReasonPhrase();
    String detail = switch (status) {
      case 400 -> "The request is not valid: check the address, the headers and the body, then send it again. Nothing was stored.";
      case 401 -> "Sign in: send HTTP Basic credentials of a Takedown user.";
      case 403 -> "Your role does not allow this request.";
      case 404 -> "There is nothing at this address. Check it, or open the whole link from the email again.";
      case 405 -> "This address does not take requests of this method.";
      case 409 -> "The request conflicts with the current state; nothing was stored. Reload and decide again.";
      case 413 -> "The request is too large; nothing was stored. Send a smaller one.";
      case 414, 431 -> "The address or the headers are too long; nothing was stored.";
      case 415 -> "The body is of a type this address does not accept; send application/json.";
      case 429 -> "Too many requests; wait a moment, then send the request again.";
      default -> status >= 500
          ? "The request could not be completed on our side; nothing was stored. Try again later."
          : "The request could not be completed; nothing was stored.";
    };
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(known == null ? 500 : status), detail);
    if (known == null) {
      problem.setStatus(status);
    }
    problem.setTitle(title);
    problem.setType(URI.create("about:blank"));
    return problem;
  }
}
