package org.takedown.security;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A small form body (a login), read once so that a filter can see a field, then handed on unread to
 * the servlet behind it. Bodies over {@link #LIMIT} bytes are not read at all.
 */
final class ReplayedForm extends HttpServletRequestWrapper {

  static final int LIMIT = 16 * 1024;

  private final byte[] body;

  private ReplayedForm(HttpServletRequest request, byte[] body) {
    super(request);
    this.body = body;
  }

  /** The request with its body read, or null if the body is longer than any sign-in form. */
  static ReplayedForm of(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > LIMIT) {
      return null;
    }
    byte[] body = request.getInputStream().readNBytes(LIMIT + 1);
    return body.length > LIMIT ? null : new ReplayedForm(request, body);
  }

  /** The first value of a form field, or null (also for bodies that are not form-urlencoded). */
  String field(String name) {
    String type = getContentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return null;
    }
    Charset charset = charset(StandardCharsets.UTF_8);
    String text = new String(body, StandardCharsets.ISO_8859_1);
    for (String pair : text.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      if (decode(key, charset).equals(name)) {
        return equals < 0 ? "" : decode(pair.substring(equals + 1), charset);
      }
    }
    return null;
  }

  private Charset charset(Charset otherwise) {
    try {
      return getCharacterEncoding() == null ? otherwise : Charset.forName(getCharacterEncoding());
    } catch (IllegalArgumentException unknown) {
      return otherwise;
    }
  }

  private static String decode(String text, Charset charset) {
    try {
      return URLDecoder.decode(text, charset);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }

  @Override
  public ServletInputStream getInputStream() {
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    return new ServletInputStream() {
      @Override
      public int read() {
        return in.read();
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        return in.read(buffer, offset, length);
      }

      @Override
      public boolean isFinished() {
        return in.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException("blocking reads only");
      }
    };
  }

  @Override
  public BufferedReader getReader() {
    return new BufferedReader(new InputStreamReader(getInputStream(), charset(StandardCharsets.ISO_8859_1)));
  }
}
