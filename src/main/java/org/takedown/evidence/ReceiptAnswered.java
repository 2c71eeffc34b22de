package org.takedown.evidence;

import java.util.Map;

/** The unit confirmed receipt of the evidence (with the SHA-256 it computed per item) or reported it did not arrive. */
public record ReceiptAnswered(String processInstanceId, String reference, String country, boolean received, Map<String, String> reportedSha256) {
  public ReceiptAnswered {
    reportedSha256 = Map.copyOf(reportedSha256);
  }
}
