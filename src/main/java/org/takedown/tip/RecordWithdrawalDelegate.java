package org.takedown.tip;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.takedown.operation.OperationService;

/** The vendor withdrew the tip; the reason is kept with the operation. */
@Component("recordWithdrawal")
class RecordWithdrawalDelegate implements JavaDelegate {

  private final OperationService operations;

  RecordWithdrawalDelegate(OperationService operations) {
    this.operations = operations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object reason = execution.getVariable("withdrawalReason");
    operations.recordOutcome(execution.getProcessBusinessKey(),
        "Withdrawn by the vendor" + (reason == null || reason.toString().isBlank() ? "" : ": " + reason));
  }
}
