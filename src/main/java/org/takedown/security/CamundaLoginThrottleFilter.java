package org.takedown.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.takedown.audit.AuditTrail;

/**
 * The same per-client and per-account throttle in front of the login of Tasklist, Cockpit and Admin
 * ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}), which checks the password
 * itself: a throttled client gets 429 before the password is looked at; the outcome of the others
 * (401 wrong, 200 or 403 right password) is counted after Camunda has answered.
 */
class CamundaLoginThrottleFilter extends OncePerRequestFilter {

  private static final Pattern LOGIN = Pattern.compile(".*/api/admin/auth/user/[^/]+/login/[^/]+/?");

  private final LoginThrottle throttle;
  private final AuditTrail audit;

  CamundaLoginThrottleFilter(LoginThrottle throttle, AuditTrail audit) {
    this.throttle = throttle;
    this.audit = audit;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // Servlet path and path info are decoded and normalised, unlike the raw request URI.
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return !"POST".equals(request.getMethod()) || !LOGIN.matcher(path).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String address = request.getRemoteAddr();
    // The form is read here and replayed to Camunda's resource, which reads the body itself.
    ReplayedForm form = ReplayedForm.of(request);
    if (form == null) {
      tooLarge(response);
      return;
    }
    String user = form.field("username");
    Duration wait = throttle.begin(address, user);
    if (!wait.isZero()) {
      audit.failedSignIn(user, address, SignInDetails.CAMUNDA_WEBAPP, true);
      TooManySignIns.problem(response, LoginThrottle.seconds(wait));
      return;
    }
    int status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    try {
      chain.doFilter(form, response);
      status = response.getStatus();
    } finally {
      if (status == HttpServletResponse.SC_UNAUTHORIZED) {
        throttle.failed(address, user);
        audit.failedSignIn(user, address, SignInDetails.CAMUNDA_WEBAPP, false);
      } else if (status < 400 || status == HttpServletResponse.SC_FORBIDDEN) {
        // 403: the password was right, the user just may not use that app.
        throttle.succeeded(address, user);
      } else {
        throttle.abandoned(address, user);
      }
    }
  }

  private static void tooLarge(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setCharacterEncoding("UTF-8");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
        + "\"detail\":\"A sign-in form is at most " + ReplayedForm.LIMIT / 1024 + " kB: send only the user name and password.\"}");
  }
}
