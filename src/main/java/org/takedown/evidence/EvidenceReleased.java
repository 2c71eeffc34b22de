package org.takedown.evidence;

import static org.takedown.evidence.EvidenceHandoverProcess.EVIDENCE_ITEMS;
import static org.takedown.operation.JointTakedownProcess.COUNTRY;
import static org.takedown.operation.JointTakedownProcess.RELEASE_TLP;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.takedown.system.ProcessJson;
import org.takedown.system.Tlp;

/** The evidence package is handed over to a unit (or the unit is reminded to confirm receipt). */
public record EvidenceReleased(String processInstanceId, String reference, String country, Tlp releaseTlp,
    List<String> evidenceItems, boolean reminder) {

  public EvidenceReleased {
    evidenceItems = List.copyOf(evidenceItems);
  }

  /** From the per-country instance's variables. */
  public static EvidenceReleased of(DelegateExecution execution, boolean reminder) {
    Object release = execution.getVariable(RELEASE_TLP);
    return new EvidenceReleased(execution.getProcessInstanceId(), execution.getProcessBusinessKey(), (String) execution.getVariable(COUNTRY),
        release == null ? null : Tlp.parse(release.toString()).orElse(null),
        ProcessJson.stringList(EVIDENCE_ITEMS, execution.getVariable(EVIDENCE_ITEMS)), reminder);
  }
}
