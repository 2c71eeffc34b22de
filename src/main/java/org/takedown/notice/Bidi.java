package org.takedown.notice;

import org.springframework.web.util.HtmlUtils;
import org.takedown.system.Language;

/**
 * How a value sits in a sentence of a notice, as templates call it ({@code ${bidi.…}}): in a right-to-left language a
 * reference, indicator, URL, file name or number is isolated left to right, and a name or title in a direction of its
 * own, so neither reorders the sentence around it. In left-to-right languages the value is left as it is.
 *
 * <p>The HTML methods escape the value, because a sentence with values is written with {@code th:utext="#{key(…)}"}
 * (Thymeleaf passes message arguments unescaped).
 */
public final class Bidi {

  /** Left-to-right isolate, first-strong isolate and their end (Unicode 6.3): for the text parts and subjects. */
  static final String LRI = "\u2066";
  static final String FSI = "\u2068";
  static final String PDI = "\u2069";

  private final boolean rtl;

  Bidi(Language language) {
    this.rtl = language.rightToLeft();
  }

  // --- text/plain and subjects ---

  /** A reference, indicator, URL, number or file name in a text part. */
  public String ltr(Object value) {
    return value == null ? "" : rtl ? LRI + value + PDI : String.valueOf(value);
  }

  /** A name or title (any script) in a text part. */
  public String name(Object value) {
    return value == null ? "" : rtl ? FSI + value + PDI : String.valueOf(value);
  }

  // --- HTML ---

  /** A reference, indicator, URL, number or file name, escaped; {@code <bdi dir="ltr">} in a right-to-left language. */
  public String h(Object value) {
    String escaped = escape(value);
    return rtl ? "<bdi dir=\"ltr\">" + escaped + "</bdi>" : escaped;
  }

  /** A name or title, escaped; isolated by {@code <bdi>} in a right-to-left language. */
  public String hn(Object value) {
    String escaped = escape(value);
    return rtl ? "<bdi>" + escaped + "</bdi>" : escaped;
  }

  /** A name or title in bold. */
  public String strong(Object value) {
    return "<strong>" + hn(value) + "</strong>";
  }

  /** A reference or a date in bold, kept left to right. */
  public String strongLtr(Object value) {
    return "<strong>" + h(value) + "</strong>";
  }

  /** A value in its own span (as {@code <span th:text>} wrote it). */
  public String span(Object value) {
    return "<span>" + hn(value) + "</span>";
  }

  /** A file name or a reference in its own span, kept left to right. */
  public String spanLtr(Object value) {
    return "<span>" + h(value) + "</span>";
  }

  /** Words a partner wrote (a reason), emphasised. */
  public String em(Object value) {
    return "<em>" + hn(value) + "</em>";
  }

  /** A command or an API path. */
  public String code(Object value) {
    return "<code>" + h(value) + "</code>";
  }

  /** A link that shows its own address. */
  public String link(Object url) {
    String escaped = escape(url);
    return "<a href=\"" + escaped + "\"" + (rtl ? " dir=\"ltr\"" : "") + ">" + escaped + "</a>";
  }

  private static String escape(Object value) {
    return value == null ? "" : HtmlUtils.htmlEscape(String.valueOf(value), "UTF-8");
  }
}
