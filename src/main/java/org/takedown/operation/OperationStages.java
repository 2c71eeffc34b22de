package org.takedown.operation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Keeps the operation's stage column in step with the process, from execution listeners
 * ({@code ${operationStages.enter(execution, 'LEGAL_REVIEW')}}), in the engine's transaction, so that
 * listing operations never has to walk the engine.
 */
@Component("operationStages")
public class OperationStages {

  private final OperationService operations;

  OperationStages(OperationService operations) {
    this.operations = operations;
  }

  public void enter(DelegateExecution execution, String stage) {
    operations.moveTo(execution.getProcessBusinessKey(), Stage.valueOf(stage));
  }
}
