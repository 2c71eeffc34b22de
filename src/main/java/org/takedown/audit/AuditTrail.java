package org.takedown.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every state-changing request to /api, after it has been answered, in a transaction of
 * its own, so refused and failed requests are on record too. Engine actions are recorded by
 * Camunda's user operation log.
 */
@Component
public class AuditTrail {

  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
  private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Pattern OPERATION = Pattern.compile("/api/operations/(OP-\\d{4}-\\d{4,})", Pattern.CASE_INSENSITIVE);

  private final AuditEventRepository events;
  private final Clock clock;

  AuditTrail(AuditEventRepository events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  /** The filter for the API's security chain; it must sit inside the chain to see who called. */
  public OncePerRequestFilter filter() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (!CHANGING.contains(request.getMethod())) {
          chain.doFilter(request, response);
          return;
        }
        try {
          chain.doFilter(request, response);
        } finally {
          record(request, response);
        }
      }
    };
  }

  private void record(HttpServletRequest request, HttpServletResponse response) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    boolean signedIn = authentication != null && authentication.isAuthenticated();
    String via = !signedIn ? "none"
        : authentication.getAuthorities().stream().anyMatch(a -> "API_KEY".equals(a.getAuthority())) ? "api-key" : "password";
    String operation = operation(request.getRequestURI());
    if (operation == null && response.getHeader(HttpHeaders.LOCATION) != null) {
      operation = operation(response.getHeader(HttpHeaders.LOCATION));
    }
    try {
      events.save(new AuditEvent(clock.instant(), signedIn ? authentication.getName() : "anonymous", via,
          request.getMethod() + " " + request.getRequestURI(), operation, response.getStatus()));
    } catch (RuntimeException e) {
      log.error("Could not record audit event for {} {}", request.getMethod(), request.getRequestURI(), e);
    }
  }

  private static String operation(String path) {
    Matcher matcher = OPERATION.matcher(path);
    return matcher.find() ? matcher.group(1).toUpperCase(Locale.ROOT) : null;
  }
}
