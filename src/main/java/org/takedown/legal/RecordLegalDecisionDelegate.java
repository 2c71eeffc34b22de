package org.takedown.legal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** After the legal review has ended, so that only a decision made is announced to the coordinators. */
@Component("recordLegalDecision")
class RecordLegalDecisionDelegate implements JavaDelegate {

  private final ApplicationEventPublisher events;

  RecordLegalDecisionDelegate(ApplicationEventPublisher events) {
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    events.publishEvent(new LegalDecisionRecorded(execution.getProcessInstanceId(), execution.getProcessBusinessKey(),
        text(execution, "legalDecision"), text(execution, "legalBasis"), text(execution, "releaseTlp"), text(execution, "reviewLevel"),
        execution.getVariable("mlatRequired"), execution.getVariable("dataProtectionCheck"), text(execution, "legalApprover"),
        text(execution, "secondApprover")));
  }

  private static String text(DelegateExecution execution, String name) {
    return Objects.toString(execution.getVariable(name), null);
  }
}
