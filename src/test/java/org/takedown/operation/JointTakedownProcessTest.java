package org.takedown.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import com.icegreen.greenmail.util.GreenMail;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.PostgresTest;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.CountryAssignment;
import org.takedown.assignment.HandoverStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.tip.IndicatorRepository;

/** Every path of joint-takedown.bpmn, with the real services and database behind it. */
@PostgresTest
class JointTakedownProcessTest {

  @Autowired ProcessDriver driver;
  @Autowired NationalAssignmentService assignments;
  @Autowired IndicatorRepository indicators;
  @Autowired ManagementService management;
  @Autowired GreenMail mail;

  @Test
  void happyPathWithThreeCountries() {
    String ref = driver.submit(tip("TLP:AMBER", list("DE", "FR", "NL")));
    ProcessInstance process = driver.process(ref);
    assertThat(process).hasPassed("Task_AcknowledgeTip").isWaitingAt("Task_TriageTip");
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.TRIAGE);

    driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "OPEN", "countries", "[\"DE\",\"FR\",\"NL\"]", "triageNote", "clear case"));
    assertThat(process).isWaitingAt("CallActivity_LegalReview");
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.LEGAL_REVIEW);
    ProcessInstance review = driver.called(ref, "legal-review", null);
    assertThat(review).hasPassed("Task_RouteLegalReview").isWaitingAt("Task_LegalReview")
        .variables().containsEntry("reviewLevel", "STANDARD").containsEntry("mlatRequired", false);

    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "Art. 6 mandate", "releaseTlp", "TLP:AMBER"));
    assertThat(review).isEnded();
    assertThat(process).isWaitingAt("CallActivity_NationalAssignment");
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.NATIONAL_ASSIGNMENT);
    driver.runJobs(ref);
    for (String country : List.of("DE", "FR", "NL")) {
      assertThat(assignments.get(ref, country).getStatus()).isEqualTo(AssignmentStatus.REQUESTED);
      assertThat(driver.task(ref, "Task_RespondToAssignment", country)).hasCandidateGroup("unit-" + country.toLowerCase());
      driver.complete(driver.officer(country), ref, "Task_RespondToAssignment", country, vars("assignmentResponse", "ACCEPT", "responseNote", "we take it"));
    }
    assertThat(assignments.get(ref, "DE").getNationalUnit()).isEqualTo("Bundeskriminalamt SO4 Cybercrime");
    assertThat(assignments.get(ref, "FR").getStatus()).isEqualTo(AssignmentStatus.ACCEPTED);

    assertThat(process).isWaitingAt("CallActivity_EvidenceHandover");
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.EVIDENCE_HANDOVER);
    List<String> items = driver.registerEvidence(ref, "Disk image srv-1", "Netflow export");
    for (String country : List.of("DE", "FR", "NL")) {
      driver.complete("cora", ref, "Task_PrepareEvidencePackage", country, vars("evidenceItems", ProcessDriver.evidencePackage(items)));
    }
    driver.runJobs(ref);
    for (String country : List.of("DE", "FR", "NL")) {
      assertThat(assignments.get(ref, country).getHandoverStatus()).isEqualTo(HandoverStatus.HANDED_OVER);
      driver.complete(driver.officer(country), ref, "Task_ConfirmReceipt", country, vars("receiptConfirmed", true,
          "reportedSha256", driver.matchingHashes(ref, items)));
      assertThat(assignments.get(ref, country).getHandoverStatus()).isEqualTo(HandoverStatus.RECEIVED);
    }
    // Each unit then reports its results; the outcome waits for every country's handover to end.
    assertThat(process).isWaitingAt("CallActivity_EvidenceHandover");
    for (String country : List.of("DE", "FR", "NL")) {
      assertThat(driver.task(ref, "Task_ReportResults", country)).hasCandidateGroup("unit-" + country.toLowerCase());
      driver.completeResults(ref, country);
    }

    assertThat(process).isWaitingAt("Task_RecordOutcome");
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.OUTCOME);
    driver.complete("cora", ref, "Task_RecordOutcome", vars("outcomeSummary", "3 servers seized",
        "outcomes", "{\"DE\":\"2 servers seized\",\"FR\":\"domain sinkholed\",\"NL\":\"1 arrest\"}"));
    driver.runJobs(ref);

    assertThat(process).hasPassed("Task_CloseOperation").isEnded();
    Operation closed = driver.operation(ref);
    assertThat(closed.getStage()).isEqualTo(Stage.CLOSED);
    assertThat(closed.getClosedAt()).isNotNull();
    assertThat(closed.getOutcomeSummary()).isEqualTo("3 servers seized");
    assertThat(assignments.list(ref)).extracting(CountryAssignment::getOutcome)
        .containsExactly("2 servers seized", "domain sinkholed", "1 arrest");
  }

  @Test
  void triageRejectEndsTheOperation() {
    String ref = driver.submit(tip("TLP:GREEN", list("DE")));
    driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "REJECT", "triageNote", "not actionable"));
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.REJECTED);
    assertThat(driver.openTasks(ref)).isEmpty();
  }

  @Test
  void mergeAddsTheTipsIndicatorsToTheExistingOperation() {
    String domain = "c2-" + System.nanoTime() + ".example.net";
    Map<String, Object> first = tip("TLP:AMBER", list("DE"));
    first.put("indicators", List.of(Map.of("type", "domain-name", "value", domain)));
    String existing = driver.submit(first);
    Map<String, Object> second = tip("TLP:AMBER", list("DE"));
    second.put("indicators", List.of(Map.of("type", "domain-name", "value", domain.toUpperCase() + "."),
        Map.of("type", "url", "value", "HTTP://" + domain + "/gate.php")));
    String ref = driver.submit(second);
    assertThat(driver.process(ref)).variables().containsEntry("correlatedOperations", "1 shared indicator with " + existing);

    driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "MERGE", "mergeInto", existing.toLowerCase()));
    driver.runJobs(ref);

    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.MERGED);
    assertThat(driver.operation(ref).getMergedInto()).isEqualTo(existing);
    assertThat(indicators.findByOperationReferenceOrderById(existing))
        .extracting(i -> i.getType() + " " + i.getNormalizedValue())
        .containsExactlyInAnyOrder("domain-name " + domain, "url http://" + domain + "/gate.php");
    assertThat(driver.operation(existing).getStage()).isEqualTo(Stage.TRIAGE);
  }

  @Test
  void mergeIntoAnUnknownOrFinishedOperationIsRefused() {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    assertThatThrownBy(() -> driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "MERGE", "mergeInto", "OP-1999-0001")))
        .hasMessageContaining("There is no operation");
    assertThatThrownBy(() -> driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "MERGE", "mergeInto", ref)))
        .hasMessageContaining("A tip cannot be merged into its own operation");
    assertThatThrownBy(() -> driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "MAYBE")))
        .hasMessageContaining("The triage decision must be one of OPEN, MERGE, REJECT");
    assertThatThrownBy(() -> driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "OPEN", "countries", "[\"XX\"]")))
        .hasMessageContaining("not an ISO 3166-1 alpha-2 country code");
    assertThat(driver.process(ref)).isWaitingAt("Task_TriageTip");
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.TRIAGE);
  }

  @Test
  void triageSettlesTheCountries() {
    String ref = driver.submit(tip("TLP:AMBER", list("DE", "FR")));
    driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "OPEN", "countries", list("fr", "NL")));
    assertThat(assignments.list(ref)).extracting(a -> a.getCountry() + " " + a.getStatus())
        .containsExactly("DE EXCLUDED", "FR PROPOSED", "NL PROPOSED");
    assertThat(driver.called(ref, "legal-review", null)).variables().containsEntry("countryCount", 2);
  }

  @Test
  void legalRejectEndsTheOperation() {
    String ref = driver.openForLegalReview(tip("TLP:AMBER", list("DE")));
    ProcessInstance process = driver.process(ref);
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "REJECT", "legalBasis", "no legal basis for sharing"));
    assertThat(process).hasPassed("EndEvent_LegalRejected").isEnded();
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.REJECTED);
    assertThat(assignments.get(ref, "DE").getStatus()).isEqualTo(AssignmentStatus.PROPOSED);
  }

  @Test
  void withdrawalDuringNationalAssignmentEndsEveryInstance() {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("DE", "FR")));
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
    assertThat(driver.called(ref, "national-assignment", "FR")).isWaitingAt("Task_RespondToAssignment");
    ProcessInstance process = driver.process(ref);

    driver.correlate(ref, "Msg_TipWithdrawn", vars("withdrawalReason", "the infrastructure moved"));

    assertThat(process).hasPassed("Task_RecordWithdrawal", "EndEvent_Withdrawn").isEnded();
    assertThat(driver.openTasks(ref)).isEmpty();
    assertThat(driver.engine().getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(ref).count()).isZero();
    Operation withdrawn = driver.operation(ref);
    assertThat(withdrawn.getStage()).isEqualTo(Stage.WITHDRAWN);
    assertThat(withdrawn.getOutcomeSummary()).isEqualTo("Withdrawn by the vendor: the infrastructure moved");
  }

  @Test
  void everyCountryDroppedClosesTheOperationWithoutAction() {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("DE")));
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "DECLINE"));
    driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "DROP"));

    assertThat(driver.engine().getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(driver.engine()
        .getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(ref).processDefinitionKey("joint-takedown")
        .singleResult().getId()).activityId("CallActivity_EvidenceHandover").count()).isZero();
    Operation closed = driver.operation(ref);
    assertThat(closed.getStage()).isEqualTo(Stage.CLOSED);
    assertThat(closed.getOutcomeSummary()).isEqualTo("Closed without action: no national unit accepted the operation.");
    assertThat(assignments.get(ref, "DE").getStatus()).isEqualTo(AssignmentStatus.DROPPED);
    assertThat(driver.openTasks(ref)).isEmpty();
  }

  @Test
  void aMissingRecipientAddressBecomesAnIncidentNotARefusedTask() {
    String vendor = "vendor-without-address";
    var identity = driver.engine().getIdentityService();
    if (identity.createUserQuery().userId(vendor).count() == 0) {
      var user = identity.newUser(vendor);
      user.setEmail("nobody@vendor.example");
      identity.saveUser(user);
      identity.createMembership(vendor, "vendors");
    }
    Map<String, Object> tip = tip("TLP:AMBER", list("DE"));
    tip.put("vendor", vendor);
    String ref = driver.submit(tip);
    var user = identity.createUserQuery().userId(vendor).singleResult();
    user.setEmail(null);
    identity.saveUser(user);

    // The coordinator's decision is accepted: the failure belongs to the step after it.
    driver.completeOnly("cora", driver.task(ref, "Task_TriageTip"), vars("triageDecision", "REJECT", "triageNote", "out of scope"));
    Job job = management.createJobQuery().processInstanceId(driver.process(ref).getId()).activityId("Task_RecordTriageDecision").singleResult();
    for (int attempt = 1; attempt <= 4; attempt++) {
      assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("has no member with an email address");
    }
    Incident incident = driver.engine().getRuntimeService().createIncidentQuery().processInstanceId(driver.process(ref).getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo("Task_RecordTriageDecision");
    assertThat(incident.getIncidentMessage()).contains("Vendor " + vendor + " (" + vendor + ") has no member with an email address;"
        + " add one in Organisations or Camunda Admin and retry");

    // The operator adds the address and retries the incident, as Cockpit does.
    user.setEmail("desk@vendor.example");
    identity.saveUser(user);
    management.setJobRetries(job.getId(), 1);
    management.executeJob(job.getId());
    driver.runJobs(ref);

    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.REJECTED);
    assertThat(MailBox.to(mail, "desk@vendor.example", ref)).singleElement()
        .satisfies(m -> assertThat(m.getSubject()).contains(ref));
  }

  /** The Record outcome form names the countries that accepted and offers a line for each; one left empty records no result. */
  @Test
  void theOutcomeFormListsTheCountriesThatAccepted() throws Exception {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("DE", "FR", "NL")));
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
    driver.complete(driver.officer("NL"), ref, "Task_RespondToAssignment", "NL", vars("assignmentResponse", "ACCEPT"));
    driver.complete(driver.officer("FR"), ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "DECLINE", "responseNote", "not ours"));
    driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "DROP"));
    driver.runJobs(ref);
    List<String> items = driver.registerEvidence(ref, "Disk image");
    for (String country : List.of("DE", "NL")) {
      driver.complete("cora", ref, "Task_PrepareEvidencePackage", country, vars("evidenceItems", ProcessDriver.evidencePackage(items)));
    }
    driver.runJobs(ref);
    for (String country : List.of("DE", "NL")) {
      driver.complete(driver.officer(country), ref, "Task_ConfirmReceipt", country, vars("receiptConfirmed", true,
          "reportedSha256", driver.matchingHashes(ref, items)));
      driver.completeResults(ref, country);
    }

    String task = driver.task(ref, "Task_RecordOutcome").getId();
    Map<String, Object> form = driver.engine().getFormService().getTaskFormVariables(task);
    assertThat(form).containsEntry("acceptedCountries", "Germany (DE), Netherlands (NL)").containsEntry("outcomes", "DE: \nNL: ");
    // Tasklist shows them above the results field.
    assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("bpmn/forms/record-outcome.form")))
        .contains("<strong>Countries that accepted:</strong> {{acceptedCountries}}", "\"key\": \"outcomes\"");

    // The coordinator fills in Germany's line and leaves the Netherlands' empty.
    driver.complete("cora", ref, "Task_RecordOutcome", vars("outcomeSummary", "Two servers seized", "outcomes", "DE: 2 servers seized\nNL: "));
    driver.runJobs(ref);
    assertThat(assignments.get(ref, "DE").getOutcome()).isEqualTo("2 servers seized");
    assertThat(assignments.get(ref, "NL").getOutcome()).isNull();
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.CLOSED);
  }
}
