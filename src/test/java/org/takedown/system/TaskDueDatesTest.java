package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;

/**
 * Every human task is due, and every deadline timer fires, at the time config/application.yml
 * gives, counted from when the task or timer began (the engine clock is fixed here).
 */
@TakedownTest
class TaskDueDatesTest {

  private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

  @Autowired ProcessDriver driver;
  @Autowired ManagementService management;

  @BeforeEach
  void fixClock() {
    ClockUtil.setCurrentTime(Date.from(NOW));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void tasksAndDeadlinesFollowTheConfiguration() {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    assertThat(due(ref, "Task_TriageTip")).isEqualTo(NOW.plus(Duration.ofDays(1)));

    driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "OPEN", "countries", "[\"DE\"]"));
    assertThat(due(ref, "Task_LegalReview")).isEqualTo(NOW.plus(Duration.ofDays(3)));

    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "REQUEST_INFO", "infoRequest", "Which provider?"));
    assertThat(timer(ref, "Timer_VendorInformationDeadline")).isEqualTo(NOW.plus(Duration.ofDays(5)));
    driver.fireTimers(ref, "Timer_VendorInformationDeadline");

    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate"));
    assertThat(due(ref, "Task_RespondToAssignment")).isEqualTo(NOW.plus(Duration.ofDays(7)));
    assertThat(timer(ref, "Timer_AssignmentDeadline")).isEqualTo(NOW.plus(Duration.ofDays(7)));
    assertThat(timer(ref, "Timer_AssignmentReminder")).isEqualTo(NOW.plus(Duration.ofDays(2)));

    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "DECLINE"));
    assertThat(due(ref, "Task_ResolveAssignment")).isEqualTo(NOW.plus(Duration.ofDays(2)));
    driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "REASSIGN"));
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));

    assertThat(due(ref, "Task_PrepareEvidencePackage")).isEqualTo(NOW.plus(Duration.ofDays(3)));
    List<String> items = driver.registerEvidence(ref, "Disk image");
    driver.complete("cora", ref, "Task_PrepareEvidencePackage", vars("evidenceItems", ProcessDriver.evidencePackage(items)));
    assertThat(due(ref, "Task_ConfirmReceipt")).isEqualTo(NOW.plus(Duration.ofDays(10)));
    assertThat(timer(ref, "Timer_ReceiptDeadline")).isEqualTo(NOW.plus(Duration.ofDays(10)));
    assertThat(timer(ref, "Timer_ReceiptReminder")).isEqualTo(NOW.plus(Duration.ofDays(2)));

    driver.complete(driver.officer("DE"), ref, "Task_ConfirmReceipt", vars("receiptConfirmed", true, "reportedSha256", driver.matchingHashes(ref, items)));
    assertThat(due(ref, "Task_ReportResults")).isEqualTo(NOW.plus(Duration.ofDays(30)));
    assertThat(timer(ref, "Timer_ResultsDeadline")).isEqualTo(NOW.plus(Duration.ofDays(30)));
    assertThat(timer(ref, "Timer_ResultsReminder")).isEqualTo(NOW.plus(Duration.ofDays(7)));
    driver.completeResults(ref, "DE");
    assertThat(due(ref, "Task_RecordOutcome")).isEqualTo(NOW.plus(Duration.ofDays(14)));
  }

  @Test
  void theSecondLegalApprovalIsDueToo() {
    String ref = driver.openForLegalReview(tip("TLP:RED", list("DE", "FR", "NL")));
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate"));
    assertThat(due(ref, "Task_SecondLegalApproval")).isEqualTo(NOW.plus(Duration.ofDays(2)));
  }

  private Instant due(String ref, String taskKey) {
    Date due = driver.task(ref, taskKey).getDueDate();
    assertThat(due).as("due date of %s", taskKey).isNotNull();
    return due.toInstant();
  }

  private Instant timer(String ref, String activityId) {
    var ofOperation = driver.jobs(ref).stream().map(j -> j.getId()).toList();
    return management.createJobQuery().timers().activityId(activityId).list().stream()
        .filter(j -> ofOperation.contains(j.getId()))
        .findFirst().orElseThrow(() -> new AssertionError("no timer at " + activityId)).getDuedate().toInstant();
  }
}
