package org.takedown.evidence;

/** Where an item stands, from its custody entries ({@link CustodyStanding}): shown in the register, the tracker and the reports. */
public enum CustodyStatus {
  IN_CUSTODY("In custody"),
  RELEASED("Released"),
  /** Every country the item was released to confirmed receipt with a matching SHA-256. */
  RECEIVED("Received"),
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
