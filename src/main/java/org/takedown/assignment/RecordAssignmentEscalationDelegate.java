package org.takedown.assignment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.takedown.notice.Notices;

/** The answer deadline passed: the country is overdue and the coordinators are told to decide. */
@Component("recordAssignmentEscalation")
class RecordAssignmentEscalationDelegate implements JavaDelegate {

  private final NationalAssignmentService assignments;
  private final Notices notices;

  RecordAssignmentEscalationDelegate(NationalAssignmentService assignments, Notices notices) {
    this.assignments = assignments;
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    assignments.markOverdue(execution.getProcessBusinessKey(), (String) execution.getVariable("country"));
    notices.escalation(execution);
  }
}
