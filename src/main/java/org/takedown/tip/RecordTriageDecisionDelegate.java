package org.takedown.tip;

import static org.takedown.operation.JointTakedownProcess.COUNTRIES;
import static org.takedown.operation.JointTakedownProcess.MERGE_INTO;
import static org.takedown.operation.JointTakedownProcess.TRIAGE_DECISION;
import static org.takedown.operation.JointTakedownProcess.VENDOR_MESSAGE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.operation.OperationService;
import org.takedown.system.ProcessJson;

/** The checked triage decision takes effect: the operation's countries are settled and the vendor is told. */
@Component("recordTriageDecision")
class RecordTriageDecisionDelegate implements JavaDelegate {

  private final OperationService operations;
  private final NationalAssignmentService assignments;
  private final ApplicationEventPublisher events;

  RecordTriageDecisionDelegate(OperationService operations, NationalAssignmentService assignments, ApplicationEventPublisher events) {
    this.operations = operations;
    this.assignments = assignments;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reference = execution.getProcessBusinessKey();
    if ("OPEN".equals(execution.getVariable(TRIAGE_DECISION))) {
      assignments.settleCountries(operations.get(reference), ProcessJson.stringList(COUNTRIES, execution.getVariable(COUNTRIES)));
    }
    events.publishEvent(new TriageDecided(execution.getProcessInstanceId(), reference, text(execution.getVariable(TRIAGE_DECISION)),
        text(execution.getVariable(MERGE_INTO)), vendorMessage(execution.getVariable(VENDOR_MESSAGE))));
  }

  private static String text(Object value) {
    return Objects.toString(value, null);
  }

  /** Blank is no message: the vendor then reads the decision alone. */
  private static String vendorMessage(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }
}
