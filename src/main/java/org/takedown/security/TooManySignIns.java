package org.takedown.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;

/** The answer to a throttled sign-in: 429 with Retry-After, saying in plain words how long to wait. */
final class TooManySignIns {

  static final int STATUS = 429;

  private TooManySignIns() {}

  static String advice(long seconds) {
    return "Too many failed sign-ins for this account from your address. Wait " + seconds + " seconds, then sign in again "
        + "with the right user name and password. Other addresses are not affected.";
  }

  /** For API clients and Camunda's webapps: application/problem+json. */
  static void problem(HttpServletResponse response, long seconds) throws IOException {
    response.setStatus(STATUS);
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    response.setCharacterEncoding("UTF-8");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\""
        + advice(seconds) + "\",\"retryAfterSeconds\":" + seconds + "}");
  }

  /**
   * For the form login of the pages: the sign-in page's look (its stylesheet, its card), saying how long to wait
   * and leading back to the form. Written here, not by a template: the answer leaves from the security filter.
   */
  static void page(HttpServletRequest request, HttpServletResponse response, long seconds) throws IOException {
    response.setStatus(STATUS);
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    response.setCharacterEncoding("UTF-8");
    response.setContentType(MediaType.TEXT_HTML_VALUE);
    String root = HtmlUtils.htmlEscape(request.getContextPath());
    response.getWriter().write("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex"><title>Too many failed sign-ins – Takedown</title>
        <link rel="stylesheet" href="%1$s/css/takedown.css"></head>
        <body><main id="main" class="narrow">
        <h1>Too many failed sign-ins</h1>
        <p class="error" role="alert">%2$s</p>
        <p><a class="button" href="%1$s/login">Back to sign in</a></p>
        </main></body></html>
        """.formatted(root, advice(seconds)));
  }
}
