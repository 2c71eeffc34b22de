package org.takedown.evidence;

import java.time.Instant;
import java.util.List;

/** The result of recomputing an operation's custody chains and stored files: OK, or every broken link. */
public record CustodyVerification(String reference, Instant checkedAt, int items, int entries, List<Break> breaks) {

  public CustodyVerification {
    breaks = List.copyOf(breaks);
  }

  public boolean ok() {
    return breaks.isEmpty();
  }

  /** One broken link: the item ("E2"), the entry (its sequence number; null for the file or the chain's end), what is wrong. */
  public record Break(String item, Integer entry, String problem, String expected, String found) {}
}
