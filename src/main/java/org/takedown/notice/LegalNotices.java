package org.takedown.notice;

import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.CountryAssignment;
import org.takedown.legal.LegalReviewWaiting;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.system.CountryCodes;

/** Records the notices to the legal officers: a review, or a FOUR_EYES second approval, waits for them. */
@Component
class LegalNotices {

  private final OperationService operations;
  private final Recipients recipients;
  private final NoticeRecorder recorder;

  LegalNotices(OperationService operations, Recipients recipients, NoticeRecorder recorder) {
    this.operations = operations;
    this.recipients = recipients;
    this.recorder = recorder;
  }

  @EventListener
  @Transactional
  public void reviewWaiting(LegalReviewWaiting event) {
    Operation operation = operations.get(event.reference());
    Map<String, Object> content = NoticeRecorder.content(operation);
    content.put("secondApproval", event.secondApproval());
    content.put("firstApprover", event.firstApprover());
    content.put("reviewLevel", event.reviewLevel());
    content.put("mlatRequired", Boolean.TRUE.equals(event.mlatRequired()));
    content.put("dataProtectionCheck", Boolean.TRUE.equals(event.dataProtectionCheck()));
    content.put("vendorInformationStatus", event.vendorInformationStatus());
    content.put("countryNames", CountryCodes.names(recipients.assignments(operation.getReference()).stream()
        .filter(a -> a.getStatus() != AssignmentStatus.EXCLUDED).map(CountryAssignment::getCountry).toList()));
    content.put("reviewQueueUrl", recorder.publicUrl() + "/review");
    recorder.toLegalOfficers(event.processInstanceId(), operation, NoticeKind.LEGAL_REVIEW_WAITING, event.firstApprover(), content);
  }
}
