package org.takedown.assignment;

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
    assignments.recordResponse(execution.getProcessBusinessKey(), (String) execution.getVariable("country"),
        "ACCEPT".equals(execution.getVariable("assignmentResponse")), (String) execution.getVariable("respondedBy"),
        (String) execution.getVariable("responseNote"));
  }
}
