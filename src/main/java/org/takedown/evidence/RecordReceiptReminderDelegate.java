package org.takedown.evidence;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.notice.NoticeKind;
import org.takedown.notice.Notices;

/** The unit has not confirmed receipt yet: count the reminder and record it, with fresh action links. */
@Component("recordReceiptReminder")
class RecordReceiptReminderDelegate implements JavaDelegate {

  private final NationalAssignmentService assignments;
  private final Notices notices;

  RecordReceiptReminderDelegate(NationalAssignmentService assignments, Notices notices) {
    this.assignments = assignments;
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    assignments.remind(execution.getProcessBusinessKey(), (String) execution.getVariable("country"));
    notices.evidenceHandover(execution, NoticeKind.RECEIPT_REMINDER);
  }
}
