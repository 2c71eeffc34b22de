package org.takedown.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

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

  /** For the form login of the pages: a plain page that leads back to the sign-in form. */
  static void page(HttpServletResponse response, long seconds) throws IOException {
    response.setStatus(STATUS);
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    response.setCharacterEncoding("UTF-8");
    response.setContentType(MediaType.TEXT_HTML_VALUE);
    response.getWriter().write("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Too many failed sign-ins</title></head>
        <body><h1>Too many failed sign-ins</h1><p>%s</p><p><a href="login">Back to sign in</a></p></body></html>
        """.formatted(advice(seconds)));
  }
}
