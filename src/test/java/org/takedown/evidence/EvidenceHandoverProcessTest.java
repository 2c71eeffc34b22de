package org.takedown.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.takedown.ProcessDriver.evidencePackage;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.icegreen.greenmail.util.GreenMail;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.PostgresTest;
import org.takedown.assignment.HandoverStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.briefing.Timeline;
import org.takedown.operation.Stage;

/** Every path of evidence-handover.bpmn, with the custody entries each writes. */
@PostgresTest
class EvidenceHandoverProcessTest {

  private static final String WRONG = "0123456789abcdef".repeat(4);

  @Autowired ProcessDriver driver;
  @Autowired NationalAssignmentService assignments;
  @Autowired EvidenceRegister register;
  @Autowired CustodyLog custody;
  @Autowired CustodyVerifier verifier;
  @Autowired GreenMail mail;
  @Autowired Timeline timeline;

  private String acceptedBy(String... countries) {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list(countries)));
    for (String country : countries) {
      driver.complete(driver.officer(country), ref, "Task_RespondToAssignment", country, vars("assignmentResponse", "ACCEPT"));
    }
    return ref;
  }

  /** "REGISTERED, PACKAGED DE, …": an item's chain as types and countries. */
  private List<String> chain(String ref, String label) {
    return custody.chain(register.item(ref, Integer.parseInt(label.substring(1)))).stream()
        .map(e -> e.getType() + (e.getCountry() == null ? "" : " " + e.getCountry())
            + (e.getHashMatches() == null ? "" : e.getHashMatches() ? " match" : " mismatch")).toList();
  }

  private void prepare(String ref, String country, List<String> labels) {
    driver.complete("cora", ref, "Task_PrepareEvidencePackage", country, vars("evidenceItems", evidencePackage(labels)));
  }

  @Test
  void packageOfRegisterItemsIsReleasedAndReceivedWithMatchingHashes() {
    String ref = acceptedBy("FR");
    List<String> items = driver.registerEvidence(ref, "Disk image of srv-1", "Netflow export");
    ProcessInstance handover = driver.called(ref, "evidence-handover", "FR");
    // The task was created before the items: registering them brings its checklist up to date, before anyone claims it
    // (Tasklist shows the variables it read when the task was opened).
    JsonValue listed = driver.engine().getRuntimeService().getVariableTyped(handover.getId(), "evidenceChoices");
    assertThat(listed.getValueSerialized()).contains("E1 · Disk image of srv-1 · 1.2 GB", "E2 · Netflow export");
    // It is read again when the task is claimed.
    driver.engine().getTaskService().claim(driver.task(ref, "Task_PrepareEvidencePackage").getId(), "cora");
    JsonValue choices = driver.engine().getRuntimeService().getVariableTyped(handover.getId(), "evidenceChoices");
    assertThat(choices.getValueSerialized()).contains("\"value\":\"E1\"", "E1 · Disk image of srv-1 · 1.2 GB · SHA-256 "
        + register.item(ref, 1).getSha256().substring(0, 12), "\"value\":\"E2\"");
    // Typed into a text area, labels in any case, one per line.
    driver.completeOnly("cora", driver.task(ref, "Task_PrepareEvidencePackage"), vars("evidenceItems", "e2\n\nE1\n"));
    JsonValue chosen = driver.engine().getRuntimeService().getVariableTyped(handover.getId(), "evidenceItems");
    assertThat(chosen.getValueSerialized()).isEqualTo("[\"E2\",\"E1\"]");
    driver.runJobs(ref);
    assertThat(assignments.get(ref, "FR").getHandoverStatus()).isEqualTo(HandoverStatus.HANDED_OVER);
    assertThat(assignments.get(ref, "FR").getEvidenceItems()).containsExactly("E2", "E1");
    CustodyEvent released = custody.chain(register.item(ref, 1)).get(2);
    assertThat(released.getType()).isEqualTo(CustodyEventType.RELEASED);
    assertThat(released.getActor()).isEqualTo("cora");
    assertThat(released.getFromParty()).isEqualTo("Fusion centre");
    assertThat(released.getToParty()).isEqualTo(assignments.get(ref, "FR").getNationalUnit() + " (France)");
    assertThat(released.getPurpose()).isEqualTo("Takedown of operation " + ref + " in France");
    assertThat(driver.task(ref, "Task_ConfirmReceipt")).hasCandidateGroup("unit-fr");

    driver.complete(driver.officer("FR"), ref, "Task_ConfirmReceipt", vars("receiptConfirmed", true,
        "reportedSha256", driver.matchingHashes(ref, items).toUpperCase().replace("\"E", "\"e")));

    // Received: the unit is now asked for its results; the country's handover ends when it has reported them.
    assertThat(handover).hasPassed("Gateway_JoinResults", "Task_RequestResults", "Task_SendResultsRequest").isWaitingAt("Task_ReportResults");
    assertThat(assignments.get(ref, "FR").getHandoverStatus()).isEqualTo(HandoverStatus.RECEIVED);
    assertThat(chain(ref, "E1")).containsExactly("REGISTERED", "PACKAGED FR", "RELEASED FR", "RECEIVED FR match");
    assertThat(custody.chain(register.item(ref, 1)).get(3).getActor()).isEqualTo(driver.officer("FR"));
    assertThat(verifier.verify(ref).ok()).isTrue();
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.EVIDENCE_HANDOVER);
    driver.completeResults(ref, "FR");
    assertThat(handover).hasPassed("EndEvent_ResultsReported").isEnded();
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.OUTCOME);
  }

  @Test
  void mismatchQuarantinesTheItemAndAResendReleasesItAgain() throws Exception {
    String ref = acceptedBy("NL");
    List<String> items = driver.registerEvidence(ref, "Disk image", "Sinkhole log");
    ProcessInstance handover = driver.called(ref, "evidence-handover", "NL");
    prepare(ref, "NL", items);
    String unitEmail = assignments.get(ref, "NL").getUnitEmail();
    String sinkhole = register.item(ref, 2).getSha256();

    driver.complete(driver.officer("NL"), ref, "Task_ConfirmReceipt", vars("receiptConfirmed", true,
        "reportedSha256", "E1: " + WRONG + "\nE2: " + sinkhole));

    assertThat(handover).hasPassed("Error_HashMismatch", "Task_QuarantineEvidence", "Task_SendQuarantineNotice")
        .hasNotPassed("Task_RequestResults").isWaitingAt("Task_DecideQuarantine");
    assertThat(driver.task(ref, "Task_DecideQuarantine")).hasCandidateGroup("coordinators");
    assertThat(assignments.get(ref, "NL").getHandoverStatus()).isEqualTo(HandoverStatus.QUARANTINED);
    assertThat(chain(ref, "E1")).containsExactly("REGISTERED", "PACKAGED NL", "RELEASED NL", "RECEIVED NL mismatch", "QUARANTINED NL");
    assertThat(chain(ref, "E2")).containsExactly("REGISTERED", "PACKAGED NL", "RELEASED NL", "RECEIVED NL match");
    assertThat(register.item(ref, 1).getCustodyStatus()).isEqualTo(CustodyStatus.QUARANTINED);
    String expected = register.item(ref, 1).getSha256();
    assertThat((String) driver.engine().getRuntimeService().getVariable(handover.getId(), "quarantineSummary"))
        .isEqualTo("E1 Disk image: the register holds " + expected + ", the unit reported " + WRONG);
    assertThat(MailBox.to(mail, "cora@takedown.example", ref)).anySatisfy(m -> assertThat(MailBox.everything(m))
        .contains("does not match the register", "E1 Disk image", expected, WRONG, "re-send the package or abort"));
    assertThatThrownBy(() -> driver.complete("cora", ref, "Task_DecideQuarantine", vars("quarantineDecision", "RESEND")))
        .hasMessageContaining("The reason for the decision is required.");

    int mailsToUnit = MailBox.to(mail, unitEmail, ref).size();

    driver.complete("cora", ref, "Task_DecideQuarantine", vars("quarantineDecision", "RESEND", "quarantineReason", "Download was cut off"));

    assertThat(handover).hasPassed("Task_HandOverEvidence").isWaitingAt("Task_ConfirmReceipt");
    assertThat(assignments.get(ref, "NL").getHandoverStatus()).isEqualTo(HandoverStatus.HANDED_OVER);
    assertThat(custody.chain(register.item(ref, 1)).get(5)).satisfies(resent -> {
      assertThat(resent.getType()).isEqualTo(CustodyEventType.RESENT);
      assertThat(resent.getActor()).isEqualTo("cora");
      assertThat(resent.getDetail()).contains("Download was cut off");
    });
    assertThat(MailBox.to(mail, unitEmail, ref)).as("the unit is sent the package again").hasSizeGreaterThan(mailsToUnit);

    driver.complete(driver.officer("NL"), ref, "Task_ConfirmReceipt", vars("receiptConfirmed", true,
        "reportedSha256", driver.matchingHashes(ref, items)));

    assertThat(handover).hasPassed("Task_RequestResults").isWaitingAt("Task_ReportResults");
    assertThat(assignments.get(ref, "NL").getHandoverStatus()).isEqualTo(HandoverStatus.RECEIVED);
    assertThat(chain(ref, "E1")).containsExactly("REGISTERED", "PACKAGED NL", "RELEASED NL", "RECEIVED NL mismatch",
        "QUARANTINED NL", "RESENT NL", "RECEIVED NL match");
    assertThat(verifier.verify(ref).ok()).isTrue();
  }

  @Test
  void aMissingHashQuarantinesAndAnAbortEndsTheCountryButNotTheOperation() {
    String ref = acceptedBy("IT", "ES");
    List<String> items = driver.registerEvidence(ref, "Memory image");
    ProcessInstance italy = driver.called(ref, "evidence-handover", "IT");
    prepare(ref, "IT", items);
    prepare(ref, "ES", items);
    driver.complete(driver.officer("ES"), ref, "Task_ConfirmReceipt", "ES", vars("receiptConfirmed", true,
        "reportedSha256", driver.matchingHashes(ref, items)));

    // Confirmed, but without the hash: never accepted silently.
    driver.complete(driver.officer("IT"), ref, "Task_ConfirmReceipt", "IT", vars("receiptConfirmed", true));
    assertThat(italy).isWaitingAt("Task_DecideQuarantine");
    driver.complete("cora", ref, "Task_DecideQuarantine", vars("quarantineDecision", "ABORT", "quarantineReason", "Unit cannot compute hashes"));

    assertThat(italy).hasPassed("Task_AbortHandover", "EndEvent_HandoverAborted").hasNotPassed("Task_RequestResults").isEnded();
    assertThat(assignments.get(ref, "IT").getHandoverStatus()).isEqualTo(HandoverStatus.ABORTED);
    assertThat(assignments.get(ref, "ES").getHandoverStatus()).isEqualTo(HandoverStatus.RECEIVED);
    List<CustodyEvent> chain = custody.chain(register.item(ref, 1));
    assertThat(chain(ref, "E1")).containsSubsequence("RECEIVED IT mismatch", "QUARANTINED IT", "RETURNED IT");
    assertThat(chain.get(chain.size() - 1).getDetail()).contains("Handover to Italy aborted", "Unit cannot compute hashes");
    assertThat(verifier.verify(ref).ok()).isTrue();
    assertThat(timeline.of(ref)).extracting(row -> row.get("activity") + " " + row.get("assignee"))
        .containsSubsequence("Quarantine evidence (Italy) Takedown", "Decide on quarantined evidence (Italy) cora", "Record aborted handover (Italy) Takedown");
    // The operation goes on with the countries that received it, once they have reported their results.
    driver.completeResults(ref, "ES");
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.OUTCOME);
    assertThat(driver.task(ref, "Task_RecordOutcome")).isNotNull();
  }

  @Test
  void theSameItemHandedToTwoCountriesAtOnceKeepsOneConsistentChain() throws Exception {
    String ref = acceptedBy("DE", "AT");
    List<String> items = driver.registerEvidence(ref, "Disk image");
    for (String country : List.of("DE", "AT")) {
      driver.completeOnly("cora", driver.task(ref, "Task_PrepareEvidencePackage", country), vars("evidenceItems", evidencePackage(items)));
    }
    List<String> ofOperation = driver.jobs(ref).stream().map(Job::getId).toList();
    List<Job> releases = driver.engine().getManagementService().createJobQuery().activityId("Task_HandOverEvidence").list().stream()
        .filter(j -> ofOperation.contains(j.getId())).toList();
    assertThat(releases).hasSize(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      CyclicBarrier start = new CyclicBarrier(2);
      List<Future<Object>> running = releases.stream().map(job -> threads.submit(() -> {
        start.await(10, TimeUnit.SECONDS);
        driver.engine().getManagementService().executeJob(job.getId());
        return null;
      })).toList();
      for (Future<Object> release : running) {
        release.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    driver.runJobs(ref);

    List<String> chain = chain(ref, "E1");
    assertThat(chain).hasSize(5).containsSubsequence("PACKAGED DE", "RELEASED DE").containsSubsequence("PACKAGED AT", "RELEASED AT");
    assertThat(custody.chain(register.item(ref, 1))).extracting(CustodyEvent::getSeq).containsExactly(1, 2, 3, 4, 5);
    assertThat(verifier.verify(ref).ok()).isTrue();
    for (String country : List.of("DE", "AT")) {
      assertThat(assignments.get(ref, country).getHandoverStatus()).isEqualTo(HandoverStatus.HANDED_OVER);
    }
  }

  @Test
  void packageNotReceivedIsPreparedAgain() {
    String ref = acceptedBy("BE");
    ProcessInstance handover = driver.called(ref, "evidence-handover", "BE");
    prepare(ref, "BE", driver.registerEvidence(ref, "Mailbox export"));
    driver.complete(driver.officer("BE"), ref, "Task_ConfirmReceipt", vars("receiptConfirmed", false));

    assertThat(handover).isWaitingAt("Task_PrepareEvidencePackage");
    assertThat(assignments.get(ref, "BE").getHandoverStatus()).isEqualTo(HandoverStatus.NOT_RECEIVED);
  }

  @Test
  void receiptReminderKeepsWaiting() {
    String ref = acceptedBy("PL");
    ProcessInstance handover = driver.called(ref, "evidence-handover", "PL");
    prepare(ref, "PL", driver.registerEvidence(ref, "Server image"));

    assertThat(driver.fireTimers(ref, "Timer_ReceiptReminder")).isEqualTo(1);

    assertThat(handover).hasPassed("Task_SendReceiptReminder").isWaitingAt("Task_ConfirmReceipt");
    assertThat(assignments.get(ref, "PL").getReminders()).isEqualTo(1);
  }

  @Test
  void invalidPackagesAndReceiptsAreRefused() {
    String ref = acceptedBy("RO");
    JsonValue choices = driver.engine().getRuntimeService().getVariableTyped(driver.called(ref, "evidence-handover", "RO").getId(), "evidenceChoices");
    assertThat(choices.getValueSerialized()).as("an empty register: the form says to register the evidence first").isEqualTo("[]");
    assertThatThrownBy(() -> driver.complete("cora", ref, "Task_PrepareEvidencePackage", vars("evidenceItems", "  ")))
        .hasMessageContaining("The evidence items must list at least one item of the evidence register");
    assertThatThrownBy(() -> driver.complete("cora", ref, "Task_PrepareEvidencePackage", vars("evidenceItems", "[\"E1\"]")))
        .hasMessageContaining("'E1' is not an item of this operation's evidence register");
    List<String> items = driver.registerEvidence(ref, "Image");
    assertThatThrownBy(() -> driver.complete("cora", ref, "Task_PrepareEvidencePackage", vars("evidenceItems", "[\"disk image\"]")))
        .hasMessageContaining("'disk image' is not an item of this operation's evidence register");
    assertThatThrownBy(() -> driver.complete("cora", ref, "Task_PrepareEvidencePackage", vars("evidenceItems", "[\"E1\",\"e1\"]")))
        .hasMessageContaining("names E1 twice");
    prepare(ref, "RO", items);
    assertThatThrownBy(() -> driver.complete(driver.officer("RO"), ref, "Task_ConfirmReceipt", vars("receiptConfirmed", "yes")))
        .hasMessageContaining("The receipt confirmation must be the boolean true or false");
    assertThatThrownBy(() -> driver.complete(driver.officer("RO"), ref, "Task_ConfirmReceipt", vars("receiptConfirmed", true, "reportedSha256", "{\"E1\":\"abc\"}")))
        .hasMessageContaining("must be 64 hexadecimal characters");
    assertThatThrownBy(() -> driver.complete(driver.officer("RO"), ref, "Task_ConfirmReceipt", vars("receiptConfirmed", true, "reportedSha256", "{\"E9\":\"" + "a".repeat(64) + "\"}")))
        .hasMessageContaining("which is not an item of the package");
    assertThat(driver.called(ref, "evidence-handover", "RO")).isWaitingAt("Task_ConfirmReceipt");
  }

  @Test
  void unconfirmedReceiptGoesBackToTheCoordinatorsAtTheDeadline() {
    String ref = acceptedBy("SE");
    prepare(ref, "SE", driver.registerEvidence(ref, "Sinkhole log"));
    ProcessInstance handover = driver.called(ref, "evidence-handover", "SE");
    assertThat(handover).isWaitingAt("Task_ConfirmReceipt");

    assertThat(driver.fireTimers(ref, "Timer_ReceiptDeadline")).isEqualTo(1);

    assertThat(handover).hasPassed("Task_RecordReceiptEscalation", "Task_SendReceiptEscalation").isWaitingAt("Task_PrepareEvidencePackage");
    assertThat(assignments.get(ref, "SE").getHandoverStatus()).isEqualTo(HandoverStatus.RECEIPT_OVERDUE);
    assertThat(MailBox.to(mail, "cora@takedown.example", ref)).anySatisfy(m ->
        assertThat(MailBox.everything(m)).contains("has not confirmed receipt of the evidence package for Sweden", "prepare the package again"));
    assertThat(driver.openTasks(ref)).extracting(t -> t.getTaskDefinitionKey()).containsExactly("Task_PrepareEvidencePackage");
  }
}
