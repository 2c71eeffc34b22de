package org.takedown.evidence;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.takedown.assignment.HandoverStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.notice.Notices;

/**
 * The receipt deadline passed: the handover is overdue, its links stop working, and the
 * coordinators are told to prepare the package again.
 */
@Component("recordReceiptEscalation")
class RecordReceiptEscalationDelegate implements JavaDelegate {

  private final NationalAssignmentService assignments;
  private final Notices notices;

  RecordReceiptEscalationDelegate(NationalAssignmentService assignments, Notices notices) {
    this.assignments = assignments;
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    assignments.handover(execution.getProcessBusinessKey(), (String) execution.getVariable("country"), HandoverStatus.RECEIPT_OVERDUE);
    notices.receiptEscalation(execution);
  }
}
