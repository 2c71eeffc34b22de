package org.takedown.tip;

import static org.takedown.operation.JointTakedownProcess.JOIN_OPERATION;
import static org.takedown.operation.JointTakedownProcess.VENDOR_MESSAGE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** "Join tip as co-report": the tip's vendor becomes a contributor of the operation named at triage; its vendor is told. */
@Component("joinTip")
class JoinTipDelegate implements JavaDelegate {

  private final TipService tips;
  private final ApplicationEventPublisher events;

  JoinTipDelegate(TipService tips, ApplicationEventPublisher events) {
    this.tips = tips;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TipService.Joined joined = tips.join(execution.getProcessBusinessKey(), (String) execution.getVariable(JOIN_OPERATION));
    Object message = execution.getVariable(VENDOR_MESSAGE);
    events.publishEvent(new TipJoined(execution.getProcessInstanceId(), joined.reference(), joined.target(), joined.indicators(),
        joined.alsoReported(), message == null || message.toString().isBlank() ? null : message.toString().strip()));
  }
}
