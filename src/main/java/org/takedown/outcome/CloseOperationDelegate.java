package org.takedown.outcome;

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
    Object summary = execution.getVariable("outcomeSummary");
    if (summary == null) {
      operations.recordOutcome(reference, NO_UNIT_ACCEPTED);
    } else {
      assignments.recordOutcomes(reference, ProcessJson.stringMap("outcomes", execution.getVariable("outcomes")));
      operations.recordOutcome(reference, summary.toString());
    }
    operations.moveTo(reference, Stage.CLOSED);
    Object release = execution.getVariable("releaseTlp");
    events.publishEvent(new OperationClosed(execution.getProcessInstanceId(), reference,
        release == null ? null : Tlp.parse(release.toString()).orElse(null)));
  }
}
