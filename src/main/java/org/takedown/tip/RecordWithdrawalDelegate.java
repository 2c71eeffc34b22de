package org.takedown.tip;

import static org.takedown.operation.JointTakedownProcess.WITHDRAWAL_REASON;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.takedown.operation.OperationService;

/** The vendor withdrew the tip: the reason is kept, and everyone who received material gets a recall. */
@Component("recordWithdrawal")
class RecordWithdrawalDelegate implements JavaDelegate {

  private final OperationService operations;
  private final ApplicationEventPublisher events;

  RecordWithdrawalDelegate(OperationService operations, ApplicationEventPublisher events) {
    this.operations = operations;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object reason = execution.getVariable(WITHDRAWAL_REASON);
    operations.recordOutcome(execution.getProcessBusinessKey(),
        "Withdrawn by the vendor" + (reason == null || reason.toString().isBlank() ? "" : ": " + reason));
    events.publishEvent(new WithdrawalRecorded(execution.getProcessInstanceId(), execution.getProcessBusinessKey(),
        reason == null ? null : reason.toString()));
  }
}
