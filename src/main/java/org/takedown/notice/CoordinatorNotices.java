package org.takedown.notice;

import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.AssignmentAnswered;
import org.takedown.assignment.AssignmentOverdue;
import org.takedown.assignment.CountryAssignment;
import org.takedown.evidence.EvidenceQuarantined;
import org.takedown.evidence.ReceiptAnswered;
import org.takedown.evidence.ReceiptOverdue;
import org.takedown.evidence.ResultsOverdue;
import org.takedown.result.ResultFigures;
import org.takedown.security.OperationAccess;
import org.takedown.legal.LegalDecisionRecorded;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.partner.PartnerAction;

/** Records the notices to the coordinators: the legal decision, a unit's answers, and a unit that did not answer or confirm in time. */
@Component
class CoordinatorNotices {

  private final OperationService operations;
  private final Recipients recipients;
  private final ActionButtons buttons;
  private final NoticeRecorder recorder;
  private final ResultFigures figures;

  CoordinatorNotices(OperationService operations, Recipients recipients, ActionButtons buttons, NoticeRecorder recorder, ResultFigures figures) {
    this.figures = figures;
    this.operations = operations;
    this.recipients = recipients;
    this.buttons = buttons;
    this.recorder = recorder;
  }

  /** Recorded after the legal review has ended, so that only a decision made is announced. */
  @EventListener
  @Transactional
  public void legalDecision(LegalDecisionRecorded event) {
    Operation operation = operations.get(event.reference());
    Map<String, Object> content = NoticeRecorder.content(operation);
    content.put("legalDecision", event.legalDecision());
    content.put("legalBasis", event.legalBasis());
    content.put("releaseTlp", event.releaseTlp());
    content.put("reviewLevel", event.reviewLevel());
    content.put("mlatRequired", event.mlatRequired());
    content.put("dataProtectionCheck", event.dataProtectionCheck());
    content.put("legalApprover", event.legalApprover());
    content.put("secondApprover", event.secondApprover());
    recorder.toCoordinators(event.processInstanceId(), operation, NoticeKind.LEGAL_DECISION, content);
  }

  /** The unit did not answer in time; its request's links stop working. */
  @EventListener
  @Transactional
  public void escalation(AssignmentOverdue event) {
    buttons.revokeOpen(event.processInstanceId(), PartnerAction.ACCEPT);
    aboutUnit(event.processInstanceId(), event.reference(), event.country(), NoticeKind.ASSIGNMENT_ESCALATION);
  }

  /** The unit did not confirm receipt in time; the package's links stop working. */
  @EventListener
  @Transactional
  public void receiptEscalation(ReceiptOverdue event) {
    buttons.revokeOpen(event.processInstanceId(), PartnerAction.CONFIRM_RECEIPT);
    aboutUnit(event.processInstanceId(), event.reference(), event.country(), NoticeKind.RECEIPT_ESCALATION);
  }

  /** The unit did not say its results were complete in time; its results link stops working and the coordinators decide. */
  @EventListener
  @Transactional
  public void resultsEscalation(ResultsOverdue event) {
    buttons.revokeOpen(event.processInstanceId(), PartnerAction.REPORT_RESULTS);
    Operation operation = operations.get(event.reference());
    ResultFigures.Rate total = figures.operation(event.reference(), OperationAccess.forUnit(operation, event.country())).total();
    aboutUnit(event.processInstanceId(), event.reference(), event.country(), NoticeKind.RESULTS_ESCALATION,
        Map.of("soFar", java.lang.String.format(java.util.Locale.ENGLISH, "results for %,d of %,d indicators, %,d taken down",
            total.reported(), total.routed(), total.positive())));
  }

  /** The unit accepted or declined, with its note; sent by the model's next "Send …" step. */
  @EventListener
  @Transactional
  public void assignmentAnswered(AssignmentAnswered event) {
    aboutUnit(event.processInstanceId(), event.reference(), event.country(), NoticeKind.ASSIGNMENT_ANSWER,
        Map.of("accepted", event.accepted(), "note", event.note() == null ? "" : event.note()));
  }

  /** The unit confirmed receipt (with its hashes) or reported the evidence did not arrive. */
  @EventListener
  @Transactional
  public void receiptAnswered(ReceiptAnswered event) {
    aboutUnit(event.processInstanceId(), event.reference(), event.country(), NoticeKind.RECEIPT_ANSWER,
        Map.of("received", event.received(), "reportedSha256", event.reportedSha256()));
  }

  /** A reported hash did not match the register: the items are quarantined and the coordinators must decide. */
  @EventListener
  @Transactional
  public void evidenceQuarantined(EvidenceQuarantined event) {
    aboutUnit(event.processInstanceId(), event.reference(), event.country(), NoticeKind.EVIDENCE_QUARANTINE,
        Map.of("mismatches", event.mismatches().stream().map(m -> Map.of("item", m.item(), "description", m.description(),
            "expected", m.expected(), "reported", m.reported().isEmpty() ? "none reported" : m.reported())).toList()));
  }

  private void aboutUnit(String processInstanceId, String reference, String country, NoticeKind kind) {
    aboutUnit(processInstanceId, reference, country, kind, Map.of());
  }

  private void aboutUnit(String processInstanceId, String reference, String country, NoticeKind kind, Map<String, Object> extra) {
    Operation operation = operations.get(reference);
    CountryAssignment assignment = recipients.unit(reference, country);
    Map<String, Object> content = NoticeRecorder.content(operation);
    content.putAll(NoticeRecorder.country(assignment));
    content.put("reminders", assignment.getReminders());
    content.putAll(extra);
    recorder.toCoordinators(processInstanceId, operation, kind, content);
  }
}
