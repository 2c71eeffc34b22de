package org.takedown.assignment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.takedown.notice.NoticeKind;
import org.takedown.notice.Notices;

/** The unit has not answered yet: count the reminder and record it, with fresh action links. */
@Component("recordAssignmentReminder")
class RecordAssignmentReminderDelegate implements JavaDelegate {

  private final NationalAssignmentService assignments;
  private final Notices notices;

  RecordAssignmentReminderDelegate(NationalAssignmentService assignments, Notices notices) {
    this.assignments = assignments;
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    assignments.remind(execution.getProcessBusinessKey(), (String) execution.getVariable("country"));
    notices.assignmentRequest(execution, NoticeKind.ASSIGNMENT_REMINDER, null);
  }
}
