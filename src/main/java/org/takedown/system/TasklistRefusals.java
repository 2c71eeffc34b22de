package org.takedown.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Tasklist completes tasks through the Camunda webapp's own REST API, whose error body carries the
 * engine's message ("ENGINE-03051 There was an exception while invoking the TaskListener…") and
 * Tasklist shows that message as it is. When the engine refused the input of the task, this filter
 * answers the refusal's plain sentence instead, in the webapp's {"type","message"} format. It knows
 * the refusal from {@link Refusals}, not by reading the engine's message.
 */
@Component
class TasklistRefusals extends OncePerRequestFilter {

  private static final Pattern COMPLETING = Pattern.compile(".*/api/engine/engine/[^/]+/task/[^/]+/(submit-form|complete|resolve)");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !COMPLETING.matcher(EngineInput.path(request)).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
    Refusals.open();
    try {
      chain.doFilter(request, buffered);
      TaskInput.Refused refused = Refusals.current();
      if (refused != null && buffered.getStatus() >= 400 && !response.isCommitted()) {
        buffered.resetBuffer();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "Invalid input");
        body.put("message", refused.getMessage());
        buffered.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        buffered.setContentType("application/json");
        buffered.setCharacterEncoding(StandardCharsets.UTF_8.name());
        buffered.getOutputStream().write(JSON.writeValueAsBytes(body));
      }
    } finally {
      Refusals.close();
      buffered.copyBodyToResponse();
    }
  }
}
