package org.takedown.evidence;

import static org.takedown.evidence.EvidenceHandoverProcess.RECEIPT_CONFIRMED;
import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.takedown.assignment.HandoverStatus;
import org.takedown.assignment.NationalAssignmentService;

/** Records the unit's receipt, in a step of its own so that units confirming at once never collide. */
@Component("recordReceipt")
class RecordReceiptDelegate implements JavaDelegate {

  private final NationalAssignmentService assignments;

  RecordReceiptDelegate(NationalAssignmentService assignments) {
    this.assignments = assignments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean received = Boolean.TRUE.equals(execution.getVariable(RECEIPT_CONFIRMED));
    assignments.handover(execution.getProcessBusinessKey(), (String) execution.getVariable(COUNTRY),
        received ? HandoverStatus.RECEIVED : HandoverStatus.NOT_RECEIVED);
  }
}
