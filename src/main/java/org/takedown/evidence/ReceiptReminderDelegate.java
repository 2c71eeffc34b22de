package org.takedown.evidence;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.NationalAssignmentService;

@Component("receiptReminder")
class ReceiptReminderDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(ReceiptReminderDelegate.class);

  private final NationalAssignmentService assignments;

  ReceiptReminderDelegate(NationalAssignmentService assignments) {
    this.assignments = assignments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CountryAssignment assignment = assignments.remind(execution.getProcessBusinessKey(), (String) execution.getVariable("country"));
    log.info("{} {}: receipt reminder to {}", execution.getProcessBusinessKey(), assignment.getCountry(), assignment.getNationalUnit());
  }
}
