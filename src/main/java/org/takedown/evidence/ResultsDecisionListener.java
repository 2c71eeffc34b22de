package org.takedown.evidence;

import static org.takedown.evidence.EvidenceHandoverProcess.RESULTS_DECIDED_BY;
import static org.takedown.evidence.EvidenceHandoverProcess.RESULTS_DECISION;
import static org.takedown.evidence.EvidenceHandoverProcess.RESULTS_DECISION_NOTE;
import static org.takedown.evidence.EvidenceHandoverProcess.RESULTS_SUMMARY;
import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.result.ResultFigures;
import org.takedown.security.OperationAccess;
import org.takedown.system.CountryCodes;
import org.takedown.system.CurrentUser;
import org.takedown.system.TaskInput;

/**
 * The coordinators' decision on missing results: on create, what the unit reported so far in one line for the form; on
 * complete, the decision checked (WAIT or ACCEPT_AS_REPORTED, an optional note) and who made it.
 */
@Component("resultsDecisionListener")
class ResultsDecisionListener implements TaskListener {

  private final OperationService operations;
  private final ResultFigures figures;

  ResultsDecisionListener(OperationService operations, ResultFigures figures) {
    this.operations = operations;
    this.figures = figures;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariable(RESULTS_SUMMARY, summary(task.getExecution().getProcessBusinessKey(), (String) task.getVariable(COUNTRY)));
      return;
    }
    TaskInput.oneOf(task, RESULTS_DECISION, "WAIT", "ACCEPT_AS_REPORTED");
    task.setVariable(RESULTS_DECISION_NOTE, TaskInput.text(task, RESULTS_DECISION_NOTE, 4000));
    task.setVariable(RESULTS_DECIDED_BY, CurrentUser.actingOn(task));
  }

  /** "Germany has reported results for 3 of 10 indicators; 2 taken down (20 %).", the country's figures only. */
  String summary(String reference, String country) {
    Operation operation = operations.get(reference);
    ResultFigures.Rate total = figures.operation(reference, OperationAccess.forUnit(operation, country)).total();
    return String.format(Locale.ENGLISH, "%s has reported results for %,d of %,d indicators; %,d taken down (%s).", CountryCodes.name(country),
        total.reported(), total.routed(), total.positive(), total.percentText());
  }
}
