package org.takedown.evidence;

/** Where an item stands, from its latest custody entries: shown in the register, the tracker and the closure report. */
public enum CustodyStatus {
  IN_CUSTODY("In custody"),
  RELEASED("Released"),
  QUARANTINED("Quarantined"),
  RETURNED("Returned"),
  DESTROYED("Destroyed");

  private final String label;

  CustodyStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
