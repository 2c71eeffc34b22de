package org.takedown.assignment;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** The unit being asked, as the forms and notices of the national-assignment model show it. */
final class UnitVariables {

  private UnitVariables() {}

  static void set(DelegateExecution execution, NationalAssignmentService.Asked asked) {
    execution.setVariable("nationalUnit", asked.unit().name());
    execution.setVariable("unitEmail", asked.unit().email());
    execution.setVariable("alternateUnit", asked.other().name());
  }
}
