package org.takedown.tip;

import org.takedown.stix.PatternParser;
import org.takedown.stix.PatternSyntaxException;
import org.takedown.stix.StixTip.StixIndicator;
import org.takedown.system.Hashes;

/**
 * A STIX indicator kept whole: its pattern says more than the typed values hold (an email message, a
 * file name, a compound pattern with parts of no type here, a pattern of another language). Stored as an
 * {@link Indicator} of type {@value Indicator#PATTERN}, shown, briefed and exported with the pattern verbatim.
 *
 * @param normalized what correlation and the board's search compare: a STIX pattern in its canonical form
 *     (so that spacing does not matter), another language's pattern as sent without surrounding white space;
 *     "sha256:" and the SHA-256 of that form when it is longer than the column
 */
public record PatternIndicator(String stixId, String name, String pattern, String patternType, String normalized) {

  static PatternIndicator of(StixIndicator indicator) {
    String text = indicator.pattern();
    String type = indicator.patternType() == null ? "stix" : indicator.patternType();
    String form = text.strip();
    if ("stix".equals(type)) {
      try {
        form = PatternParser.parse(text).toString();
      } catch (PatternSyntaxException e) {
        // Not reached: an unparseable pattern is not taken. The text as sent then.
      }
    }
    if (form.length() > Indicator.VALUE_LENGTH) {
      form = "sha256:" + Hashes.sha256(type + "\n" + form);
    }
    String name = indicator.name() == null || indicator.name().isBlank() ? null : opening(indicator.name(), 300);
    return new PatternIndicator(indicator.id(), name, text, type, form);
  }

  /** The text as far as {@code length} characters hold it, with "…" where it was cut (never inside a surrogate pair). */
  static String opening(String text, int length) {
    if (text == null || text.length() <= length) {
      return text;
    }
    int end = length - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
