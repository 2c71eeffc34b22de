package org.takedown.evidence;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.takedown.assignment.HandoverStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.notice.NoticeKind;
import org.takedown.notice.Notices;
import org.takedown.system.ProcessJson;

@Component("handOverEvidence")
class HandOverEvidenceDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(HandOverEvidenceDelegate.class);

  private final NationalAssignmentService assignments;
  private final Notices notices;

  HandOverEvidenceDelegate(NationalAssignmentService assignments, Notices notices) {
    this.assignments = assignments;
    this.notices = notices;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reference = execution.getProcessBusinessKey();
    String country = (String) execution.getVariable("country");
    int items = ProcessJson.stringList("evidenceItems", execution.getVariable("evidenceItems")).size();
    assignments.handover(reference, country, HandoverStatus.HANDED_OVER);
    notices.evidenceHandover(execution, NoticeKind.EVIDENCE_HANDOVER);
    log.info("{} {}: evidence package of {} item(s) handed over", reference, country, items);
  }
}
