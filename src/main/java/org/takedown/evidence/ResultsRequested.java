package org.takedown.evidence;

import static org.takedown.operation.JointTakedownProcess.COUNTRY;
import static org.takedown.operation.JointTakedownProcess.RELEASE_TLP;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.takedown.system.Tlp;

/** The unit is asked to report its results (after it confirmed receipt, or again after the coordinators chose to wait), or reminded. */
public record ResultsRequested(String processInstanceId, String reference, String country, Tlp releaseTlp, boolean reminder) {

  /** From the per-country instance's variables. */
  public static ResultsRequested of(DelegateExecution execution, boolean reminder) {
    Object release = execution.getVariable(RELEASE_TLP);
    return new ResultsRequested(execution.getProcessInstanceId(), execution.getProcessBusinessKey(), (String) execution.getVariable(COUNTRY),
        release == null ? null : Tlp.parse(release.toString()).orElse(null), reminder);
  }
}
