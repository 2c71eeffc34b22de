package org.takedown.system;

/**
 * What text the product accepts from outside: no NUL or other control characters, no unpaired
 * UTF-16 surrogates, no bidirectional overrides or isolates (they make "gnp.exe" display as
 * "exe.png"); one-line fields also no line breaks or tabs. Multi-line text may hold CR, LF and TAB.
 */
public final class Text {

  private Text() {}

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
