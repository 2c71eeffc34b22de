package org.takedown.notice;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.takedown.assignment.NationalAssignmentProcess;
import org.takedown.system.TakedownTimers;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.AssignmentRequested;
import org.takedown.assignment.CountryAssignment;
import org.takedown.briefing.Document;
import org.takedown.briefing.DocumentKind;
import org.takedown.briefing.DocumentRepository;
import org.takedown.evidence.EvidenceHandoverProcess;
import org.takedown.evidence.EvidenceReleased;
import org.takedown.evidence.ResultsRequested;
import org.takedown.result.ResultFigures;
import org.takedown.operation.Operation;
import org.takedown.operation.OperationService;
import org.takedown.partner.DownloadLinks;
import org.takedown.partner.PartnerAction;
import org.takedown.partner.UnitPages;
import org.takedown.security.Disclosure;
import org.takedown.security.OperationAccess;
import org.takedown.system.Language;
import org.takedown.system.Tlp;
import org.takedown.tip.OperationIndicators;

/** Records the notices to national units, at the release TLP, with their action links; each names the unit's own country only. */
@Component
class UnitNotices {

  private final OperationService operations;
  private final Recipients recipients;
  private final ActionButtons buttons;
  private final DocumentRepository documents;
  private final NoticeRecorder recorder;
  private final TaskService tasks;
  private final TakedownTimers timers;
  private final DownloadLinks downloads;
  private final OperationIndicators indicators;
  private final ResultFigures figures;
  private final MailWords words;
  private final UnitPages unitPages;

  UnitNotices(OperationService operations, Recipients recipients, ActionButtons buttons, DocumentRepository documents,
      NoticeRecorder recorder, TaskService tasks, TakedownTimers timers, DownloadLinks downloads, OperationIndicators indicators,
      ResultFigures figures, MailWords words, UnitPages unitPages) {
    this.unitPages = unitPages;
    this.figures = figures;
    this.words = words;
    this.indicators = indicators;
    this.downloads = downloads;
    this.tasks = tasks;
    this.timers = timers;
    this.operations = operations;
    this.recipients = recipients;
    this.buttons = buttons;
    this.documents = documents;
    this.recorder = recorder;
  }

  /** The request, with the national assignment brief just written for it attached (below TLP:RED), or a reminder of it. */
  @EventListener
  @Transactional
  public void assignmentRequest(AssignmentRequested event) {
    Document brief = event.reminder() ? null : documents.findFirstByOperationReferenceAndKindAndCountryOrderByVersionDesc(
        event.reference(), DocumentKind.ASSIGNMENT_BRIEF, event.country()).orElse(null);
    // The unit's results list goes beside its brief: it fills it in and uploads it back once it has acted.
    Document resultsList = event.reminder() ? null : documents.findFirstByOperationReferenceAndKindAndCountryOrderByVersionDesc(
        event.reference(), DocumentKind.RESULTS_LIST, event.country()).orElse(null);
    // No evidence has been handed over while a unit is still being asked. The counts are of the unit's own indicators (need to know).
    Operation operation = operations.get(event.reference());
    Language language = recipients.unit(event.reference(), event.country()).getUnitLanguage();
    Disclosure unit = OperationAccess.forUnit(operation, event.country());
    OperationIndicators.Counts counts = indicators.counts(event.reference(), unit);
    Map<String, Object> extra = new HashMap<>();
    extra.put("answerBy", language.dateTime(answerBy(event.processInstanceId())));
    extra.put("indicatorScope", words.indicatorScope(language, unit, counts.seen(), counts.total()));
    extra.put("resultsList", resultsList == null ? null : resultsList.getFileName());
    Notice notice = toUnit(event.processInstanceId(), event.reference(), event.country(), event.releaseTlp(), List.of(),
        event.reminder() ? NoticeKind.ASSIGNMENT_REMINDER : NoticeKind.ASSIGNMENT_REQUEST, brief, extra,
        PartnerAction.ACCEPT, PartnerAction.DECLINE);
    notice.attach(resultsList);
  }

  /**
   * The due date of the unit's task: a reminder reads it from the open task; the request is recorded
   * just before the task opens, so it is computed the way the model computes it.
   */
  private Instant answerBy(String processInstanceId) {
    Task open = tasks.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(NationalAssignmentProcess.TASK_RESPOND_TO_ASSIGNMENT).singleResult();
    Date due = open != null && open.getDueDate() != null ? open.getDueDate() : timers.dueIn(timers.getAssignmentDeadline());
    return due.toInstant();
  }

  /**
   * The handover carries a single-use download link to the package, never the evidence itself (and at TLP:RED no
   * link at all). A reminder carries a fresh link while none has been opened; once one has, it says so.
   */
  @EventListener
  @Transactional
  public void evidenceHandover(EvidenceReleased event) {
    CountryAssignment assignment = recipients.unit(event.reference(), event.country());
    Language language = assignment.getUnitLanguage();
    Map<String, Object> extra = new HashMap<>();
    extra.put("packageItems", downloads.items(event.reference(), event.evidenceItems()).stream()
        .map(i -> i.item() == null ? i.label() : words.text(language, "mail.package.item", i.label(), i.description(),
            words.evidenceType(language, i.item().getType()), words.size(language, i.item().getSizeBytes()))).toList());
    Operation operation = operations.get(event.reference());
    Tlp tlp = TlpPolicy.forUnits(event.releaseTlp(), operation);
    if (TlpPolicy.carriesLinks(tlp)) {
      DownloadLinks.Issued link = event.reminder()
          ? downloads.reissue(operation, event.processInstanceId(), event.country(), assignment.getNationalUnit(), assignment.getUnitEmail(),
              tlp, event.evidenceItems())
          : downloads.issue(operation, event.processInstanceId(), event.country(), assignment.getNationalUnit(), assignment.getUnitEmail(),
              tlp, event.evidenceItems());
      extra.put("download", link == null ? null : Map.of("url", link.url(), "expires", language.dateTime(link.expiresAt())));
      extra.put("downloadOpened", link == null);
    }
    toUnit(event.processInstanceId(), event.reference(), event.country(), event.releaseTlp(), event.evidenceItems(),
        event.reminder() ? NoticeKind.RECEIPT_REMINDER : NoticeKind.EVIDENCE_HANDOVER, null, extra,
        PartnerAction.CONFIRM_RECEIPT, PartnerAction.REPORT_NOT_RECEIVED);
  }

  /**
   * The results request (after receipt, or again after the coordinators chose to wait) or its reminder: the unit's own
   * indicators only (need to know), what it reported so far, and one results link that stays usable for every save until
   * the unit says its results are complete.
   */
  @EventListener
  @Transactional
  public void resultsRequest(ResultsRequested event) {
    Operation operation = operations.get(event.reference());
    Language language = recipients.unit(event.reference(), event.country()).getUnitLanguage();
    Disclosure unit = OperationAccess.forUnit(operation, event.country());
    OperationIndicators.Counts counts = indicators.counts(event.reference(), unit);
    ResultFigures.Rate total = figures.operation(event.reference(), unit).total();
    Map<String, Object> extra = new HashMap<>();
    extra.put("indicatorScope", words.indicatorScope(language, unit, counts.seen(), counts.total()));
    extra.put("soFar", total.reported() == 0 ? null : words.soFar(language, total.reported(), total.routed(), total.positive()));
    extra.put("statuses", words.statuses(language));
    extra.put("reminder", event.reminder());
    Task open = tasks.createTaskQuery().processInstanceId(event.processInstanceId())
        .taskDefinitionKey(EvidenceHandoverProcess.TASK_REPORT_RESULTS).singleResult();
    // The request is recorded before its task opens: its due date is computed as the model computes it.
    Date due = open != null && open.getDueDate() != null ? open.getDueDate() : timers.dueIn(timers.getResultsDeadline());
    extra.put("reportBy", language.dateTime(due.toInstant()));
    toUnit(event.processInstanceId(), event.reference(), event.country(), event.releaseTlp(), List.of(),
        event.reminder() ? NoticeKind.RESULTS_REMINDER : NoticeKind.RESULTS_REQUEST, null, extra, PartnerAction.REPORT_RESULTS);
  }

  private Notice toUnit(String processInstanceId, String reference, String country, Tlp releaseTlp, List<String> evidenceItems,
      NoticeKind kind, Document attachment, Map<String, Object> extra, PartnerAction... actions) {
    Operation operation = operations.get(reference);
    CountryAssignment assignment = recipients.unit(reference, country);
    Tlp tlp = TlpPolicy.forUnits(releaseTlp, operation);
    Map<String, Object> content = recorder.forUnit(operation, assignment);
    content.put("evidenceItems", evidenceItems);
    content.putAll(extra);
    content.put("unitPage", unitPages.url(assignment)); // the unit's page for this operation: where it stands, what is next
    buttons.revokeOpen(processInstanceId, actions[0]);
    if (TlpPolicy.carriesLinks(tlp)) {
      content.put("actions", buttons.issue(operation, processInstanceId, assignment.getUnitEmail(), assignment.getUnitLanguage(), actions));
    }
    content.put("attachment", attachment == null ? null : attachment.getFileName());
    return recorder.record(processInstanceId, operation, kind, assignment.getUnitEmail(), tlp, content, attachment, Map.of());
  }
}
