package org.takedown.evidence;

import java.time.LocalDate;
import java.util.List;

/** The heads of one operation's chains published on one day (UTC), to be mailed to the coordinators. */
public record CustodyDigestDue(String reference, String processInstanceId, LocalDate day, String keyId, List<CustodyHead> heads) {

  public CustodyDigestDue {
    heads = List.copyOf(heads);
  }
}
