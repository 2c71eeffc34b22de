package org.takedown.legal;

import static org.takedown.legal.LegalReviewProcess.INFO_REQUEST;
import static org.takedown.legal.LegalReviewProcess.LEGAL_APPROVER;
import static org.takedown.legal.LegalReviewProcess.LEGAL_BASIS;
import static org.takedown.legal.LegalReviewProcess.LEGAL_DECISION;
import static org.takedown.operation.JointTakedownProcess.RELEASE_TLP;
import static org.takedown.operation.JointTakedownProcess.TLP;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.system.Tlp;
import org.takedown.system.CurrentUser;
import org.takedown.system.TaskInput;

/** Checks the legal officer's decision and records who made it, for the four-eyes rule. */
@Component("legalReviewListener")
class LegalReviewListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String officer = CurrentUser.actingOn(task);
    if (officer == null) {
      throw TaskInput.invalid(task, LEGAL_DECISION, "needs a named legal officer: sign in or claim the task first",
          "Claim the task first: a legal decision needs a named legal officer.");
    }
    String decision = TaskInput.oneOf(task, LEGAL_DECISION, "APPROVE", "REJECT", "REQUEST_INFO");
    switch (decision) {
      case "APPROVE" -> {
        if (TaskInput.text(task, LEGAL_BASIS, 4000) == null) {
          throw TaskInput.invalid(task, LEGAL_BASIS, "is required to approve", "Give the legal basis for the approval.");
        }
        Object given = task.getVariable(RELEASE_TLP);
        Tlp release = given == null || given.toString().isBlank()
            ? Tlp.parse((String) task.getVariable(TLP)).orElseThrow()
            : Tlp.parse(given.toString()).orElseThrow(() -> TaskInput.invalid(task, RELEASE_TLP, "must be a TLP 2.0 label such as TLP:AMBER"));
        task.setVariable(RELEASE_TLP, release.label());
      }
      case "REQUEST_INFO" -> {
        if (TaskInput.text(task, INFO_REQUEST, 4000) == null) {
          throw TaskInput.invalid(task, INFO_REQUEST, "is required", "Say what information the vendor should send.");
        }
      }
      default -> {
        if (TaskInput.text(task, LEGAL_BASIS, 4000) == null) {
          throw TaskInput.invalid(task, LEGAL_BASIS, "is required to reject: give the grounds", "Give the grounds for the rejection.");
        }
      }
    }
    task.setVariable(LEGAL_APPROVER, officer);
  }
}
