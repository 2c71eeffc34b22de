package org.takedown.assignment;

import static org.takedown.operation.JointTakedownProcess.COUNTRY;
import static org.takedown.operation.JointTakedownProcess.RELEASE_TLP;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.takedown.system.Tlp;

/**
 * A national unit is asked to act (or reminded of it); the unit gets the request with its action
 * links. releaseTlp is the TLP of the legal decision, or null to use the operation's.
 */
public record AssignmentRequested(String processInstanceId, String reference, String country, Tlp releaseTlp, boolean reminder) {

  /** From the per-country instance's variables. */
  public static AssignmentRequested of(DelegateExecution execution, boolean reminder) {
    Object release = execution.getVariable(RELEASE_TLP);
    return new AssignmentRequested(execution.getProcessInstanceId(), execution.getProcessBusinessKey(), (String) execution.getVariable(COUNTRY),
        release == null ? null : Tlp.parse(release.toString()).orElse(null), reminder);
  }
}
