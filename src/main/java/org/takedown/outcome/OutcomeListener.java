package org.takedown.outcome;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.operation.OperationService;
import org.takedown.system.ProcessJson;
import org.takedown.system.TaskInput;

/** Records the coordinators' outcome: a summary and a result per accepted country. */
@Component("outcomeListener")
class OutcomeListener implements TaskListener {

  private final OperationService operations;
  private final NationalAssignmentService assignments;

  OutcomeListener(OperationService operations, NationalAssignmentService assignments) {
    this.operations = operations;
    this.assignments = assignments;
  }

  @Override
  public void notify(DelegateTask task) {
    String reference = task.getExecution().getProcessBusinessKey();
    String summary = TaskInput.requiredText(task, "outcomeSummary", 4000);
    Map<String, String> outcomes = TaskInput.parse(task, () -> {
      Map<String, String> parsed = ProcessJson.stringMap("outcomes", task.getVariable("outcomes"));
      assignments.recordOutcomes(reference, parsed);
      return parsed;
    });
    task.setVariable("outcomes", ProcessJson.json(outcomes));
    operations.recordOutcome(reference, summary);
  }
}
