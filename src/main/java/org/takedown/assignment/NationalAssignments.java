package org.takedown.assignment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.takedown.notice.NoticeKind;
import org.takedown.notice.Notices;

/**
 * What the national-assignment model does from listeners: its timers (a reminder, the deadline)
 * and dropping a country. Each records its notice in the timer's transaction.
 */
@Component("nationalAssignments")
public class NationalAssignments {

  private final NationalAssignmentService assignments;
  private final Notices notices;

  NationalAssignments(NationalAssignmentService assignments, Notices notices) {
    this.assignments = assignments;
    this.notices = notices;
  }

  public void remind(DelegateExecution execution) {
    assignments.remind(execution.getProcessBusinessKey(), (String) execution.getVariable("country"));
    notices.assignmentRequest(execution, NoticeKind.ASSIGNMENT_REMINDER, null);
  }

  public void escalate(DelegateExecution execution) {
    notices.escalation(execution);
  }

  public void markOverdue(DelegateExecution execution) {
    assignments.markOverdue(execution.getProcessBusinessKey(), (String) execution.getVariable("country"));
  }

  public void markDropped(DelegateExecution execution) {
    assignments.drop(execution.getProcessBusinessKey(), (String) execution.getVariable("country"));
  }
}
