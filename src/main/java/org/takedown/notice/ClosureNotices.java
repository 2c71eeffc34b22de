package org.takedown.notice;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.CountryAssignment;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.operation.OperationWithdrawn;
import org.takedown.outcome.OperationClosed;
import org.takedown.system.CountryCodes;
import org.takedown.tip.WithdrawalRecorded;

/** The end of an operation: the closure to everyone concerned, or the withdrawal and its recall. */
@Component
class ClosureNotices {

  private final OperationService operations;
  private final Recipients recipients;
  private final ActionButtons buttons;
  private final NoticeRepository notices;
  private final NoticeRecorder recorder;
  private final Clock clock;

  ClosureNotices(OperationService operations, Recipients recipients, ActionButtons buttons, NoticeRepository notices,
      NoticeRecorder recorder, Clock clock) {
    this.operations = operations;
    this.recipients = recipients;
    this.buttons = buttons;
    this.notices = notices;
    this.recorder = recorder;
    this.clock = clock;
  }

  @EventListener
  @Transactional
  public void closure(OperationClosed event) {
    Operation operation = operations.get(event.reference());
    Map<String, Object> content = NoticeRecorder.content(operation);
    content.put("outcomeSummary", operation.getOutcomeSummary());
    List<Map<String, Object>> results = new ArrayList<>();
    for (CountryAssignment assignment : recipients.acceptingUnits(operation.getReference())) {
      Map<String, Object> result = NoticeRecorder.country(assignment);
      result.put("countryName", CountryCodes.name(assignment.getCountry())); // a list, not a sentence
      result.put("outcome", assignment.getOutcome());
      results.add(result);
    }
    content.put("results", results);
    recorder.toVendor(event.processInstanceId(), operation, NoticeKind.CLOSURE, content);
    recorder.toCoordinators(event.processInstanceId(), operation, NoticeKind.CLOSURE, content);
    for (CountryAssignment assignment : recipients.acceptingUnits(operation.getReference())) {
      recorder.record(event.processInstanceId(), operation, NoticeKind.CLOSURE, assignment.getUnitEmail(),
          TlpPolicy.forUnits(event.releaseTlp(), operation), content, null);
    }
  }

  /** A recall to every address that received anything about the operation. */
  @EventListener
  @Transactional
  public void recall(WithdrawalRecorded event) {
    Operation operation = operations.get(event.reference());
    Map<String, Object> content = NoticeRecorder.content(operation);
    content.put("reason", event.reason());
    for (String recipient : notices.sentRecipients(operation.getReference(), NoticeKind.RECALL)) {
      recorder.record(event.processInstanceId(), operation, NoticeKind.RECALL, recipient, operation.getTlp(), content, null);
    }
  }

  /**
   * The tip was withdrawn: what was not sent yet never goes out (the recall follows), and no emailed
   * link works any more.
   */
  @EventListener
  @Transactional
  public void withdrawn(OperationWithdrawn event) {
    notices.cancelPending(event.reference(), clock.instant());
    buttons.revokeAll(event.reference());
  }
}
