package org.takedown.evidence;

import static org.takedown.evidence.EvidenceHandoverProcess.EVIDENCE_ITEMS;
import static org.takedown.evidence.EvidenceHandoverProcess.QUARANTINE_DECIDED_BY;
import static org.takedown.evidence.EvidenceHandoverProcess.QUARANTINE_REASON;
import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.takedown.system.ProcessJson;

/** Coordinators aborted the country after a quarantine: custody records the package as returned. */
@Component("abortHandover")
class AbortHandoverDelegate implements JavaDelegate {

  private final EvidenceHandover handover;

  AbortHandoverDelegate(EvidenceHandover handover) {
    this.handover = handover;
  }

  @Override
  public void execute(DelegateExecution execution) {
    handover.abort(execution.getProcessBusinessKey(), (String) execution.getVariable(COUNTRY),
        ProcessJson.stringList(EVIDENCE_ITEMS, execution.getVariable(EVIDENCE_ITEMS)),
        (String) execution.getVariable(QUARANTINE_DECIDED_BY), (String) execution.getVariable(QUARANTINE_REASON));
  }
}
