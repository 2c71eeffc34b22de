package org.takedown.outcome;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.takedown.notice.Notices;
import org.takedown.operation.OperationService;
import org.takedown.operation.Stage;

/** Closes the operation (stage CLOSED, closing time) and records the closure notices. */
@Component("closeOperation")
class CloseOperationDelegate implements JavaDelegate {

  private final OperationService operations;
  private final Notices notices;

  CloseOperationDelegate(OperationService operations, Notices notices) {
    this.operations = operations;
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    operations.moveTo(execution.getProcessBusinessKey(), Stage.CLOSED);
    notices.closure(execution);
  }
}
