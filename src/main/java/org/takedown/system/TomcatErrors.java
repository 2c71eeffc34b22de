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

/**
 * Requests Tomcat refuses before the application sees them (an encoded slash or NUL in the path, a
 * request line or header beyond the size limit) get Tomcat's error page. This replaces it: problem+json,
 * or a plain page under /partner, both without server details. A request line Tomcat cannot read (a raw
 * non-ASCII byte or a space in the address, or longer than the limit) leaves no path; the address is then
 * taken from Tomcat's message, and without it the answer is problem+json
 * (server.max-http-request-header-size is raised so that a long token or key still reaches the
 * application and gets its own answer).
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
      String path = request.getCoyoteRequest().requestURI().toString();
      if (path == null && status == 400) {
        path = unreadableTarget(throwable);
        problem.setDetail(path != null
            ? "The address holds a character that must be percent-encoded: a letter outside ASCII, a space, a quotation mark "
                + "or a control character. Encode it as UTF-8 (é as %C3%A9) and send the request again; nothing was stored."
            : "The first line of the request (method, address, HTTP version) could not be read: it is longer than this server "
                + "accepts or not of the form GET /address HTTP/1.1. Check the address; nothing was stored.");
      } else if (status == 400) {
        problem.setDetail("The address or a header of the request is not valid (for example an encoded '/' or a NUL "
            + "character in the path, or a part that is too long). Check the address; nothing was stored.");
      } else if (status == 501) {
        problem.setDetail("This server does not do what the request asks for: a CONNECT request (it is not a proxy) or a "
            + "Transfer-Encoding other than chunked. Nothing was stored.");
      } else if (status == 505) {
        problem.setDetail("This server speaks HTTP/1.1 (and HTTP/1.0); the request asked for another HTTP version, which "
            + "it does not support. Send the request as HTTP/1.1. Nothing was stored.");
      }
      try {
        response.setCharacterEncoding("UTF-8");
        if (path != null && (path.equals(TAXII_ROOT) || path.startsWith(TAXII_ROOT + "/"))) {
          // A TAXII client reads TAXII error messages (as the TAXII server's own errors are, see taxii.TaxiiErrors).
          response.setContentType(TAXII_MEDIA_TYPE);
          writeText(response, "{\"title\":\"" + json(problem.getTitle()) + "\",\"description\":\"" + json(problem.getDetail())
              + "\",\"http_status\":\"" + status + "\"}");
        } else if (ErrorResponses.isPage(path)) {
          response.setContentType("text/html;charset=UTF-8");
          writeText(response, ErrorResponses.plainPage(problem));
        } else {
          response.setContentType("application/problem+json");
          writeText(response, "{\"type\":\"about:blank\",\"title\":\"" + json(problem.getTitle()) + "\",\"status\":" + status
              + ",\"detail\":\"" + json(problem.getDetail()) + "\"}");
        }
      } catch (IOException | IllegalStateException e) {
        // The client is gone or the response cannot take a body: nothing more to tell.
      }
    }

    /**
     * The request target of a request line Tomcat refused for a character in it: its message names the target in
     * brackets, each byte it refused as 0xNN ("... request target [/partner/0xc30xa9 ]"). Null when there is none.
     */
    static String unreadableTarget(Throwable refused) {
      String message = refused instanceof IllegalArgumentException ? refused.getMessage() : null;
      int open = message == null ? -1 : message.indexOf('[');
      int close = message == null ? -1 : message.lastIndexOf(']');
      String target = open >= 0 && close > open ? message.substring(open + 1, close).trim() : "";
      return target.startsWith("/") ? target : null;
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
