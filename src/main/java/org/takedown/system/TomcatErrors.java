package org.takedown.system;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Requests Tomcat refuses before the application sees them (an encoded slash or NUL in the path, a
 * request line or header beyond the size limit) get Tomcat's error page. This replaces it: problem+json,
 * or a plain page under /partner, both without server details. A request line too long to parse has
 * no path to tell /partner from the rest, so it gets problem+json (server.max-http-request-header-size
 * is raised so that a long token or key still reaches the application and gets its own answer).
 */
@Component
class TomcatErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      Host host = (Host) context.getParent();
      for (Valve valve : host.getPipeline().getValves()) {
        if (valve instanceof ErrorReportValve) {
          host.getPipeline().removeValve(valve);
        }
      }
      host.getPipeline().addValve(new ProblemValve());
      if (host instanceof StandardHost standard) {
        // Otherwise the host adds Tomcat's own valve again when it starts.
        standard.setErrorReportValveClass(ProblemValve.class.getName());
      }
    });
  }

  /** After Spring Boot's customizer, which adds Tomcat's valve. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /** The TAXII server's root and media type (taxii.Taxii, which the system package does not depend on). */
  static final String TAXII_ROOT = "/taxii2";
  static final String TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1";

  public static class ProblemValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      AtomicBoolean io = new AtomicBoolean(false);
      response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, io);
      if (!io.get()) {
        return;
      }
      ProblemDetail problem = ErrorResponses.standard(status);
      if (status == 400) {
        problem.setDetail("The address or a header of the request is not valid (for example an encoded '/' or a NUL "
            + "character in the path, or a part that is too long). Check the address; nothing was stored.");
      } else if (status == 505) {
        problem.setDetail("This server speaks HTTP/1.1 (and HTTP/1.0); the request asked for another HTTP version, which "
            + "it does not support. Send the request as HTTP/1.1. Nothing was stored.");
      }
      String path = request.getCoyoteRequest().requestURI().toString();
      try {
        response.setCharacterEncoding("UTF-8");
        if (path.equals(TAXII_ROOT) || path.startsWith(TAXII_ROOT + "/")) {
          // A TAXII client reads TAXII error messages (as the TAXII server's own errors are, see taxii.TaxiiErrors).
          response.setContentType(TAXII_MEDIA_TYPE);
          writeText(response, "{\"title\":\"" + json(problem.getTitle()) + "\",\"description\":\"" + json(problem.getDetail())
              + "\",\"http_status\":\"" + status + "\"}");
        } else if (ErrorResponses.isPage(path)) {
          response.setContentType("text/html;charset=UTF-8");
          writeText(response, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
              + HtmlUtils.htmlEscape(problem.getTitle()) + "</title></head>\n<body><main><h1>" + HtmlUtils.htmlEscape(problem.getTitle())
              + "</h1>\n<p>" + HtmlUtils.htmlEscape(problem.getDetail()) + "</p></main></body></html>\n");
        } else {
          response.setContentType("application/problem+json");
          writeText(response, "{\"type\":\"about:blank\",\"title\":\"" + json(problem.getTitle()) + "\",\"status\":" + status
              + ",\"detail\":\"" + json(problem.getDetail()) + "\"}");
        }
      } catch (IOException | IllegalStateException e) {
        // The client is gone or the response cannot take a body: nothing more to tell.
      }
    }

    private static void writeText(Response response, String text) throws IOException {
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(text);
        response.finishResponse();
      }
    }

    private static String json(String text) {
      return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
  }
}
