package org.takedown.system;

/**
 * What text the product accepts from outside, on every path (the JSON tip, STIX bundles, TAXII adds,
 * evidence form fields, partner forms, query parameters): strict UTF-8 ({@link Utf8}: malformed and
 * overlong sequences refused, not replaced), no NUL or other control characters, no unpaired UTF-16
 * surrogates, no bidirectional overrides or isolates (they make "gnp.exe" display as "exe.png");
 * one-line fields also no line breaks, tabs or Unicode line and paragraph separators (U+2028,
 * U+2029; U+0085 is a control character everywhere). Multi-line text may hold CR, LF and TAB. A key or field given twice is refused
 * by each reader ({@link StrictJson}, {@link StrictParameters}, the STIX reader, the evidence upload).
 */
public final class Text {

  /** Follows the field's name: "body is not valid UTF-8 …". */
  public static final String NOT_UTF8 = "is not valid UTF-8: malformed or overlong byte sequences are refused, not replaced; "
      + "send the text as UTF-8";
  /** Follows the field's name. */
  public static final String GIVEN_TWICE = "is given more than once; send each field once";

  private Text() {}

  /** The problem of a one-line text; null when it is acceptable. */
  public static String oneLine(String text) {
    return problem(text, true);
  }

  /** The problem of a multi-line text; null when it is acceptable. */
  public static String multiLine(String text) {
    return problem(text, false);
  }

  /** What is wrong with the text, in plain words; null when it is acceptable (and for null). */
  public static String problem(String text, boolean oneLine) {
    if (text == null) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return "must not contain a NUL character (U+0000)";
      }
      if (c == '\n' || c == '\r' || c == '\t') {
        if (oneLine) {
          return "must be a single line: no line breaks (CR, LF) or tabs";
        }
      } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        return "must not contain control characters (found " + codePoint(c) + ")";
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return "contains an unpaired UTF-16 surrogate (" + codePoint(c) + "); send valid Unicode text";
        }
      } else if (Character.isLowSurrogate(c)) {
        return "contains an unpaired UTF-16 surrogate (" + codePoint(c) + "); send valid Unicode text";
      } else if (c == 0x2028 || c == 0x2029) {
        if (oneLine) {
          return "must be a single line: no line or paragraph separators (found " + codePoint(c) + ")";
        }
      } else if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
        return "must not contain bidirectional override or isolate characters (found " + codePoint(c)
            + "), which show text in another order than it is stored";
      }
    }
    return null;
  }

  private static String codePoint(char c) {
    return String.format("U+%04X", (int) c);
  }
}
