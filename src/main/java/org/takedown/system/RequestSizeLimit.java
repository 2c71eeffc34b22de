package org.takedown.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bodies sent to /api (and to the TAXII server, /taxii2) are read into memory, so they have a size limit (takedown.api.max-body-size,
 * 64 MB: a STIX bundle of 50,000 indicators with their context fits well).
 * A declared length above it is refused before anything else; a chunked body is cut off when it
 * passes the limit. Both answer 413 saying the limit. Multipart evidence uploads, streamed to disk, have their own.
 * A JSON body (any media type ending in json: the tip, STIX, TAXII) is also checked as strict UTF-8 as it is
 * read ({@link Utf8}), so no parser decodes an overlong or malformed sequence leniently: 400 naming the byte.
 */
@Configuration(proxyBeanMethods = false)
class RequestSizeLimit {

  @Bean
  FilterRegistrationBean<Limit> apiBodyLimit(@Value("${takedown.api.max-body-size:64MB}") DataSize limit) {
    FilterRegistrationBean<Limit> registration = new FilterRegistrationBean<>(new Limit(limit.toBytes()));
    registration.addUrlPatterns("/api/*", "/taxii2/*");
    // Before Spring Security (-100): a huge upload is refused without reading it.
    registration.setOrder(-200);
    return registration;
  }

  /** A body beyond the limit; wherever it is read, it answers 413. */
  public static class TooLarge extends IOException {
    private final long limit;

    TooLarge(long limit) {
      super("The body is larger than " + Sizes.limit(limit));
      this.limit = limit;
    }

    public ProblemDetail problem() {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
          "The body is larger than the limit of " + Sizes.limit(limit) + "; nothing was stored. Send a smaller one, "
              + "for example split the indicators over several tips.");
      problem.setTitle("Request too large");
      return problem;
    }

    /**
     * The problem as bytes of known length. When the rest of a large body is not read, Tomcat closes
     * the connection without finishing a chunked answer; with a Content-Length the client gets it whole.
     */
    public byte[] json() {
      ProblemDetail problem = problem();
      return ("{\"type\":\"about:blank\",\"title\":\"" + problem.getTitle() + "\",\"status\":413,\"detail\":\"" + problem.getDetail() + "\"}")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
  }


  static class Limit extends OncePerRequestFilter {
    private final long limit;

    Limit(long limit) {
      this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (isMultipart(request)) {
        // Only evidence uploads take multipart/form-data: they stream to disk under their own limit (takedown.evidence.max-upload-size).
        chain.doFilter(request, response);
        return;
      }
      if (request.getContentLengthLong() > limit) {
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setCharacterEncoding("UTF-8");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        byte[] problem = new TooLarge(limit).json();
        response.setContentLength(problem.length);
        response.getOutputStream().write(problem);
        return;
      }
      chain.doFilter(new Bounded(request, limit, isJson(request) ? new Utf8() : null), response);
    }
  }

  static boolean isMultipart(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.regionMatches(true, 0, "multipart/form-data", 0, "multipart/form-data".length());
  }

  static boolean isJson(HttpServletRequest request) {
    String type = request.getContentType();
    if (type == null) {
      return false;
    }
    int parameters = type.indexOf(';');
    String bare = (parameters < 0 ? type : type.substring(0, parameters)).trim().toLowerCase(java.util.Locale.ROOT);
    return bare.endsWith("/json") || bare.endsWith("+json");
  }

  private static class Bounded extends HttpServletRequestWrapper {
    private final long limit;
    private final Utf8 utf8;
    private ServletInputStream stream;

    Bounded(HttpServletRequest request, long limit, Utf8 utf8) {
      super(request);
      this.limit = limit;
      this.utf8 = utf8;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              count(1);
              if (utf8 != null) {
                utf8.next(b);
              }
            } else if (utf8 != null) {
              utf8.end();
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
              count(n);
              if (utf8 != null) {
                utf8.next(buffer, offset, n);
              }
            } else if (n < 0 && utf8 != null) {
              utf8.end();
            }
            return n;
          }

          /**
           * A body of declared length (at most the limit, checked above) into one array of that size, filled in place:
           * InputStream's own collects 8 kB pieces and then copies them, holding a 64 MB body twice. Spring's byte[]
           * reader asks for it so, after sign-in.
           */
          @Override
          public byte[] readNBytes(int length) throws IOException {
            if (length < 0) {
              throw new IllegalArgumentException("length < 0");
            }
            byte[] body = new byte[length];
            int filled = 0;
            while (filled < length) {
              int n = read(body, filled, length - filled);
              if (n < 0) {
                break;
              }
              filled += n;
            }
            return filled == length ? body : java.util.Arrays.copyOf(body, filled);
          }

          private void count(int n) throws TooLarge {
            read += n;
            if (read > limit) {
              throw new TooLarge(limit);
            }
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
