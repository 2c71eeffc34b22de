package org.takedown.assignment;

import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.takedown.system.CountryCodes;

@Component("resolveNationalUnit")
class ResolveNationalUnitDelegate implements JavaDelegate {

  private final NationalAssignmentService assignments;

  ResolveNationalUnitDelegate(NationalAssignmentService assignments) {
    this.assignments = assignments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String country = (String) execution.getVariable(COUNTRY);
    if (!assignments.hasUnit(country)) {
      // Triage refuses such a country; this is a unit removed from the directory since: the coordinators' decision.
      execution.setVariable(NationalAssignmentProcess.COUNTRY_NAME, CountryCodes.name(country));
      throw new BpmnError(NationalAssignmentProcess.ERROR_NO_NATIONAL_UNIT, "No national unit for " + country + " in the directory");
    }
    NationalAssignmentService.Asked asked = assignments.request(execution.getProcessBusinessKey(), country);
    UnitVariables.set(execution, asked);
  }
}
