package org.takedown.assignment;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.system.CurrentUser;
import org.takedown.system.TaskInput;

@Component("assignmentResponseListener")
class AssignmentResponseListener implements TaskListener {

  private final NationalAssignmentService assignments;

  AssignmentResponseListener(NationalAssignmentService assignments) {
    this.assignments = assignments;
  }

  @Override
  public void notify(DelegateTask task) {
    String response = TaskInput.oneOf(task, "assignmentResponse", "ACCEPT", "DECLINE");
    String note = TaskInput.text(task, "responseNote", 4000);
    String responder = CurrentUser.actingOn(task);
    assignments.recordResponse(task.getExecution().getProcessBusinessKey(), (String) task.getVariable("country"),
        "ACCEPT".equals(response), responder == null ? (String) task.getVariable("nationalUnit") : responder, note);
  }
}
