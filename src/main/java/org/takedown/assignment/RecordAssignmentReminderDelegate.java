package org.takedown.assignment;

import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** The unit has not answered yet: count the reminder and record it, with fresh action links. */
@Component("recordAssignmentReminder")
class RecordAssignmentReminderDelegate implements JavaDelegate {

  private final NationalAssignmentService assignments;
  private final ApplicationEventPublisher events;

  RecordAssignmentReminderDelegate(NationalAssignmentService assignments, ApplicationEventPublisher events) {
    this.assignments = assignments;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    assignments.remind(execution.getProcessBusinessKey(), (String) execution.getVariable(COUNTRY));
    events.publishEvent(AssignmentRequested.of(execution, true));
  }
}
