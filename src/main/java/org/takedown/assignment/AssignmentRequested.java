package org.takedown.assignment;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.takedown.system.ProcessJson;
import org.takedown.system.Tlp;

/**
 * A national unit is asked to act (or reminded of it); the unit gets the request with its action
 * links. releaseTlp is the TLP of the legal decision, or null to use the operation's.
 */
public record AssignmentRequested(String processInstanceId, String reference, String country, Tlp releaseTlp,
    List<String> evidenceItems, boolean reminder) {

  public AssignmentRequested {
    evidenceItems = List.copyOf(evidenceItems);
  }

  /** From the per-country instance's variables. */
  public static AssignmentRequested of(DelegateExecution execution, boolean reminder) {
    Object release = execution.getVariable("releaseTlp");
    return new AssignmentRequested(execution.getProcessInstanceId(), execution.getProcessBusinessKey(), (String) execution.getVariable("country"),
        release == null ? null : Tlp.parse(release.toString()).orElse(null),
        ProcessJson.stringList("evidenceItems", execution.getVariable("evidenceItems")), reminder);
  }
}
