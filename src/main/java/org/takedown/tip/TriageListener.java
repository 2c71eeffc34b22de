package org.takedown.tip;

import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.assignment.CountryCodes;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.notice.Notices;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.system.NotFoundException;
import org.takedown.system.ProcessJson;
import org.takedown.system.TaskInput;

/** Checks a triage decision before the engine accepts it, and settles the operation's countries. */
@Component("triageListener")
class TriageListener implements TaskListener {

  private final OperationService operations;
  private final NationalAssignmentService assignments;
  private final Notices notices;

  TriageListener(OperationService operations, NationalAssignmentService assignments, Notices notices) {
    this.operations = operations;
    this.assignments = assignments;
    this.notices = notices;
  }

  @Override
  public void notify(DelegateTask task) {
    String reference = task.getExecution().getProcessBusinessKey();
    String decision = TaskInput.oneOf(task, "triageDecision", "OPEN", "MERGE", "REJECT");
    TaskInput.text(task, "triageNote", 4000);
    if ("MERGE".equals(decision)) {
      String target = TaskInput.requiredText(task, "mergeInto", 16).toUpperCase(Locale.ROOT);
      Operation into;
      try {
        into = operations.get(target);
      } catch (NotFoundException e) {
        throw TaskInput.invalid(task, "mergeInto", "names no operation: '" + target + "'");
      }
      if (target.equals(reference) || into.getStage().isFinal()) {
        throw TaskInput.invalid(task, "mergeInto", "must be another operation that is still running; " + target + " is " + into.getStage());
      }
      task.setVariable("mergeInto", target);
    } else if ("OPEN".equals(decision)) {
      List<String> countries = TaskInput.parse(task, () ->
          CountryCodes.normalise("countries", ProcessJson.stringList("countries", task.getVariable("countries"))));
      assignments.settleCountries(operations.get(reference), countries);
      task.setVariable("countries", ProcessJson.json(countries));
      task.setVariable("countryCount", countries.size());
    }
    notices.triageResult(task, task.getProcessInstanceId(), reference);
  }
}
