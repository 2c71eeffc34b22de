package org.takedown.security;

import jakarta.servlet.http.HttpServletRequest;
import org.takedown.system.ReplayedBody;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A small form body (a login), read once so that a filter can see a field, then handed on unread to
 * the servlet behind it. Bodies over {@link #LIMIT} bytes are not read at all.
 */
final class ReplayedForm extends ReplayedBody {

  static final int LIMIT = 16 * 1024;

  private ReplayedForm(HttpServletRequest request, byte[] body) {
    super(request, body, StandardCharsets.ISO_8859_1);
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
    Charset charset = declaredCharset(StandardCharsets.UTF_8);
    String text = new String(body(), StandardCharsets.ISO_8859_1);
    for (String pair : text.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      if (decode(key, charset).equals(name)) {
        return equals < 0 ? "" : decode(pair.substring(equals + 1), charset);
      }
    }
    return null;
  }

  private static String decode(String text, Charset charset) {
    try {
      return URLDecoder.decode(text, charset);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }
}
