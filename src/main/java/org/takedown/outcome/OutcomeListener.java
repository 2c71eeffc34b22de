package org.takedown.outcome;

import static org.takedown.operation.JointTakedownProcess.OUTCOMES;
import static org.takedown.operation.JointTakedownProcess.OUTCOME_SUMMARY;

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
    task.setVariable(OUTCOME_SUMMARY, TaskInput.requiredText(task, OUTCOME_SUMMARY, 4000));
    Map<String, String> outcomes = TaskInput.parse(task, () -> {
      Map<String, String> parsed = ProcessJson.stringMap(OUTCOMES, task.getVariable(OUTCOMES));
      assignments.checkOutcomes(reference, parsed);
      return parsed;
    });
    task.setVariable(OUTCOMES, ProcessJson.json(outcomes));
  }
}
