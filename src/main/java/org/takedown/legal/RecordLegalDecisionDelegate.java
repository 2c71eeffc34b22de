package org.takedown.legal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.takedown.notice.Notices;

/** After the legal review has ended, so that only a decision made is announced to the coordinators. */
@Component("recordLegalDecision")
class RecordLegalDecisionDelegate implements JavaDelegate {

  private final Notices notices;

  RecordLegalDecisionDelegate(Notices notices) {
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    notices.legalDecision(execution);
  }
}
