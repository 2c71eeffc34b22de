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

  static final int SHOWN = 20;

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
    execution.setVariable(CORRELATED_OPERATIONS, summary(correlated));
    events.publishEvent(new TipAcknowledged(execution.getProcessInstanceId(), execution.getProcessBusinessKey()));
  }

  /** The most shared first, at most {@link #SHOWN}: a string variable holds 4,000 characters, and triage reads the top. */
  static String summary(List<TipService.Correlation> correlated) {
    if (correlated.isEmpty()) {
      return "none";
    }
    String shown = String.join("; ", correlated.stream().limit(SHOWN).map(TipService.Correlation::toString).toList());
    int more = correlated.size() - SHOWN;
    return more <= 0 ? shown : shown + "; and " + more + " more open operation" + (more == 1 ? "" : "s")
        + " (search the board for the indicators)";
  }
}
