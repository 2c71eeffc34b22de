package org.takedown.assignment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component("assignmentReminder")
class AssignmentReminderDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(AssignmentReminderDelegate.class);

  private final NationalAssignmentService assignments;

  AssignmentReminderDelegate(NationalAssignmentService assignments) {
    this.assignments = assignments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CountryAssignment assignment = assignments.remind(execution.getProcessBusinessKey(), (String) execution.getVariable("country"));
    log.info("{} {}: reminder {} to {}", execution.getProcessBusinessKey(), assignment.getCountry(), assignment.getReminders(), assignment.getNationalUnit());
  }
}
