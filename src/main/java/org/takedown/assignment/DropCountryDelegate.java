package org.takedown.assignment;

import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component("dropCountry")
class DropCountryDelegate implements JavaDelegate {

  private final NationalAssignmentService assignments;

  DropCountryDelegate(NationalAssignmentService assignments) {
    this.assignments = assignments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    assignments.drop(execution.getProcessBusinessKey(), (String) execution.getVariable(COUNTRY));
  }
}
