package org.takedown.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import com.icegreen.greenmail.util.GreenMail;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.assignment.HandoverStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.operation.Stage;

/** Every path of evidence-handover.bpmn. */
@TakedownTest
class EvidenceHandoverProcessTest {

  @Autowired ProcessDriver driver;
  @Autowired NationalAssignmentService assignments;
  @Autowired GreenMail mail;

  private String acceptedBy(String country) {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list(country)));
    driver.complete(driver.officer(country), ref, "Task_RespondToAssignment", country, vars("assignmentResponse", "ACCEPT"));
    return ref;
  }

  @Test
  void packageHandedOverAndReceived() {
    String ref = acceptedBy("FR");
    ProcessInstance handover = driver.called(ref, "evidence-handover", "FR");
    assertThat(driver.task(ref, "Task_PrepareEvidencePackage")).hasCandidateGroup("coordinators");
    // Typed into the Tasklist text area, one item per line.
    driver.completeOnly("cora", driver.task(ref, "Task_PrepareEvidencePackage"), vars("evidenceItems", "disk image srv-1\n\nnetflow export\n"));
    JsonValue items = driver.engine().getRuntimeService().getVariableTyped(handover.getId(), "evidenceItems");
    assertThat(items.getValueSerialized()).isEqualTo("[\"disk image srv-1\",\"netflow export\"]");
    driver.runJobs(ref);
    assertThat(assignments.get(ref, "FR").getHandoverStatus()).isEqualTo(HandoverStatus.HANDED_OVER);
    assertThat(driver.task(ref, "Task_ConfirmReceipt")).hasCandidateGroup("unit-fr");

    driver.complete(driver.officer("FR"), ref, "Task_ConfirmReceipt", vars("receiptConfirmed", true,
        "reportedSha256", "disk image srv-1: 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"));

    assertThat(handover).hasPassed("EndEvent_EvidenceReceived").isEnded();
    assertThat(assignments.get(ref, "FR").getHandoverStatus()).isEqualTo(HandoverStatus.RECEIVED);
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.OUTCOME);
  }

  @Test
  void packageNotReceivedIsPreparedAgain() {
    String ref = acceptedBy("BE");
    ProcessInstance handover = driver.called(ref, "evidence-handover", "BE");
    driver.complete("cora", ref, "Task_PrepareEvidencePackage", vars("evidenceItems", "[\"mailbox export\"]"));
    driver.runJobs(ref);
    driver.complete(driver.officer("BE"), ref, "Task_ConfirmReceipt", vars("receiptConfirmed", false));

    assertThat(handover).isWaitingAt("Task_PrepareEvidencePackage");
    assertThat(assignments.get(ref, "BE").getHandoverStatus()).isEqualTo(HandoverStatus.NOT_RECEIVED);
  }

  @Test
  void receiptReminderKeepsWaiting() {
    String ref = acceptedBy("PL");
    ProcessInstance handover = driver.called(ref, "evidence-handover", "PL");
    driver.complete("cora", ref, "Task_PrepareEvidencePackage", vars("evidenceItems", "[\"server image\"]"));
    driver.runJobs(ref);

    assertThat(driver.fireTimers(ref, "Timer_ReceiptReminder")).isEqualTo(1);

    assertThat(handover).hasPassed("Task_SendReceiptReminder").isWaitingAt("Task_ConfirmReceipt");
    assertThat(assignments.get(ref, "PL").getReminders()).isEqualTo(1);
  }

  @Test
  void invalidPackagesAndReceiptsAreRefused() {
    String ref = acceptedBy("RO");
    assertThatThrownBy(() -> driver.complete("cora", ref, "Task_PrepareEvidencePackage", vars("evidenceItems", "  ")))
        .hasMessageContaining("The evidence items must list at least one item");
    assertThatThrownBy(() -> driver.complete("cora", ref, "Task_PrepareEvidencePackage", vars("evidenceItems", "[\"a\",\"a\"]")))
        .hasMessageContaining("names an item twice");
    driver.complete("cora", ref, "Task_PrepareEvidencePackage", vars("evidenceItems", "[\"image\"]"));
    driver.runJobs(ref);
    assertThatThrownBy(() -> driver.complete(driver.officer("RO"), ref, "Task_ConfirmReceipt", vars("receiptConfirmed", "yes")))
        .hasMessageContaining("The receipt confirmation must be the boolean true or false");
    assertThatThrownBy(() -> driver.complete(driver.officer("RO"), ref, "Task_ConfirmReceipt", vars("receiptConfirmed", true, "reportedSha256", "{\"image\":\"abc\"}")))
        .hasMessageContaining("must be 64 hexadecimal characters");
    assertThatThrownBy(() -> driver.complete(driver.officer("RO"), ref, "Task_ConfirmReceipt", vars("receiptConfirmed", true, "reportedSha256", "{\"other\":\"" + "a".repeat(64) + "\"}")))
        .hasMessageContaining("which is not an item of the package");
    assertThat(driver.called(ref, "evidence-handover", "RO")).isWaitingAt("Task_ConfirmReceipt");
  }

  @Test
  void unconfirmedReceiptGoesBackToTheCoordinatorsAtTheDeadline() {
    String ref = acceptedBy("SE");
    driver.complete("cora", ref, "Task_PrepareEvidencePackage", "SE", vars("evidenceItems", "[\"sinkhole log\"]"));
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
