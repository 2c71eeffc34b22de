package org.takedown.evidence;

import static org.takedown.evidence.EvidenceHandoverProcess.QUARANTINE_DECIDED_BY;
import static org.takedown.evidence.EvidenceHandoverProcess.QUARANTINE_DECISION;
import static org.takedown.evidence.EvidenceHandoverProcess.QUARANTINE_REASON;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.system.CurrentUser;
import org.takedown.system.TaskInput;

/** Checks the coordinators' decision on a quarantined handover (re-send or abort, with a reason) and who made it. */
@Component("quarantineDecisionListener")
class QuarantineDecisionListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    TaskInput.oneOf(task, QUARANTINE_DECISION, "RESEND", "ABORT");
    task.setVariable(QUARANTINE_REASON, TaskInput.requiredText(task, QUARANTINE_REASON, 4000));
    String coordinator = CurrentUser.actingOn(task);
    if (coordinator == null) {
      throw TaskInput.invalid(task, QUARANTINE_DECISION, "needs a named coordinator: sign in or claim the task first",
          "Claim the task first: the custody record names the coordinator who decided.");
    }
    task.setVariable(QUARANTINE_DECIDED_BY, coordinator);
  }
}
