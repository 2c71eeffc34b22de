package org.takedown.system;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The language a national unit reads: a lower-case ISO 639 code ("ar", "en", "fr", "es", or any an operator adds).
 * Arabic and the other right-to-left scripts are written {@code dir="rtl"}; indicators, hashes, numbers and references
 * inside them stay left to right.
 */
public record Language(String code) {

  // Before ENGLISH: the constructor checks against it.
  private static final Pattern CODE = Pattern.compile("[a-z]{2,3}");
  public static final Language ENGLISH = new Language("en");
  /** INTERPOL's working languages, the ones every bundle must hold in full. */
  public static final Set<String> OFFICIAL = Set.of("ar", "en", "es", "fr");
  private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "fa", "he", "ps", "ur", "yi", "dv", "ku", "sd", "ug");

  public Language {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("'" + code + "' is not a language code (ISO 639: two or three lower-case letters, e.g. fr)");
    }
  }

  /** The language of a code as an operator or a stored row writes it ("FR", " fr "); English for none. */
  public static Language of(String code) {
    return code == null || code.isBlank() ? ENGLISH : new Language(code.trim().toLowerCase(Locale.ROOT));
  }

  public Locale locale() {
    return Locale.forLanguageTag(code);
  }

  public boolean rightToLeft() {
    return RIGHT_TO_LEFT.contains(code);
  }

  /** The HTML {@code dir} value. */
  public String dir() {
    return rightToLeft() ? "rtl" : "ltr";
  }

  /** The language's own name for itself ("français", "العربية"), for the language a page is in. */
  public String ownName() {
    Locale locale = locale();
    return locale.getDisplayLanguage(locale);
  }
}
