package org.takedown.evidence;

import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.takedown.assignment.NationalAssignmentService;

/** The unit has not confirmed receipt yet: count the reminder and record it, with fresh action links. */
@Component("recordReceiptReminder")
class RecordReceiptReminderDelegate implements JavaDelegate {

  private final NationalAssignmentService assignments;
  private final ApplicationEventPublisher events;

  RecordReceiptReminderDelegate(NationalAssignmentService assignments, ApplicationEventPublisher events) {
    this.assignments = assignments;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    assignments.remind(execution.getProcessBusinessKey(), (String) execution.getVariable(COUNTRY));
    events.publishEvent(EvidenceReleased.of(execution, true));
  }
}
