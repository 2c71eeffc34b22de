package org.takedown.briefing;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How documents write times, missing text and yes/no. */
final class Formats {

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private Formats() {}

  static String text(String text) {
    return text == null ? "" : text;
  }

  static String yesNo(Object value) {
    return value == null ? null : Boolean.TRUE.equals(value) ? "yes" : "no";
  }
}
