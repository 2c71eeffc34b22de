package org.takedown.evidence;

import static org.takedown.evidence.EvidenceHandoverProcess.EVIDENCE_ITEMS;
import static org.takedown.operation.JointTakedownProcess.COUNTRY;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.system.ProcessJson;

@Component("handOverEvidence")
class HandOverEvidenceDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(HandOverEvidenceDelegate.class);

  private final NationalAssignmentService assignments;
  private final ApplicationEventPublisher events;

  HandOverEvidenceDelegate(NationalAssignmentService assignments, ApplicationEventPublisher events) {
    this.assignments = assignments;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reference = execution.getProcessBusinessKey();
    String country = (String) execution.getVariable(COUNTRY);
    List<String> items = ProcessJson.stringList(EVIDENCE_ITEMS, execution.getVariable(EVIDENCE_ITEMS));
    assignments.handOver(reference, country, items);
    events.publishEvent(EvidenceReleased.of(execution, false));
    log.info("{} {}: evidence package of {} item(s) handed over", reference, country, items.size());
  }
}
