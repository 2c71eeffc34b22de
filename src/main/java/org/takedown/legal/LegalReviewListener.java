package org.takedown.legal;

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
      throw TaskInput.invalid(task, "legalDecision", "needs a named legal officer: sign in or claim the task first");
    }
    String decision = TaskInput.oneOf(task, "legalDecision", "APPROVE", "REJECT", "REQUEST_INFO");
    switch (decision) {
      case "APPROVE" -> {
        TaskInput.requiredText(task, "legalBasis", 4000);
        Object given = task.getVariable("releaseTlp");
        Tlp release = given == null || given.toString().isBlank()
            ? Tlp.parse((String) task.getVariable("tlp")).orElseThrow()
            : Tlp.parse(given.toString()).orElseThrow(() -> TaskInput.invalid(task, "releaseTlp", "must be a TLP 2.0 label such as TLP:AMBER"));
        task.setVariable("releaseTlp", release.label());
      }
      case "REQUEST_INFO" -> TaskInput.requiredText(task, "infoRequest", 4000);
      default -> TaskInput.text(task, "legalBasis", 4000);
    }
    task.setVariable("legalApprover", officer);
  }
}
