package org.takedown.assignment;

import static org.takedown.assignment.NationalAssignmentProcess.ASSIGNMENT_RESPONSE;
import static org.takedown.assignment.NationalAssignmentProcess.NATIONAL_UNIT;
import static org.takedown.assignment.NationalAssignmentProcess.RESPONDED_BY;
import static org.takedown.assignment.NationalAssignmentProcess.RESPONSE_NOTE;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.system.CurrentUser;
import org.takedown.system.TaskInput;

/**
 * Checks a unit's answer and notes who gave it: the signed-in user, or else the unit itself (an
 * emailed link). {@link RecordAssignmentResponseDelegate} records it.
 */
@Component("assignmentResponseListener")
class AssignmentResponseListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    TaskInput.oneOf(task, ASSIGNMENT_RESPONSE, "ACCEPT", "DECLINE");
    task.setVariable(RESPONSE_NOTE, TaskInput.text(task, RESPONSE_NOTE, 4000));
    String responder = CurrentUser.actingOn(task);
    task.setVariable(RESPONDED_BY, responder == null ? task.getVariable(NATIONAL_UNIT) : responder);
  }
}
