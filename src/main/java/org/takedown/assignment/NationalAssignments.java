package org.takedown.assignment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Status changes the national-assignment model makes from listeners (deadline passed, country dropped). */
@Component("nationalAssignments")
public class NationalAssignments {

  private final NationalAssignmentService assignments;

  NationalAssignments(NationalAssignmentService assignments) {
    this.assignments = assignments;
  }

  public void markOverdue(DelegateExecution execution) {
    assignments.markOverdue(execution.getProcessBusinessKey(), (String) execution.getVariable("country"));
  }

  public void markDropped(DelegateExecution execution) {
    assignments.drop(execution.getProcessBusinessKey(), (String) execution.getVariable("country"));
  }
}
