package org.takedown.evidence;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.notice.NoticeKind;
import org.takedown.notice.Notices;

/** What the evidence-handover model does from its reminder timer: count it and record the reminder. */
@Component("evidenceHandover")
public class EvidenceHandover {

  private final NationalAssignmentService assignments;
  private final Notices notices;

  EvidenceHandover(NationalAssignmentService assignments, Notices notices) {
    this.assignments = assignments;
    this.notices = notices;
  }

  public void remind(DelegateExecution execution) {
    assignments.remind(execution.getProcessBusinessKey(), (String) execution.getVariable("country"));
    notices.evidenceHandover(execution, NoticeKind.RECEIPT_REMINDER);
  }
}
