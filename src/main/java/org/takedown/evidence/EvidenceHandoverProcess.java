package org.takedown.evidence;

/** Names in bpmn/evidence-handover.bpmn that Java code uses. Change them here and in the model together. */
public final class EvidenceHandoverProcess {

  public static final String KEY = "evidence-handover";
  public static final String TASK_CONFIRM_RECEIPT = "Task_ConfirmReceipt";

  public static final String EVIDENCE_ITEMS = "evidenceItems";
  public static final String RECEIPT_CONFIRMED = "receiptConfirmed";

  private EvidenceHandoverProcess() {}
}
