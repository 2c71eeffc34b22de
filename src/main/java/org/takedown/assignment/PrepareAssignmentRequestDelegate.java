package org.takedown.assignment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.takedown.briefing.Document;
import org.takedown.briefing.DocumentKind;
import org.takedown.briefing.DocumentService;
import org.takedown.notice.NoticeKind;
import org.takedown.notice.Notices;

/** Writes the national assignment brief for the unit being asked, and records the request with it attached. */
@Component("prepareAssignmentRequest")
class PrepareAssignmentRequestDelegate implements JavaDelegate {

  private final DocumentService documents;
  private final Notices notices;

  PrepareAssignmentRequestDelegate(DocumentService documents, Notices notices) {
    this.documents = documents;
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Document brief = documents.generate(DocumentKind.ASSIGNMENT_BRIEF, execution);
    notices.assignmentRequest(execution, NoticeKind.ASSIGNMENT_REQUEST, brief);
  }
}
