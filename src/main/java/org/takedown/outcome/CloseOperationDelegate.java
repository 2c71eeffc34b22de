package org.takedown.outcome;

import static org.takedown.operation.JointTakedownProcess.OUTCOMES;
import static org.takedown.operation.JointTakedownProcess.OUTCOME_SUMMARY;
import static org.takedown.operation.JointTakedownProcess.RELEASE_TLP;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.operation.OperationService;
import org.takedown.operation.Stage;
import org.takedown.system.ProcessJson;
import org.takedown.system.Tlp;

/**
 * Records the outcome (the coordinators' results per country, or that no national unit accepted),
 * closes the operation and records the closure notices.
 */
@Component("closeOperation")
class CloseOperationDelegate implements JavaDelegate {

  static final String NO_UNIT_ACCEPTED = "Closed without action: no national unit accepted the operation.";

  private final OperationService operations;
  private final NationalAssignmentService assignments;
  private final ApplicationEventPublisher events;

  CloseOperationDelegate(OperationService operations, NationalAssignmentService assignments, ApplicationEventPublisher events) {
    this.operations = operations;
    this.assignments = assignments;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reference = execution.getProcessBusinessKey();
    Object summary = execution.getVariable(OUTCOME_SUMMARY);
    if (summary == null) {
      operations.recordOutcome(reference, NO_UNIT_ACCEPTED);
    } else {
      assignments.recordOutcomes(reference, ProcessJson.stringMap(OUTCOMES, execution.getVariable(OUTCOMES)));
      operations.recordOutcome(reference, summary.toString());
    }
    operations.moveTo(reference, Stage.CLOSED);
    Object release = execution.getVariable(RELEASE_TLP);
    events.publishEvent(new OperationClosed(execution.getProcessInstanceId(), reference,
        release == null ? null : Tlp.parse(release.toString()).orElse(null)));
  }
}
