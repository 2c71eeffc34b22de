package org.takedown.tip;

import static org.takedown.operation.JointTakedownProcess.MERGE_INTO;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component("mergeTip")
class MergeTipDelegate implements JavaDelegate {

  private final TipService tips;

  MergeTipDelegate(TipService tips) {
    this.tips = tips;
  }

  @Override
  public void execute(DelegateExecution execution) {
    tips.merge(execution.getProcessBusinessKey(), (String) execution.getVariable(MERGE_INTO));
  }
}
