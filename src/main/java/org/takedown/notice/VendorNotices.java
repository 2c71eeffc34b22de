package org.takedown.notice;

import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.legal.InformationRequested;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.tip.TipAcknowledged;
import org.takedown.tip.TriageDecided;

/** Records the notices to the submitting vendor, in the transaction of the step that announces them. */
@Component
class VendorNotices {

  private final OperationService operations;
  private final NoticeRecorder recorder;

  VendorNotices(OperationService operations, NoticeRecorder recorder) {
    this.operations = operations;
    this.recorder = recorder;
  }

  @EventListener
  @Transactional
  public void acknowledged(TipAcknowledged event) {
    Operation operation = operations.get(event.reference());
    recorder.toVendor(event.processInstanceId(), operation, NoticeKind.TIP_ACKNOWLEDGED, NoticeRecorder.content(operation));
  }

  @EventListener
  @Transactional
  public void triageResult(TriageDecided event) {
    Operation operation = operations.get(event.reference());
    Map<String, Object> content = NoticeRecorder.content(operation);
    content.put("decision", event.decision());
    content.put("mergeInto", event.mergeInto());
    content.put("vendorMessage", event.vendorMessage());
    recorder.toVendor(event.processInstanceId(), operation, NoticeKind.TRIAGE_RESULT, content);
  }

  @EventListener
  @Transactional
  public void informationRequest(InformationRequested event) {
    Operation operation = operations.get(event.reference());
    Map<String, Object> content = NoticeRecorder.content(operation);
    content.put("question", event.question());
    content.put("answerUrl", recorder.publicUrl() + "/api/operations/" + operation.getReference() + "/information");
    recorder.toVendor(event.processInstanceId(), operation, NoticeKind.INFORMATION_REQUEST, content);
  }
}
