package org.takedown.system;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Permissible Actions Protocol: what recipients may do with the indicators. */
public enum Pap {
  RED("PAP:RED", "Passive actions only, invisible to the adversary."),
  AMBER("PAP:AMBER", "Passive cross-checks."),
  GREEN("PAP:GREEN", "Active actions allowed."),
  CLEAR("PAP:CLEAR", "No restriction.");

  private final String label;
  private final String rule;

  Pap(String label, String rule) {
    this.label = label;
    this.rule = rule;
  }

  @JsonValue
  public String label() {
    return label;
  }

  public String rule() {
    return rule;
  }

  public static Optional<Pap> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (t.startsWith("PAP:")) {
      t = t.substring(4);
    }
    return Optional.ofNullable(switch (t) {
      case "RED" -> RED;
      case "AMBER" -> AMBER;
      case "GREEN" -> GREEN;
      case "CLEAR", "WHITE" -> CLEAR;
      default -> null;
    });
  }

  @Override
  public String toString() {
    return label;
  }
}
