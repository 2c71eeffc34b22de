package org.takedown.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Every error under /taxii2 is a TAXII error message ({@code title}, {@code description},
 * {@code http_status}, {@code details}) as application/taxii+json;version=2.1, wherever it was
 * decided: sign-in (401 with the Basic challenge), the size limit (413), Spring MVC (404, 405…), the
 * /error dispatch. Those answer application/problem+json, as on /api; this filter, outside all of
 * them, rewrites such an answer into the TAXII form and leaves every other answer as it is.
 */
@Configuration(proxyBeanMethods = false)
class TaxiiErrors {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> PROBLEM_FIELDS = Set.of("type", "title", "status", "detail", "instance");

  @Bean
  FilterRegistrationBean<ErrorMessages> taxiiErrorMessages() {
    FilterRegistrationBean<ErrorMessages> registration = new FilterRegistrationBean<>(new ErrorMessages());
    // Every address and the error dispatch: an error dispatch is addressed to /error, the original path is an attribute.
    registration.addUrlPatterns("/*");
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
    // Outside the size limit (-200) and Spring Security (-100), whose answers it rewrites.
    registration.setOrder(-300);
    return registration;
  }

  static byte[] message(int status, String title, String description, JsonNode details) {
    ObjectNode message = JSON.createObjectNode().put("title", title);
    if (description != null) {
      message.put("description", description);
    }
    message.put("http_status", String.valueOf(status));
    if (details != null && !details.isEmpty()) {
      message.set("details", details);
    }
    try {
      return JSON.writeValueAsBytes(message);
    } catch (IOException e) {
      throw new IllegalStateException("a tree of plain nodes always serialises", e);
    }
  }

  static class ErrorMessages implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
      HttpServletRequest request = (HttpServletRequest) req;
      HttpServletResponse response = (HttpServletResponse) res;
      String uri = request.getDispatcherType() == DispatcherType.ERROR && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original
          ? original : request.getRequestURI();
      String path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
      if (!path.equals(Taxii.ROOT) && !path.startsWith(Taxii.ROOT + "/")) {
        chain.doFilter(request, response);
        return;
      }
      ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
      chain.doFilter(request, captured);
      String type = captured.getContentType();
      if (captured.getStatus() < 400 || type == null || !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(type))
          || response.isCommitted()) {
        captured.copyBodyToResponse();
        return;
      }
      byte[] message = rewrite(captured.getStatus(), captured.getContentAsByteArray());
      // The problem was written with charset=UTF-8; the TAXII media type is JSON, UTF-8 without saying so.
      response.setCharacterEncoding((String) null);
      response.setContentType(Taxii.MEDIA_TYPE);
      response.setContentLength(message.length);
      response.getOutputStream().write(message);
      response.flushBuffer();
    }

    /** problem+json (title, detail, and extra members such as errors) into a TAXII error message. */
    private static byte[] rewrite(int status, byte[] problem) {
      HttpStatus known = HttpStatus.resolve(status);
      String title = known == null ? "Error" : known.getReasonPhrase();
      String description = null;
      ObjectNode details = JSON.createObjectNode();
      try {
        JsonNode read = JSON.readTree(problem);
        if (read != null && read.isObject()) {
          title = read.path("title").isTextual() ? read.get("title").asText() : title;
          description = read.path("detail").isTextual() ? read.get("detail").asText() : null;
          for (Iterator<Map.Entry<String, JsonNode>> fields = read.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!PROBLEM_FIELDS.contains(field.getKey())) {
              details.set(field.getKey(), field.getValue());
            }
          }
        }
      } catch (IOException e) {
        // an empty or unreadable body: the status's own words
      }
      if (status == 401) {
        description = "Sign in: send HTTP Basic credentials of a Takedown user, or a vendor API key in the X-Api-Key header.";
      } else if (status == 404 && (description == null || description.contains("email"))) {
        description = "There is nothing at this address. The TAXII server starts at " + Taxii.ROOT + "/; check the address.";
      }
      return message(status, title, description, details);
    }
  }
}
