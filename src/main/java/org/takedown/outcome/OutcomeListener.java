package org.takedown.outcome;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.system.ProcessJson;
import org.takedown.system.TaskInput;

/** Checks the coordinators' outcome: a summary and a result per accepted country; {@link CloseOperationDelegate} records it. */
@Component("outcomeListener")
class OutcomeListener implements TaskListener {

  private final NationalAssignmentService assignments;

  OutcomeListener(NationalAssignmentService assignments) {
    this.assignments = assignments;
  }

  @Override
  public void notify(DelegateTask task) {
    String reference = task.getExecution().getProcessBusinessKey();
    task.setVariable("outcomeSummary", TaskInput.requiredText(task, "outcomeSummary", 4000));
    Map<String, String> outcomes = TaskInput.parse(task, () -> {
      Map<String, String> parsed = ProcessJson.stringMap("outcomes", task.getVariable("outcomes"));
      assignments.checkOutcomes(reference, parsed);
      return parsed;
    });
    task.setVariable("outcomes", ProcessJson.json(outcomes));
  }
}
