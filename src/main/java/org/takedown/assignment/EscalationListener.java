package org.takedown.assignment;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.system.TaskInput;

@Component("escalationListener")
class EscalationListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    TaskInput.oneOf(task, "escalationDecision", "REASSIGN", "DROP");
  }
}
