package org.takedown.system;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
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

  /** A moment as this language writes it, always in UTC: "7 December 2026, 14:00 UTC", "7 décembre 2026, 14:00 UTC". */
  public String dateTime(Instant at) {
    String time = TIME.format(at.atZone(ZoneOffset.UTC)) + " UTC";
    // Right to left: the Arabic comma, and the time isolated left to right (else it reads "UTC 14:00").
    return rightToLeft() ? date(at) + "\u060c \u2066" + time + "\u2069" : date(at) + ", " + time;
  }

  /** A day as this language writes it: "7 December 2026", "7 de diciembre de 2026". */
  public String date(Instant at) {
    DateTimeFormatter format = equals(ENGLISH) ? ENGLISH_DATE : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale());
    return format.format(at.atZone(ZoneOffset.UTC));
  }

  private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  /** A whole number as the language groups it, always in Western digits ("12,345", "12 345", "12.345"; Arabic "12,345"). */
  public String number(long n) {
    Locale grouping = rightToLeft() || equals(ENGLISH) ? Locale.ENGLISH : locale();
    return java.text.NumberFormat.getIntegerInstance(grouping).format(n);
  }

  /** The language's own name for itself ("français", "العربية"), for the language a page is in. */
  public String ownName() {
    Locale locale = locale();
    return locale.getDisplayLanguage(locale);
  }
}
