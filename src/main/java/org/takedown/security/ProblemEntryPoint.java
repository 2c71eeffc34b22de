package org.takedown.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401, 403 and 429 (throttled sign-in) for API clients, as application/problem+json; 401 with the Basic challenge. A
 * refused bearer token gets its own plain sentence (expired, wrongly signed, another issuer) and the Bearer challenge.
 */
class ProblemEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setCharacterEncoding("UTF-8");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getWriter().write("""
        {"type":"about:blank","title":"Forbidden","status":403,\
        "detail":"Your role does not allow this request."}""");
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
    if (e instanceof SignInThrottledException throttled) {
      TooManySignIns.problem(response, throttled.seconds());
      return;
    }
    if (e instanceof RefusedTokenException refused) {
      response.setStatus(refused.status());
      if (refused.status() == HttpServletResponse.SC_UNAUTHORIZED) {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
      }
      response.setCharacterEncoding("UTF-8");
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      String title = switch (refused.status()) {
        case HttpServletResponse.SC_FORBIDDEN -> "Forbidden";
        case HttpServletResponse.SC_SERVICE_UNAVAILABLE -> "Service Unavailable";
        default -> "Unauthorized";
      };
      // The sentences are the product's own (RefusedTokenException): nothing of the token is echoed.
      response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + refused.status()
          + ",\"detail\":\"" + refused.getMessage().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
      return;
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Takedown\"");
    response.setCharacterEncoding("UTF-8");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getWriter().write("""
        {"type":"about:blank","title":"Unauthorized","status":401,\
        "detail":"Sign in: send HTTP Basic credentials of a Takedown user."}""");
  }
}
