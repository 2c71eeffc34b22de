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
  WITHDRAWN;

  public boolean isFinal() {
    return this == CLOSED || this == REJECTED || this == MERGED || this == WITHDRAWN;
  }
}
