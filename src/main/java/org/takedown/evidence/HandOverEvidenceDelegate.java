package org.takedown.evidence;

import static org.takedown.evidence.EvidenceHandoverProcess.EVIDENCE_ITEMS;
import static org.takedown.evidence.EvidenceHandoverProcess.EVIDENCE_SUMMARY;
import static org.takedown.evidence.EvidenceHandoverProcess.RELEASED_BY;
import static org.takedown.evidence.EvidenceHandoverProcess.PACKAGED_BY;
import static org.takedown.evidence.EvidenceHandoverProcess.QUARANTINE_DECIDED_BY;
import static org.takedown.evidence.EvidenceHandoverProcess.QUARANTINE_DECISION;
import static org.takedown.evidence.EvidenceHandoverProcess.QUARANTINE_REASON;
import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.takedown.system.ProcessJson;

/** Releases the package to the unit (or re-sends it after a quarantine): custody entries, then the unit's notice. */
@Component("handOverEvidence")
class HandOverEvidenceDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(HandOverEvidenceDelegate.class);

  private final EvidenceHandover handover;
  private final ApplicationEventPublisher events;

  HandOverEvidenceDelegate(EvidenceHandover handover, ApplicationEventPublisher events) {
    this.handover = handover;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reference = execution.getProcessBusinessKey();
    String country = (String) execution.getVariable(COUNTRY);
    List<String> items = ProcessJson.stringList(EVIDENCE_ITEMS, execution.getVariable(EVIDENCE_ITEMS));
    boolean resend = "RESEND".equals(execution.getVariable(QUARANTINE_DECISION));
    String actor = (String) execution.getVariable(resend ? QUARANTINE_DECIDED_BY : PACKAGED_BY);
    handover.release(reference, country, items, actor, resend ? (String) execution.getVariable(QUARANTINE_REASON) : null);
    execution.setVariable(RELEASED_BY, actor);
    execution.setVariable(EVIDENCE_SUMMARY, handover.summary(reference, items));
    // A later package (after "not received" or an overdue receipt) is a fresh release, not a re-send.
    execution.removeVariable(QUARANTINE_DECISION);
    events.publishEvent(EvidenceReleased.of(execution, false));
    log.info("{} {}: evidence package of {} item(s) {}", reference, country, items.size(), resend ? "re-sent" : "handed over");
  }
}
