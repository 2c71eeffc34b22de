package org.takedown.evidence;

import static org.takedown.evidence.EvidenceHandoverProcess.RESULTS_COMPLETE;
import static org.takedown.evidence.EvidenceHandoverProcess.RESULTS_COMPLETED_BY;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.takedown.system.CurrentUser;
import org.takedown.system.TaskInput;

/**
 * The unit says its results are complete. The results themselves are recorded as they come (action page, spreadsheet,
 * API), never through this task: completing it only ends the unit's reporting.
 */
@Component("resultsReportListener")
class ResultsReportListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    if (!Boolean.TRUE.equals(task.getVariable(RESULTS_COMPLETE))) {
      throw TaskInput.invalid(task, RESULTS_COMPLETE, "must be true",
          "Tick \"Our results are complete\" to finish: until then, keep recording results as they come.");
    }
    String user = CurrentUser.actingOn(task);
    if (user != null) {
      task.setVariable(RESULTS_COMPLETED_BY, user);
    }
  }
}
