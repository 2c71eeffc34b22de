package org.takedown.tip;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.notice.Notices;
import org.takedown.operation.OperationService;
import org.takedown.system.ProcessJson;

/** The checked triage decision takes effect: the operation's countries are settled and the vendor is told. */
@Component("recordTriageDecision")
class RecordTriageDecisionDelegate implements JavaDelegate {

  private final OperationService operations;
  private final NationalAssignmentService assignments;
  private final Notices notices;

  RecordTriageDecisionDelegate(OperationService operations, NationalAssignmentService assignments, Notices notices) {
    this.operations = operations;
    this.assignments = assignments;
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reference = execution.getProcessBusinessKey();
    if ("OPEN".equals(execution.getVariable("triageDecision"))) {
      assignments.settleCountries(operations.get(reference), ProcessJson.stringList("countries", execution.getVariable("countries")));
    }
    notices.triageResult(execution, execution.getProcessInstanceId(), reference);
  }
}
