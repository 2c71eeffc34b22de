package org.takedown.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;
import org.takedown.system.ErrorResponses;

/**
 * The answer to an action refused because the audit trail could not record it: 503 in plain words, as
 * application/problem+json for API clients (/api, /engine-rest, TAXII), as the plain page of the emailed links
 * under /partner, and as a page of the product's layout on its own pages.
 */
@Component
class AuditRefusal {

  static final String TITLE = "Not recorded, not taken";
  static final String DETAIL = "The action was not recorded in the audit trail, so it was not taken; try again or tell the operator.";

  private final ITemplateEngine templates;

  AuditRefusal(ITemplateEngine templates) {
    this.templates = templates;
  }

  void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (ErrorResponses.isPage(path)) {
      // the /error dispatch shows the problem as the links' plain page
      request.setAttribute(ErrorResponses.PROBLEM, problem());
      response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
    } else if (isApi(path)) {
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
      response.setCharacterEncoding("UTF-8");
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + TITLE + "\",\"status\":503,\"detail\":\"" + DETAIL + "\"}");
    } else {
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
      response.setCharacterEncoding("UTF-8");
      response.setContentType(MediaType.TEXT_HTML_VALUE);
      WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
          .buildExchange(request, response), request.getLocale());
      context.setVariable("heading", TITLE);
      context.setVariable("message", DETAIL);
      templates.process("not-recorded", context, response.getWriter());
    }
  }

  private static boolean isApi(String path) {
    return path.startsWith("/api/") || path.startsWith("/engine-rest/") || path.startsWith("/taxii2") || path.startsWith("/v3/");
  }

  private static ProblemDetail problem() {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DETAIL);
    problem.setTitle(TITLE);
    problem.setType(URI.create("about:blank"));
    return problem;
  }
}
