package org.takedown.tip;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.takedown.notice.Notices;

/** Acknowledges the tip to the vendor and tells triage which operations share its indicators. */
@Component("acknowledgeTip")
class AcknowledgeTipDelegate implements JavaDelegate {

  private final TipService tips;
  private final Notices notices;

  AcknowledgeTipDelegate(TipService tips, Notices notices) {
    this.tips = tips;
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> correlated = tips.acknowledge(execution.getProcessBusinessKey());
    execution.setVariable("correlatedOperations", correlated.isEmpty() ? "none" : String.join(", ", correlated));
    notices.acknowledged(execution);
  }
}
