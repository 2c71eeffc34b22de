package org.takedown.assignment;

/** Where one country of an operation stands. */
public enum AssignmentStatus {
  /** Named in the tip or at triage; not yet asked. */
  PROPOSED,
  /** Removed from the operation at triage. */
  EXCLUDED,
  /** The national unit has been asked and has not answered. */
  REQUESTED,
  ACCEPTED,
  DECLINED,
  /** The unit did not answer before the deadline. */
  OVERDUE,
  /** Coordinators dropped the country. */
  DROPPED
}
