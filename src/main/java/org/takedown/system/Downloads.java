package org.takedown.system;

import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/** The Content-Disposition of every download, so that each saves under the same name whatever the client. */
public final class Downloads {

  private Downloads() {
  }

  /**
   * An ASCII file name for every client (anything else, quotes, backslashes and percent signs become
   * "_"), and the exact name in RFC 6266's filename* for the clients that read it, which browsers do.
   */
  public static String attachment(String name) {
    StringBuilder ascii = new StringBuilder();
    name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + UriUtils.encode(name, StandardCharsets.UTF_8);
  }
}
