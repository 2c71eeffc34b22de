package org.takedown.legal;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.system.CurrentUser;
import org.takedown.system.TaskInput;

/** The four-eyes rule, enforced by the engine: the second approval must come from another legal officer. */
@Component("secondApprovalListener")
class SecondApprovalListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String officer = CurrentUser.actingOn(task);
    if (officer == null) {
      throw TaskInput.invalid(task, "legalDecision", "needs a named legal officer: sign in or claim the task first");
    }
    String first = (String) task.getVariable("legalApprover");
    if (officer.equals(first)) {
      throw TaskInput.invalid(task, "legalDecision",
          "needs a second, different legal officer: " + first + " made the first approval and cannot make the second");
    }
    String decision = TaskInput.oneOf(task, "legalDecision", "APPROVE", "REJECT");
    if ("APPROVE".equals(decision)) {
      TaskInput.requiredText(task, "legalBasis", 4000);
    }
    task.setVariable("secondApprover", officer);
  }
}
