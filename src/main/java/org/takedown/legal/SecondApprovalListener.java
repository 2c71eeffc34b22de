package org.takedown.legal;

import static org.takedown.legal.LegalReviewProcess.LEGAL_APPROVER;
import static org.takedown.legal.LegalReviewProcess.LEGAL_BASIS;
import static org.takedown.legal.LegalReviewProcess.LEGAL_DECISION;
import static org.takedown.legal.LegalReviewProcess.SECOND_APPROVER;

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
      throw TaskInput.invalid(task, LEGAL_DECISION, "needs a named legal officer: sign in or claim the task first",
          "Claim the task first: a legal decision needs a named legal officer.");
    }
    String first = (String) task.getVariable(LEGAL_APPROVER);
    if (officer.equals(first)) {
      throw TaskInput.invalid(task, LEGAL_DECISION,
          "needs a second, different legal officer: " + first + " made the first approval and cannot make the second",
          "Another legal officer must make the second approval: " + first + " made the first one.");
    }
    String decision = TaskInput.oneOf(task, LEGAL_DECISION, "APPROVE", "REJECT");
    if ("APPROVE".equals(decision)) {
      if (TaskInput.text(task, LEGAL_BASIS, 4000) == null) {
        throw TaskInput.invalid(task, LEGAL_BASIS, "is required to approve", "Give the legal basis for the approval.");
      }
    }
    task.setVariable(SECOND_APPROVER, officer);
  }
}
