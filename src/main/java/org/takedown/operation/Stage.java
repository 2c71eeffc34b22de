package org.takedown.operation;

/** Where an operation stands; stored as the name and returned as such by the API. */
public enum Stage {
  TRIAGE,
  LEGAL_REVIEW,
  NATIONAL_ASSIGNMENT,
  EVIDENCE_HANDOVER,
  OUTCOME,
  CLOSED,
  REJECTED,
  MERGED,
  /** The tip was joined to another operation as a co-report: its vendor contributes there. */
  JOINED,
  WITHDRAWN;

  public boolean isFinal() {
    return this == CLOSED || this == REJECTED || this == MERGED || this == JOINED || this == WITHDRAWN;
  }
}
