package org.takedown.assignment;

import static org.takedown.assignment.NationalAssignmentProcess.ASSIGNMENT_RESPONSE;
import static org.takedown.assignment.NationalAssignmentProcess.RESPONDED_BY;
import static org.takedown.assignment.NationalAssignmentProcess.RESPONSE_NOTE;
import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Records the unit's answer, in a step of its own so that units answering at once never collide. */
@Component("recordAssignmentResponse")
class RecordAssignmentResponseDelegate implements JavaDelegate {

  private final NationalAssignmentService assignments;
  private final ApplicationEventPublisher events;

  RecordAssignmentResponseDelegate(NationalAssignmentService assignments, ApplicationEventPublisher events) {
    this.assignments = assignments;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String country = (String) execution.getVariable(COUNTRY);
    boolean accepted = "ACCEPT".equals(execution.getVariable(ASSIGNMENT_RESPONSE));
    String note = (String) execution.getVariable(RESPONSE_NOTE);
    assignments.recordResponse(execution.getProcessBusinessKey(), country, accepted, (String) execution.getVariable(RESPONDED_BY), note);
    events.publishEvent(new AssignmentAnswered(execution.getProcessInstanceId(), execution.getProcessBusinessKey(), country, accepted, note));
  }
}
