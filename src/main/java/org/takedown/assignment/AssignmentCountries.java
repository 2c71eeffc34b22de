package org.takedown.assignment;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Collections for the per-country multi-instance call activities, read from the country assignments. */
@Component("assignmentCountries")
public class AssignmentCountries {

  private final NationalAssignmentService assignments;

  AssignmentCountries(NationalAssignmentService assignments) {
    this.assignments = assignments;
  }

  /** Countries to ask, as settled at triage. */
  public List<String> requested(DelegateExecution execution) {
    return assignments.countries(execution.getProcessBusinessKey(), AssignmentStatus.PROPOSED);
  }

  public List<String> accepted(DelegateExecution execution) {
    return assignments.countries(execution.getProcessBusinessKey(), AssignmentStatus.ACCEPTED);
  }

  /** The unit that accepted the country, passed to its evidence handover (the package form shows it). */
  public String unit(DelegateExecution execution, String country) {
    return assignments.get(execution.getProcessBusinessKey(), country).getNationalUnit();
  }
}
