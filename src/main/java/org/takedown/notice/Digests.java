package org.takedown.notice;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.takedown.operation.Stage;
import org.takedown.system.Durations;
import org.takedown.system.Tlp;

/** What the two digests share: how they write dates, ages and stages, and the TLP a digest goes out at. */
final class Digests {

  private Digests() {}

  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);

  static String day(LocalDate day) {
    return DAY.format(day);
  }

  static String time(Instant at) {
    return at == null ? "no due date" : TIME.format(at.atZone(ZoneOffset.UTC));
  }

  static String age(Instant since, Instant at) {
    return since == null ? "–" : Durations.human(Duration.between(since, at).isNegative() ? Duration.ZERO : Duration.between(since, at));
  }

  /** "Legal review", as the board names a stage. */
  static String stage(Stage stage) {
    String words = stage.name().replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /**
   * The label of a digest: the most restrictive TLP of the operations whose content it carries. A TLP:RED operation
   * carries none (it is listed by its reference only), so it does not raise the label; with no content, TLP:CLEAR.
   */
  static Tlp label(Collection<Tlp> carried) {
    return carried.stream().filter(t -> t != Tlp.RED).min(Enum::compareTo).orElse(Tlp.CLEAR);
  }

  static String plural(long n, String one, String many) {
    return String.format(Locale.ENGLISH, "%,d %s", n, n == 1 ? one : many);
  }

  static String names(List<String> names) {
    return names.size() <= 1 ? String.join("", names) : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }
}
