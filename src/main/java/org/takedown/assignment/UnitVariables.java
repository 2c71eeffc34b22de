package org.takedown.assignment;

import static org.takedown.assignment.NationalAssignmentProcess.ALTERNATE_UNIT;
import static org.takedown.assignment.NationalAssignmentProcess.COUNTRY_NAME;
import static org.takedown.assignment.NationalAssignmentProcess.NATIONAL_UNIT;
import static org.takedown.assignment.NationalAssignmentProcess.UNIT_EMAIL;
import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.takedown.system.CountryCodes;

/** The unit being asked, as the forms and notices of the national-assignment model show it. */
final class UnitVariables {

  private UnitVariables() {}

  static void set(DelegateExecution execution, NationalAssignmentService.Asked asked) {
    execution.setVariable(NATIONAL_UNIT, asked.unit().name());
    execution.setVariable(UNIT_EMAIL, asked.unit().email());
    execution.setVariable(ALTERNATE_UNIT, asked.other() == null ? null : asked.other().name());
    execution.setVariable(COUNTRY_NAME, CountryCodes.name((String) execution.getVariable(COUNTRY)));
  }
}
