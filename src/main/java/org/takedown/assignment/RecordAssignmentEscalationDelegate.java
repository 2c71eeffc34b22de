package org.takedown.assignment;

import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** The answer deadline passed: the country is overdue and the coordinators are told to decide. */
@Component("recordAssignmentEscalation")
class RecordAssignmentEscalationDelegate implements JavaDelegate {

  private final NationalAssignmentService assignments;
  private final ApplicationEventPublisher events;

  RecordAssignmentEscalationDelegate(NationalAssignmentService assignments, ApplicationEventPublisher events) {
    this.assignments = assignments;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    assignments.markOverdue(execution.getProcessBusinessKey(), (String) execution.getVariable(COUNTRY));
    events.publishEvent(new AssignmentOverdue(execution.getProcessInstanceId(), execution.getProcessBusinessKey(),
        (String) execution.getVariable(COUNTRY)));
  }
}
