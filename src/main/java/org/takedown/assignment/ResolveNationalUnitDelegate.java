package org.takedown.assignment;

import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component("resolveNationalUnit")
class ResolveNationalUnitDelegate implements JavaDelegate {

  private final NationalAssignmentService assignments;

  ResolveNationalUnitDelegate(NationalAssignmentService assignments) {
    this.assignments = assignments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    NationalAssignmentService.Asked asked = assignments.request(execution.getProcessBusinessKey(), (String) execution.getVariable(COUNTRY));
    UnitVariables.set(execution, asked);
  }
}
