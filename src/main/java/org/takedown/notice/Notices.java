package org.takedown.notice;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.briefing.Document;
import org.takedown.assignment.CountryAssignment;
import org.takedown.system.CountryCodes;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.operation.Operation;
import org.springframework.context.event.EventListener;
import org.takedown.operation.OperationService;
import org.takedown.operation.OperationWithdrawn;
import org.takedown.system.Tlp;
import org.takedown.partner.ActionLinks;
import org.takedown.partner.PartnerAction;
import org.takedown.system.ProcessJson;

/**
 * Records the notices of the lifecycle as outbox rows, in the transaction of the step that causes
 * them; an asynchronous "send" step of the model then delivers them. This is where the TLP rules
 * for email are enforced: a notice at TLP:RED gets no content at all, only that something awaits.
 */
@Component("notices")
public class Notices {

  private static final Logger log = LoggerFactory.getLogger(Notices.class);

  private final NoticeRepository notices;
  private final NoticeRenderer renderer;
  private final OperationService operations;
  private final NationalAssignmentService assignments;
  private final ActionLinks links;
  private final IdentityService identity;
  private final Clock clock;
  private final String publicUrl;
  private final String messageIdDomain;

  Notices(NoticeRepository notices, NoticeRenderer renderer, OperationService operations, NationalAssignmentService assignments,
      ActionLinks links, IdentityService identity, Clock clock, @Value("${takedown.public-url:http://localhost:8080}") String publicUrl) {
    this.notices = notices;
    this.renderer = renderer;
    this.operations = operations;
    this.assignments = assignments;
    this.links = links;
    this.identity = identity;
    this.clock = clock;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    String host = URI.create(this.publicUrl).getHost();
    this.messageIdDomain = host == null ? "takedown" : host;
  }

  // --- to the vendor -------------------------------------------------------------------------

  @Transactional
  public void acknowledged(DelegateExecution execution) {
    Operation operation = operation(execution);
    toVendor(execution.getProcessInstanceId(), operation, NoticeKind.TIP_ACKNOWLEDGED, content(operation));
  }

  @Transactional
  public void triageResult(VariableScope scope, String processInstanceId, String reference) {
    Operation operation = operations.get(reference);
    Map<String, Object> content = content(operation);
    content.put("decision", scope.getVariable("triageDecision"));
    content.put("mergeInto", scope.getVariable("mergeInto"));
    content.put("note", scope.getVariable("triageNote"));
    toVendor(processInstanceId, operation, NoticeKind.TRIAGE_RESULT, content);
  }

  @Transactional
  public void informationRequest(DelegateExecution execution) {
    Operation operation = operation(execution);
    Map<String, Object> content = content(operation);
    content.put("question", execution.getVariable("infoRequest"));
    content.put("answerUrl", publicUrl + "/api/operations/" + operation.getReference() + "/information");
    toVendor(execution.getProcessInstanceId(), operation, NoticeKind.INFORMATION_REQUEST, content);
  }

  // --- to the coordinators -------------------------------------------------------------------

  /** From the flow that leaves the legal review, so that only a decision made is announced. */
  @Transactional
  public void legalDecision(DelegateExecution execution) {
    Operation operation = operation(execution);
    Map<String, Object> content = content(operation);
    for (String name : List.of("legalDecision", "legalBasis", "releaseTlp", "reviewLevel", "mlatRequired", "dataProtectionCheck",
        "legalApprover", "secondApprover")) {
      content.put(name, execution.getVariable(name));
    }
    toCoordinators(execution.getProcessInstanceId(), operation, NoticeKind.LEGAL_DECISION, content);
  }

  /** The unit did not answer in time; its request's links stop working. */
  @Transactional
  public void escalation(DelegateExecution execution) {
    links.revokeOpen(execution.getProcessInstanceId(), PartnerAction.ACCEPT.taskKey());
    toCoordinatorsAboutUnit(execution, NoticeKind.ASSIGNMENT_ESCALATION);
  }

  /** The unit did not confirm receipt in time; the package's links stop working. */
  @Transactional
  public void receiptEscalation(DelegateExecution execution) {
    links.revokeOpen(execution.getProcessInstanceId(), PartnerAction.CONFIRM_RECEIPT.taskKey());
    toCoordinatorsAboutUnit(execution, NoticeKind.RECEIPT_ESCALATION);
  }

  private void toCoordinatorsAboutUnit(DelegateExecution execution, NoticeKind kind) {
    Operation operation = operation(execution);
    CountryAssignment assignment = assignment(execution);
    Map<String, Object> content = content(operation);
    content.putAll(country(assignment));
    content.put("reminders", assignment.getReminders());
    toCoordinators(execution.getProcessInstanceId(), operation, kind, content);
  }

  // --- to national units ---------------------------------------------------------------------

  /** The request (with the national assignment brief attached, below TLP:RED) or a reminder of it. */
  @Transactional
  public void assignmentRequest(DelegateExecution execution, NoticeKind kind, Document brief) {
    toUnit(execution, kind, brief, PartnerAction.ACCEPT, PartnerAction.DECLINE);
  }

  @Transactional
  public void evidenceHandover(DelegateExecution execution, NoticeKind kind) {
    toUnit(execution, kind, null, PartnerAction.CONFIRM_RECEIPT, PartnerAction.REPORT_NOT_RECEIVED);
  }

  // --- to everyone concerned -----------------------------------------------------------------

  @Transactional
  public void closure(DelegateExecution execution) {
    Operation operation = operation(execution);
    Map<String, Object> content = content(operation);
    content.put("outcomeSummary", operation.getOutcomeSummary());
    List<Map<String, Object>> results = new ArrayList<>();
    for (CountryAssignment assignment : assignments.list(operation.getReference())) {
      if (assignment.getStatus() == AssignmentStatus.ACCEPTED) {
        Map<String, Object> result = country(assignment);
        result.put("outcome", assignment.getOutcome());
        results.add(result);
      }
    }
    content.put("results", results);
    toVendor(execution.getProcessInstanceId(), operation, NoticeKind.CLOSURE, content);
    toCoordinators(execution.getProcessInstanceId(), operation, NoticeKind.CLOSURE, content);
    for (CountryAssignment assignment : assignments.list(operation.getReference())) {
      if (assignment.getStatus() == AssignmentStatus.ACCEPTED) {
        record(execution.getProcessInstanceId(), operation, NoticeKind.CLOSURE, assignment.getUnitEmail(), releaseTlp(execution, operation), content);
      }
    }
  }

  /** A recall to every address that received anything about the operation. */
  @Transactional
  public void recall(DelegateExecution execution) {
    Operation operation = operation(execution);
    Map<String, Object> content = content(operation);
    content.put("reason", execution.getVariable("withdrawalReason"));
    for (String recipient : notices.sentRecipients(operation.getReference(), NoticeKind.RECALL)) {
      record(execution.getProcessInstanceId(), operation, NoticeKind.RECALL, recipient, operation.getTlp(), content);
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
    links.revokeAll(event.reference());
  }

  // --- recording -----------------------------------------------------------------------------

  private void toVendor(String processInstanceId, Operation operation, NoticeKind kind, Map<String, Object> content) {
    User vendor = identity.createUserQuery().userId(operation.getVendor()).singleResult();
    if (vendor == null || vendor.getEmail() == null || vendor.getEmail().isBlank()) {
      // The operator fixes the account and retries the step: a notice is never silently dropped.
      throw new IllegalStateException("Vendor " + operation.getVendor() + " has no email address; add it in Camunda Admin and retry");
    }
    record(processInstanceId, operation, kind, vendor.getEmail(), operation.getTlp(), content);
  }

  private void toCoordinators(String processInstanceId, Operation operation, NoticeKind kind, Map<String, Object> content) {
    Set<String> addresses = new LinkedHashSet<>();
    identity.createUserQuery().memberOfGroup("coordinators").orderByUserId().asc().list().stream()
        .map(User::getEmail).filter(email -> email != null && !email.isBlank()).forEach(addresses::add);
    if (addresses.isEmpty()) {
      log.warn("{}: no coordinator has an email address; {} is not sent", operation.getReference(), kind);
    }
    addresses.forEach(address -> record(processInstanceId, operation, kind, address, operation.getTlp(), content));
  }

  private void toUnit(DelegateExecution execution, NoticeKind kind, Document attachment, PartnerAction... actions) {
    Operation operation = operation(execution);
    CountryAssignment assignment = assignment(execution);
    Tlp tlp = releaseTlp(execution, operation);
    Map<String, Object> content = content(operation);
    content.putAll(country(assignment));
    content.put("evidenceItems", ProcessJson.stringList("evidenceItems", execution.getVariable("evidenceItems")));
    links.revokeOpen(execution.getProcessInstanceId(), actions[0].taskKey());
    if (tlp != Tlp.RED) {
      List<Map<String, String>> buttons = new ArrayList<>();
      for (PartnerAction action : actions) {
        buttons.add(Map.of("label", action.label(),
            "url", links.issue(operation, execution.getProcessInstanceId(), action, assignment.getUnitEmail())));
      }
      content.put("actions", buttons);
    }
    content.put("attachment", attachment == null ? null : attachment.getFileName());
    record(execution.getProcessInstanceId(), operation, kind, assignment.getUnitEmail(), tlp, content, attachment);
  }

  void record(String processInstanceId, Operation operation, NoticeKind kind, String recipient, Tlp tlp, Map<String, Object> content) {
    record(processInstanceId, operation, kind, recipient, tlp, content, null);
  }

  void record(String processInstanceId, Operation operation, NoticeKind kind, String recipient, Tlp tlp, Map<String, Object> content,
      Document attachment) {
    String address = address(recipient);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("reference", operation.getReference());
    model.put("tlp", tlp.label());
    model.put("tlpRule", tlp.sharingRule());
    model.put("red", tlp == Tlp.RED);
    model.put("signInUrl", publicUrl + "/camunda/app/tasklist/");
    model.put("apiUrl", publicUrl + "/api/operations/" + operation.getReference());
    if (tlp != Tlp.RED) {
      model.putAll(content);
    }
    NoticeRenderer.Rendered rendered = renderer.render(kind, model);
    String subject = "[" + tlp.label() + "] " + operation.getReference() + " " + oneLine(rendered.subject());
    String messageId = "<notice." + UUID.randomUUID() + "@" + messageIdDomain + ">";
    notices.save(new Notice(operation, processInstanceId, kind, address, tlp, subject, rendered.text(), rendered.html(), messageId,
        attachment, clock.instant()));
  }

  /** Text from partners can never become a header: line breaks and control characters become spaces. */
  static String oneLine(String text) {
    String line = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]+", " ").replaceAll(" {2,}", " ").strip();
    return line.length() > 200 ? line.substring(0, 199) + "…" : line;
  }

  static String address(String recipient) {
    try {
      if (recipient == null || recipient.chars().anyMatch(Character::isISOControl)) {
        throw new AddressException("control characters");
      }
      InternetAddress address = new InternetAddress(recipient, true);
      address.validate();
      String domain = address.getAddress().substring(address.getAddress().indexOf('@') + 1);
      if (address.getPersonal() != null || !recipient.trim().equals(address.getAddress()) || !domain.contains(".")) {
        throw new AddressException("a plain address is expected");
      }
      return address.getAddress();
    } catch (AddressException e) {
      throw new IllegalStateException("'" + recipient + "' is not a valid email address: fix it in the directory or the account, and retry");
    }
  }

  private Operation operation(DelegateExecution execution) {
    return operations.get(execution.getProcessBusinessKey());
  }

  private CountryAssignment assignment(DelegateExecution execution) {
    return assignments.get(execution.getProcessBusinessKey(), (String) execution.getVariable("country"));
  }

  private static Tlp releaseTlp(DelegateExecution execution, Operation operation) {
    Object release = execution.getVariable("releaseTlp");
    return release == null ? operation.getTlp() : Tlp.parse(release.toString()).orElse(operation.getTlp());
  }

  private static Map<String, Object> content(Operation operation) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("title", operation.getTitle());
    content.put("summary", operation.getSummary());
    content.put("pap", operation.getPap().label());
    content.put("papRule", operation.getPap().rule());
    content.put("vendor", operation.getVendor());
    content.put("stage", operation.getStage().name());
    return content;
  }

  private static Map<String, Object> country(CountryAssignment assignment) {
    Map<String, Object> country = new LinkedHashMap<>();
    country.put("country", assignment.getCountry());
    country.put("countryName", CountryCodes.name(assignment.getCountry()));
    country.put("nationalUnit", assignment.getNationalUnit());
    return country;
  }
}
