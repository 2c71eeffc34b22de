package org.takedown.evidence;

import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.takedown.assignment.HandoverStatus;
import org.takedown.assignment.NationalAssignmentService;

/**
 * The receipt deadline passed: the handover is overdue, its links stop working, and the
 * coordinators are told to prepare the package again.
 */
@Component("recordReceiptEscalation")
class RecordReceiptEscalationDelegate implements JavaDelegate {

  private final NationalAssignmentService assignments;
  private final ApplicationEventPublisher events;

  RecordReceiptEscalationDelegate(NationalAssignmentService assignments, ApplicationEventPublisher events) {
    this.assignments = assignments;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    assignments.handover(execution.getProcessBusinessKey(), (String) execution.getVariable(COUNTRY), HandoverStatus.RECEIPT_OVERDUE);
    events.publishEvent(new ReceiptOverdue(execution.getProcessInstanceId(), execution.getProcessBusinessKey(),
        (String) execution.getVariable(COUNTRY)));
  }
}
