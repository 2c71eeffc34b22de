package org.takedown.evidence;

/** What happened to an item, as its custody log records it. */
public enum CustodyEventType {
  REGISTERED("Registered"),
  PACKAGED("Packaged"),
  RELEASED("Released"),
  DOWNLOADED("Downloaded"),
  RECEIVED("Received"),
  QUARANTINED("Quarantined"),
  RESENT("Re-sent"),
  RETURNED("Returned"),
  DESTROYED("Destroyed");

  private final String label;

  CustodyEventType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
