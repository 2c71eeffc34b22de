package org.takedown.outcome;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.takedown.operation.OperationService;
import org.takedown.operation.Stage;

/** Closes the operation: stage CLOSED and the closing time, in the step's transaction. */
@Component("closeOperation")
class CloseOperationDelegate implements JavaDelegate {

  private final OperationService operations;

  CloseOperationDelegate(OperationService operations) {
    this.operations = operations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    operations.moveTo(execution.getProcessBusinessKey(), Stage.CLOSED);
  }
}
