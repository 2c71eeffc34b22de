package org.takedown.evidence;

import static org.takedown.evidence.EvidenceHandoverProcess.HASH_MISMATCHES;
import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.takedown.evidence.EvidenceHandover.Mismatch;

/** After a hash mismatch: the items are quarantined for the country, and the coordinators are told. */
@Component("quarantineEvidence")
class QuarantineEvidenceDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(QuarantineEvidenceDelegate.class);

  private final EvidenceHandover handover;
  private final ApplicationEventPublisher events;

  QuarantineEvidenceDelegate(EvidenceHandover handover, ApplicationEventPublisher events) {
    this.handover = handover;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reference = execution.getProcessBusinessKey();
    String country = (String) execution.getVariable(COUNTRY);
    List<Mismatch> mismatches = Mismatch.read(execution.getVariable(HASH_MISMATCHES));
    handover.quarantine(reference, country, mismatches);
    events.publishEvent(new EvidenceQuarantined(execution.getProcessInstanceId(), reference, country, mismatches));
    log.warn("{} {}: hash mismatch at receipt, quarantined {}", reference, country, mismatches.stream().map(Mismatch::item).toList());
  }
}
