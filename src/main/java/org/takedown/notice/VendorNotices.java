package org.takedown.notice;

import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.legal.InformationRequested;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.system.Tlp;
import org.takedown.tip.Contributions;
import org.takedown.tip.TipAcknowledged;
import org.takedown.tip.TipJoined;
import org.takedown.tip.TriageDecided;

/** Records the notices to the submitting vendor, in the transaction of the step that announces them. */
@Component
class VendorNotices {

  private final OperationService operations;
  private final NoticeRecorder recorder;
  private final Contributions contributions;

  VendorNotices(OperationService operations, NoticeRecorder recorder, Contributions contributions) {
    this.operations = operations;
    this.recorder = recorder;
    this.contributions = contributions;
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
    if ("JOIN".equals(event.decision())) {
      return; // told once the join is done, with what it did (tipJoined)
    }
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

  /**
   * The vendor's tip joined another operation as a co-report: that operation's reference and title, how many of its
   * indicators it gave and how many of them others reported too, the other contributors' names only where both agreed.
   * At the stricter TLP of the two operations: the mail speaks of both.
   */
  @EventListener
  @Transactional
  public void tipJoined(TipJoined event) {
    Operation tip = operations.get(event.reference());
    Operation target = operations.get(event.target());
    Contributions.CoReporters seen = Contributions.seenBy(contributions.of(target.getReference()), java.util.List.of(tip.getVendor()), false);
    Map<String, Object> content = NoticeRecorder.content(tip);
    content.put("target", target.getReference());
    content.put("targetTitle", target.getTitle());
    content.put("indicators", event.indicators());
    content.put("alsoReported", event.alsoReported());
    content.put("others", seen.others().stream().map(Contributions.Contributor::organisation).distinct().count());
    content.put("named", seen.named().isEmpty() ? null : String.join(", ", seen.named()));
    content.put("namedToCoReporters", tip.isNamedToCoReporters());
    content.put("targetUrl", recorder.publicUrl() + "/operations/" + target.getReference());
    content.put("vendorMessage", event.vendorMessage());
    Tlp tlp = tip.getTlp().ordinal() <= target.getTlp().ordinal() ? tip.getTlp() : target.getTlp();
    recorder.toVendor(event.processInstanceId(), tip, NoticeKind.TIP_JOINED, content, tlp);
  }
}
