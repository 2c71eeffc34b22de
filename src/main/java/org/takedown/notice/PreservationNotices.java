package org.takedown.notice;

import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.CountryAssignment;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.partner.UnitPages;
import org.takedown.provider.PreservationLapsed;
import org.takedown.provider.PreservationRunningOut;
import org.takedown.system.CountryCodes;
import org.takedown.system.Language;
import org.takedown.system.Tlp;

/**
 * The preservation clock's notices (bpmn/preservation-clock.bpmn): the reminder to the unit, in its language, before a
 * preservation runs out; the word to the coordinators, in English, when one lapsed. The model's next step sends them.
 */
@Component
class PreservationNotices {

  private final OperationService operations;
  private final Recipients recipients;
  private final NoticeRecorder recorder;
  private final UnitPages unitPages;

  PreservationNotices(OperationService operations, Recipients recipients, NoticeRecorder recorder, UnitPages unitPages) {
    this.unitPages = unitPages;
    this.operations = operations;
    this.recipients = recipients;
    this.recorder = recorder;
  }

  @EventListener
  @Transactional
  public void runningOut(PreservationRunningOut event) {
    Operation operation = operations.get(event.reference());
    CountryAssignment assignment = recipients.unit(event.reference(), event.country());
    Language language = assignment.getUnitLanguage();
    Tlp tlp = TlpPolicy.forUnits(operation.getReleaseTlp(), operation);
    Map<String, Object> content = recorder.forUnit(operation, assignment);
    content.put("countryName", CountryCodes.name(event.country(), language));
    content.put("provider", event.providerName());
    content.put("providerKey", event.providerKey());
    content.put("indicators", event.indicators());
    content.put("requestId", event.requestId());
    content.put("unitPage", unitPages.url(assignment)); // where the unit records the renewal or the mutual assistance request
    content.put("preservedUntil", language.dateTime(event.preservedUntil()));
    String api = "POST /api/operations/" + event.reference() + "/requests/" + event.requestId() + "/follow-up";
    content.put("api", api);
    recorder.record(event.processInstanceId(), operation, NoticeKind.PRESERVATION_REMINDER, assignment.getUnitEmail(), tlp, content, null,
        Map.of(NoticeRenderer.LANGUAGE, language.code()));
  }

  @EventListener
  @Transactional
  public void lapsed(PreservationLapsed event) {
    Operation operation = operations.get(event.reference());
    Map<String, Object> content = NoticeRecorder.content(operation);
    content.put("country", event.country());
    content.put("countryName", CountryCodes.inProse(event.country()));
    content.put("nationalUnit", recipients.unit(event.reference(), event.country()).getNationalUnit());
    content.put("provider", event.providerName());
    content.put("providerKey", event.providerKey());
    content.put("indicators", event.indicators());
    content.put("preservedUntil", Language.ENGLISH.dateTime(event.preservedUntil()));
    recorder.toCoordinators(event.processInstanceId(), operation, NoticeKind.PRESERVATION_LAPSED, content);
  }
}
