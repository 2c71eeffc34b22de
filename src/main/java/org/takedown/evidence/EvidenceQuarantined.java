package org.takedown.evidence;

import java.util.List;
import org.takedown.evidence.EvidenceHandover.Mismatch;

/** A unit reported a SHA-256 that does not match the register: the items are quarantined for its country. */
public record EvidenceQuarantined(String processInstanceId, String reference, String country, List<Mismatch> mismatches) {
  public EvidenceQuarantined {
    mismatches = List.copyOf(mismatches);
  }
}
