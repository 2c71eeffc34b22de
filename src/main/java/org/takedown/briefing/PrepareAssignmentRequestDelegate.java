package org.takedown.briefing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.takedown.assignment.AssignmentRequested;

/**
 * Writes the national assignment brief and the results list for the unit being asked, then announces the request;
 * the request's notice attaches the newest of both. Here rather than in assignment so that assignment
 * never needs briefing.
 */
@Component("prepareAssignmentRequest")
class PrepareAssignmentRequestDelegate implements JavaDelegate {

  private final DocumentService documents;
  private final ApplicationEventPublisher events;

  PrepareAssignmentRequestDelegate(DocumentService documents, ApplicationEventPublisher events) {
    this.documents = documents;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    documents.generate(DocumentKind.ASSIGNMENT_BRIEF, execution, execution.getProcessBusinessKey());
    documents.generateResultsList(execution, execution.getProcessBusinessKey());
    events.publishEvent(AssignmentRequested.of(execution, false));
  }
}
