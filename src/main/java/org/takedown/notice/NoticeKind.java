package org.takedown.notice;

/** Every email the product sends; the template is templates/mail/&lt;template&gt;.{subject.txt,txt,html}. */
public enum NoticeKind {
  TIP_ACKNOWLEDGED("tip-acknowledged"),
  TRIAGE_RESULT("triage-result"),
  /** The vendor's tip was joined to another operation as a co-report (instead of a triage result). */
  TIP_JOINED("tip-joined"),
  INFORMATION_REQUEST("information-request"),
  LEGAL_REVIEW_WAITING("legal-review-waiting"),
  LEGAL_DECISION("legal-decision"),
  ASSIGNMENT_REQUEST("assignment-request"),
  ASSIGNMENT_REMINDER("assignment-reminder"),
  ASSIGNMENT_ESCALATION("assignment-escalation"),
  ASSIGNMENT_ANSWER("assignment-answer"),
  EVIDENCE_HANDOVER("evidence-handover"),
  RECEIPT_REMINDER("receipt-reminder"),
  RECEIPT_ESCALATION("receipt-escalation"),
  RECEIPT_ANSWER("receipt-answer"),
  EVIDENCE_QUARANTINE("evidence-quarantine"),
  RESULTS_REQUEST("results-request"),
  RESULTS_REMINDER("results-reminder"),
  RESULTS_ESCALATION("results-escalation"),
  CLOSURE("closure"),
  RECALL("recall"),
  CUSTODY_DIGEST("custody-digest"),
  COORDINATOR_DIGEST("coordinator-digest"),
  UNIT_DIGEST("unit-digest"),
  PRESERVATION_REMINDER("preservation-reminder"),
  PRESERVATION_LAPSED("preservation-lapsed");

  private final String template;

  NoticeKind(String template) {
    this.template = template;
  }

  public String template() {
    return template;
  }
}
