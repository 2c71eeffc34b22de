package org.takedown.tip;

import static org.takedown.operation.JointTakedownProcess.CORRELATED_OPERATIONS;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Acknowledges the tip to the vendor and tells triage which operations share its indicators. */
@Component("acknowledgeTip")
class AcknowledgeTipDelegate implements JavaDelegate {

  private final TipService tips;
  private final ApplicationEventPublisher events;

  AcknowledgeTipDelegate(TipService tips, ApplicationEventPublisher events) {
    this.tips = tips;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<TipService.Correlation> correlated = tips.acknowledge(execution.getProcessBusinessKey());
    // "4 shared indicators with OP-2026-0003; 1 shared indicator with OP-2026-0005": triage may merge into one of them.
    execution.setVariable(CORRELATED_OPERATIONS, correlated.isEmpty() ? "none"
        : String.join("; ", correlated.stream().map(TipService.Correlation::toString).toList()));
    events.publishEvent(new TipAcknowledged(execution.getProcessInstanceId(), execution.getProcessBusinessKey()));
  }
}
