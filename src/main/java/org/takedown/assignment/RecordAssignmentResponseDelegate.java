package org.takedown.assignment;

import static org.takedown.assignment.NationalAssignmentProcess.ASSIGNMENT_RESPONSE;
import static org.takedown.assignment.NationalAssignmentProcess.RESPONDED_BY;
import static org.takedown.assignment.NationalAssignmentProcess.RESPONSE_NOTE;
import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records the unit's answer, in a step of its own so that units answering at once never collide. */
@Component("recordAssignmentResponse")
class RecordAssignmentResponseDelegate implements JavaDelegate {

  private final NationalAssignmentService assignments;

  RecordAssignmentResponseDelegate(NationalAssignmentService assignments) {
    this.assignments = assignments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    assignments.recordResponse(execution.getProcessBusinessKey(), (String) execution.getVariable(COUNTRY),
        "ACCEPT".equals(execution.getVariable(ASSIGNMENT_RESPONSE)), (String) execution.getVariable(RESPONDED_BY),
        (String) execution.getVariable(RESPONSE_NOTE));
  }
}
