package org.takedown.tip;

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
    if ("OPEN".equals(execution.getVariable("triageDecision"))) {
      assignments.settleCountries(operations.get(reference), ProcessJson.stringList("countries", execution.getVariable("countries")));
    }
    events.publishEvent(new TriageDecided(execution.getProcessInstanceId(), reference, text(execution.getVariable("triageDecision")),
        text(execution.getVariable("mergeInto")), text(execution.getVariable("triageNote"))));
  }

  private static String text(Object value) {
    return Objects.toString(value, null);
  }
}
