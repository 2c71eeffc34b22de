package org.takedown.assignment;

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
    TaskInput.oneOf(task, "assignmentResponse", "ACCEPT", "DECLINE");
    task.setVariable("responseNote", TaskInput.text(task, "responseNote", 4000));
    String responder = CurrentUser.actingOn(task);
    task.setVariable("respondedBy", responder == null ? task.getVariable("nationalUnit") : responder);
  }
}
