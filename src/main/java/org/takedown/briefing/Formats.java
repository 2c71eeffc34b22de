package org.takedown.briefing;

import org.takedown.assignment.HandoverStatus;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.takedown.system.Durations;

/** How documents write times, missing text and yes/no. */
final class Formats {

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private Formats() {}

  static String text(String text) {
    return text == null ? "" : text;
  }

  /** A country's result as a document shows it: never an empty cell, once the operation has ended or before. */
  static String outcome(String outcome, boolean ended) {
    if (outcome != null && !outcome.isBlank()) {
      return outcome;
    }
    return ended ? "no result recorded" : "not yet recorded";
  }

  /** An enum constant in words: LEGAL_REVIEW is "Legal review". */
  static String words(String constant) {
    if (constant == null || constant.isEmpty()) {
      return "";
    }
    String lower = constant.replace('_', ' ').toLowerCase(Locale.ENGLISH);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  /** A duration as the board and the statistics write it: "43 s", "4 min", "2 h 5 min", "2 d 3 h". */
  static String duration(long millis) {
    return Durations.human(Duration.ofMillis(millis));
  }

  /** What a unit reported for an item: its SHA-256, or in words why there is none. */
  static String reportedHash(HandoverStatus status, String sha256) {
    if (sha256 != null && !sha256.isBlank()) {
      return sha256;
    }
    if (status == null) {
      return "not handed over";
    }
    return switch (status) {
      case HANDED_OVER -> "awaiting receipt";
      case RECEIVED -> "not reported";
      case NOT_RECEIVED -> "not received";
      case RECEIPT_OVERDUE -> "receipt overdue";
      case QUARANTINED -> "quarantined";
      case ABORTED -> "handover aborted";
    };
  }


  /** An indicator as it is matched (normalised), with the vendor's spelling beside it where that differs. */
  static String indicator(String normalised, String sent) {
    return normalised == null || normalised.equals(sent) ? sent : normalised + " (sent as " + sent + ")";
  }

  static String yesNo(Object value) {
    return value == null ? null : Boolean.TRUE.equals(value) ? "yes" : "no";
  }
}
