package org.takedown.evidence;

/** Names in bpmn/evidence-handover.bpmn that Java code uses. Change them here and in the model together. */
public final class EvidenceHandoverProcess {

  public static final String KEY = "evidence-handover";
  public static final String TASK_PREPARE_EVIDENCE_PACKAGE = "Task_PrepareEvidencePackage";
  public static final String TASK_HAND_OVER_EVIDENCE = "Task_HandOverEvidence";
  public static final String TASK_CONFIRM_RECEIPT = "Task_ConfirmReceipt";
  public static final String TASK_DECIDE_QUARANTINE = "Task_DecideQuarantine";
  /** The unit reports what became of its indicators (action page, spreadsheet, API), then says it is complete. */
  public static final String TASK_REPORT_RESULTS = "Task_ReportResults";
  /** The results deadline passed: the coordinators wait longer or accept the results as reported. */
  public static final String TASK_RESOLVE_RESULTS = "Task_ResolveResults";

  /** The package: a JSON array of register labels, ["E1","E3"]. */
  public static final String EVIDENCE_ITEMS = "evidenceItems";
  /** The prepare form's checklist: [{"label":"E1 · Disk image · …","value":"E1"}], mapped from the register when the task opens. */
  public static final String EVIDENCE_CHOICES = "evidenceChoices";
  /** The coordinator who prepared the package (custody actor of its release). */
  public static final String PACKAGED_BY = "packagedBy";
  /** The coordinator who released (or re-sent) the package, named on the handover receipt. */
  public static final String RELEASED_BY = "releasedBy";
  /** The package in words for the unit's confirm form: "E1 Disk image (1.2 GB); E3 …". */
  public static final String EVIDENCE_SUMMARY = "evidenceSummary";
  public static final String RECEIPT_CONFIRMED = "receiptConfirmed";
  public static final String REPORTED_SHA256 = "reportedSha256";
  /** Who confirmed receipt, when known (a signed-in unit officer); else the unit. */
  public static final String RECEIPT_CONFIRMED_BY = "receiptConfirmedBy";

  /** Raised by Task_RecordReceipt when a reported hash does not match the register. */
  public static final String ERROR_HASH_MISMATCH = "HASH_MISMATCH";
  /** JSON array of the mismatches: item, description, expected, reported. */
  public static final String HASH_MISMATCHES = "hashMismatches";
  /** The mismatches in one line of text, for the decision form. */
  public static final String QUARANTINE_SUMMARY = "quarantineSummary";
  public static final String QUARANTINE_DECISION = "quarantineDecision";
  public static final String QUARANTINE_REASON = "quarantineReason";
  public static final String QUARANTINE_DECIDED_BY = "quarantineDecidedBy";

  /** The unit's "our results are complete" (true); the report form's checkbox. */
  public static final String RESULTS_COMPLETE = "resultsComplete";
  /** Who said the results are complete: a signed-in unit officer, or the address of the emailed link. */
  public static final String RESULTS_COMPLETED_BY = "resultsCompletedBy";
  /** The coordinators' decision at the results deadline: WAIT (a new deadline) or ACCEPT_AS_REPORTED. */
  public static final String RESULTS_DECISION = "resultsDecision";
  public static final String RESULTS_DECISION_NOTE = "resultsDecisionNote";
  public static final String RESULTS_DECIDED_BY = "resultsDecidedBy";
  /** What the unit has reported so far, in one line for the resolve form: "12 of 30 indicators reported, 9 taken down". */
  public static final String RESULTS_SUMMARY = "resultsSummary";

  private EvidenceHandoverProcess() {}
}
