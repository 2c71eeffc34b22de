package org.takedown.system;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Traffic Light Protocol 2.0 labels, from most to least restrictive. */
public enum Tlp {
  RED("TLP:RED", "Named recipients only."),
  AMBER_STRICT("TLP:AMBER+STRICT", "Recipient's organisation only."),
  AMBER("TLP:AMBER", "Recipient's organisation and its clients, on a need-to-know basis."),
  GREEN("TLP:GREEN", "The community, but not public channels."),
  CLEAR("TLP:CLEAR", "No limit on disclosure.");

  private final String label;
  private final String sharingRule;

  Tlp(String label, String sharingRule) {
    this.label = label;
    this.sharingRule = sharingRule;
  }

  @JsonValue
  public String label() {
    return label;
  }

  public String sharingRule() {
    return sharingRule;
  }

  /** Accepts "TLP:AMBER", "amber", "AMBER+STRICT" and the TLP 1.0 name WHITE for CLEAR. */
  public static Optional<Tlp> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (t.startsWith("TLP:")) {
      t = t.substring(4);
    }
    return Optional.ofNullable(switch (t) {
      case "RED" -> RED;
      case "AMBER+STRICT", "AMBER_STRICT" -> AMBER_STRICT;
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
