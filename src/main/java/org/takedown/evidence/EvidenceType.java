package org.takedown.evidence;

import java.util.Locale;
import java.util.Optional;

/** What kind of evidence an item is, as the register and the receipt name it. */
public enum EvidenceType {
  DISK_IMAGE("Disk image"),
  MEMORY_IMAGE("Memory image"),
  LOG("Log"),
  MALWARE_SAMPLE("Malware sample"),
  NETWORK_CAPTURE("Network capture"),
  DOCUMENT("Document"),
  OTHER("Other");

  private final String label;

  EvidenceType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Accepts the constant ("DISK_IMAGE") or the label ("disk image"). */
  public static Optional<EvidenceType> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    for (EvidenceType type : values()) {
      if (type.name().equals(t)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
