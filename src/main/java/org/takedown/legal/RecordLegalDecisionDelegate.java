package org.takedown.legal;

import static org.takedown.legal.LegalReviewProcess.DATA_PROTECTION_CHECK;
import static org.takedown.legal.LegalReviewProcess.LEGAL_APPROVER;
import static org.takedown.legal.LegalReviewProcess.LEGAL_BASIS;
import static org.takedown.legal.LegalReviewProcess.LEGAL_DECISION;
import static org.takedown.legal.LegalReviewProcess.MLAT_REQUIRED;
import static org.takedown.legal.LegalReviewProcess.REVIEW_LEVEL;
import static org.takedown.legal.LegalReviewProcess.SECOND_APPROVER;
import static org.takedown.operation.JointTakedownProcess.RELEASE_TLP;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.takedown.operation.OperationService;
import org.takedown.system.Tlp;

/** After the legal review has ended, so that only a decision made is announced to the coordinators. */
@Component("recordLegalDecision")
class RecordLegalDecisionDelegate implements JavaDelegate {

  private final ApplicationEventPublisher events;
  private final OperationService operations;

  RecordLegalDecisionDelegate(ApplicationEventPublisher events, OperationService operations) {
    this.events = events;
    this.operations = operations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if ("APPROVE".equals(text(execution, LEGAL_DECISION))) {
      // Every surface a national unit reads is marked with this TLP (security.Disclosure).
      operations.recordRelease(execution.getProcessBusinessKey(), Tlp.parse(text(execution, RELEASE_TLP)).orElse(null));
    }
    events.publishEvent(new LegalDecisionRecorded(execution.getProcessInstanceId(), execution.getProcessBusinessKey(),
        text(execution, LEGAL_DECISION), text(execution, LEGAL_BASIS), text(execution, RELEASE_TLP), text(execution, REVIEW_LEVEL),
        execution.getVariable(MLAT_REQUIRED), execution.getVariable(DATA_PROTECTION_CHECK), text(execution, LEGAL_APPROVER),
        text(execution, SECOND_APPROVER)));
  }

  private static String text(DelegateExecution execution, String name) {
    return Objects.toString(execution.getVariable(name), null);
  }
}
