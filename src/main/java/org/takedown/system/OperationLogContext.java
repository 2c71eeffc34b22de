package org.takedown.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every log line written while a request about one operation is handled carries its reference in the MDC
 * ("operation"), so an operator finds all lines of OP-2026-0001 with one search. Jobs and delegates get the same
 * key from the engine (logging-context-business-key: the business key is the reference). Runs before security,
 * so sign-in and refusal lines carry it too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class OperationLogContext extends OncePerRequestFilter {

  public static final String KEY = "operation";

  /** /api/operations/{ref}/... and the pages /operations/{ref}/...; only what looks like a reference is logged. */
  private static final Pattern PATH = Pattern.compile("^/(?:api/)?operations/([A-Z]{2,8}-\\d{4}-\\d{1,9})(?:/.*)?$");

  /** For requests that name their operation only through a token (emailed links): put once the token is resolved. */
  public static void put(String reference) {
    MDC.put(KEY, reference);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher matcher = PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
    if (matcher.matches()) {
      put(matcher.group(1));
    }
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(KEY);
    }
  }
}
