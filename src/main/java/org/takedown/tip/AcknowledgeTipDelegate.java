package org.takedown.tip;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Acknowledges the tip and tells triage which operations share its indicators. */
@Component("acknowledgeTip")
class AcknowledgeTipDelegate implements JavaDelegate {

  private final TipService tips;

  AcknowledgeTipDelegate(TipService tips) {
    this.tips = tips;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> correlated = tips.acknowledge(execution.getProcessBusinessKey());
    execution.setVariable("correlatedOperations", correlated.isEmpty() ? "none" : String.join(", ", correlated));
  }
}
