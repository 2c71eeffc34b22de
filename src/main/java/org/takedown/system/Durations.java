package org.takedown.system;

import java.time.Duration;

/** Durations as people read them, the same on the board, the statistics and every document. */
public final class Durations {

  private Durations() {}

  /** "2 d 4 h", "5 h 20 min", "12 min"; under a minute in seconds ("43 s", "0 s"), not "0 min"; "–" for none. */
  public static String human(Duration d) {
    if (d == null) {
      return "–";
    }
    if (d.toSeconds() < 60) {
      return d.toSeconds() + " s";
    }
    long minutes = Math.round(d.toSeconds() / 60.0);
    long days = minutes / (24 * 60);
    long hours = minutes / 60 % 24;
    long mins = minutes % 60;
    if (days > 0) {
      return days + " d " + hours + " h";
    }
    if (hours > 0) {
      return hours + " h " + mins + " min";
    }
    return mins + " min";
  }
}
