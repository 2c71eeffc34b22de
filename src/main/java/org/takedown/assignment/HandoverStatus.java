package org.takedown.assignment;

/** Evidence handover to an accepted country. */
public enum HandoverStatus {
  HANDED_OVER,
  RECEIVED,
  /** The unit reported that it did not receive the package; coordinators prepare it again. */
  NOT_RECEIVED,
  /** The unit did not confirm receipt before the deadline; coordinators prepare the package again. */
  RECEIPT_OVERDUE,
  /** A hash the unit reported does not match the register; coordinators decide to re-send or abort. */
  QUARANTINED,
  /** Coordinators aborted the handover to this country after a hash mismatch. */
  ABORTED
}
