package org.takedown.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.takedown.ProcessDriver.evidencePackage;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.takedown.MailBox;
import org.takedown.PostgresTest;
import org.takedown.ProcessDriver;
import org.takedown.operation.Stage;
import org.takedown.partner.ActionLinks;
import org.takedown.result.IndicatorResults;

/**
 * Every path of the results step of evidence-handover.bpmn: reported in time; reminded; the deadline passes and the
 * coordinators wait (a new request, then the unit reports) or accept the results as reported.
 */
@PostgresTest
class ResultsStepProcessTest {

  static final String DE1 = "193.99.200.1";
  static final String DE2 = "193.99.200.2";
  static final String FR = "212.27.40.1";
  static final String GERMANY = "so4@de.units.example";
  static final String COORDINATOR = "cora@takedown.example";

  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;
  @Autowired IndicatorResults results;
  @Autowired ActionLinks links;

  /** Germany and France accepted, Germany received its package: Germany's unit is asked for its results. */
  private String germanyReceived() {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE", "FR"));
    tip.put("indicators", List.of(Map.of("type", "ipv4-addr", "value", DE1), Map.of("type", "ipv4-addr", "value", DE2),
        Map.of("type", "ipv4-addr", "value", FR)));
    String ref = driver.approveForAssignment(tip);
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
    driver.complete(driver.officer("FR"), ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "DECLINE"));
    driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "DROP"));
    List<String> items = driver.registerEvidence(ref, "Disk image");
    driver.complete("cora", ref, "Task_PrepareEvidencePackage", "DE", vars("evidenceItems", evidencePackage(items)));
    driver.complete(driver.officer("DE"), ref, "Task_ConfirmReceipt", "DE", vars("receiptConfirmed", true,
        "reportedSha256", driver.matchingHashes(ref, items)));
    return ref;
  }

  private List<MimeMessage> mails(String to, String ref, String kind) {
    return MailBox.to(mail, to, ref).stream().filter(m -> kind.equals(kind(m))).toList();
  }

  private static String kind(MimeMessage message) {
    try {
      return message.getHeader("X-Takedown-Notice")[0];
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String token(String link) {
    return link.substring(link.lastIndexOf('/') + 1);
  }

  private Instant due(String ref, String timer) {
    List<Job> jobs = driver.engine().getManagementService().createJobQuery().timers().activityId(timer).list().stream()
        .filter(j -> driver.jobs(ref).stream().anyMatch(o -> o.getId().equals(j.getId()))).toList();
    assertThat(jobs).as(timer).hasSize(1);
    return jobs.get(0).getDuedate().toInstant();
  }

  @Test
  void theUnitReportsInTimeAndTheOperationGoesOnToItsOutcome() throws Exception {
    String ref = germanyReceived();
    ProcessInstance handover = driver.called(ref, "evidence-handover", "DE");
    assertThat(handover).hasPassed("Task_RequestResults", "Task_SendResultsRequest").isWaitingAt("Task_ReportResults");
    assertThat(driver.task(ref, "Task_ReportResults", "DE")).hasCandidateGroup("unit-de");
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.EVIDENCE_HANDOVER);
    // The timers run from the request: a reminder after 7 days, the deadline after 30, when the task is due.
    Instant asked = driver.task(ref, "Task_ReportResults", "DE").getCreateTime().toInstant();
    assertThat(Duration.between(asked, due(ref, "Timer_ResultsReminder")).toSeconds()).isCloseTo(Duration.ofDays(7).toSeconds(), within(60L));
    assertThat(Duration.between(asked, due(ref, "Timer_ResultsDeadline")).toSeconds()).isCloseTo(Duration.ofDays(30).toSeconds(), within(60L));
    assertThat(driver.task(ref, "Task_ReportResults", "DE").getDueDate()).isCloseTo(java.util.Date.from(due(ref, "Timer_ResultsDeadline")), 60_000L);

    // The request mail: Germany's own indicators only, with its results link.
    List<MimeMessage> requests = mails(GERMANY, ref, "RESULTS_REQUEST");
    assertThat(requests).hasSize(1);
    String text = MailBox.text(requests.get(0), "text/plain");
    assertThat(requests.get(0).getSubject()).isEqualTo("[TLP:AMBER] " + ref + " results request: Germany");
    assertThat(text).contains("To Bundeskriminalamt SO4 Cybercrime: thank you for confirming receipt", "in Germany",
        "2 of the operation's 3 indicators are routed to Germany", "taken down, seized, sinkholed", "Report by ",
        "POST /api/operations/" + ref + "/results").doesNotContain("France", FR, "vera", "Aegis Threat Research");
    String link = MailBox.link(requests.get(0), "Report your results");
    assertThat(link).contains("/partner/actions/");
    assertThat(MailBox.text(requests.get(0), "text/html")).contains("href=\"" + link + "\"", ">Report your results</a>");
    // The link stays usable for saves: it works until the results deadline, not the usual 7 days.
    assertThat(links.check(token(link)).getExpiresAt()).isAfterOrEqualTo(due(ref, "Timer_ResultsDeadline").minusSeconds(5));

    assertThatThrownBy(() -> driver.complete(driver.officer("DE"), ref, "Task_ReportResults", "DE", vars("resultsComplete", false)))
        .hasMessageContaining("Tick \"Our results are complete\" to finish");
    driver.complete(driver.officer("DE"), ref, "Task_ReportResults", "DE", vars("resultsComplete", true));

    assertThat(handover).hasPassed("EndEvent_ResultsReported").hasNotPassed("Timer_ResultsDeadline").isEnded();
    assertThat(driver.engine().getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(handover.getId())
        .variableName("resultsCompletedBy").singleResult().getValue()).isEqualTo(driver.officer("DE"));
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.OUTCOME);
    assertThat(driver.task(ref, "Task_RecordOutcome")).isNotNull();
  }

  @Test
  void aReminderCarriesAFreshLinkAndTheUnitStillReports() throws Exception {
    String ref = germanyReceived();
    String first = MailBox.link(mails(GERMANY, ref, "RESULTS_REQUEST").get(0), "Report your results");

    assertThat(driver.fireTimers(ref, "Timer_ResultsReminder")).isEqualTo(1);

    ProcessInstance handover = driver.called(ref, "evidence-handover", "DE");
    assertThat(handover).hasPassed("Task_RecordResultsReminder", "Task_SendResultsReminder", "EndEvent_ResultsReminderSent")
        .isWaitingAt("Task_ReportResults");
    List<MimeMessage> reminders = mails(GERMANY, ref, "RESULTS_REMINDER");
    assertThat(reminders).hasSize(1);
    assertThat(reminders.get(0).getSubject()).isEqualTo("[TLP:AMBER] " + ref + " reminder: report your results for Germany");
    assertThat(MailBox.text(reminders.get(0), "text/plain")).contains("Reminder to Bundeskriminalamt SO4 Cybercrime",
        "This link replaces the one of the earlier email.");
    String fresh = MailBox.link(reminders.get(0), "Report your results");
    assertThat(fresh).isNotEqualTo(first);
    assertThatThrownBy(() -> links.check(token(first))).isInstanceOf(ActionLinks.LinkProblem.class).hasMessageContaining("superseded");
    assertThat(links.check(token(fresh)).getTaskKey()).isEqualTo("Task_ReportResults");

    driver.completeResults(ref, "DE");
    assertThat(handover).hasPassed("EndEvent_ResultsReported").isEnded();
  }

  @Test
  void atTheDeadlineTheCoordinatorsWaitAndTheUnitThenReports() throws Exception {
    String ref = germanyReceived();
    results.record(ref, "DE", IndicatorResults.Reporter.of(GERMANY, false, IndicatorResults.Channel.API),
        List.of(new IndicatorResults.Line(1, DE1, "taken down", null)), null);
    String first = MailBox.link(mails(GERMANY, ref, "RESULTS_REQUEST").get(0), "Report your results");

    assertThat(driver.fireTimers(ref, "Timer_ResultsDeadline")).isEqualTo(1);

    ProcessInstance handover = driver.called(ref, "evidence-handover", "DE");
    assertThat(handover).hasPassed("Task_RecordResultsEscalation", "Task_SendResultsEscalation").isWaitingAt("Task_ResolveResults");
    assertThat(driver.task(ref, "Task_ResolveResults")).hasCandidateGroup("coordinators");
    assertThat(driver.engine().getRuntimeService().getVariable(handover.getId(), "resultsSummary"))
        .isEqualTo("Germany has reported results for 1 of 2 indicators; 1 taken down (50 %).");
    MimeMessage escalation = mails(COORDINATOR, ref, "RESULTS_ESCALATION").get(0);
    assertThat(escalation.getSubject()).isEqualTo("[TLP:AMBER] " + ref + " no results from Germany: wait longer or accept them as reported");
    assertThat(MailBox.text(escalation, "text/plain")).contains("Bundeskriminalamt SO4 Cybercrime has not said its results for Germany",
        "So far: results for 1 of 2 indicators, 1 taken down", "Resolve missing results", "http://localhost:8080/operations/" + ref);
    assertThatThrownBy(() -> links.check(token(first))).isInstanceOf(ActionLinks.LinkProblem.class);
    assertThatThrownBy(() -> driver.complete("cora", ref, "Task_ResolveResults", vars("resultsDecision", "LATER")))
        .hasMessageContaining("must be one of WAIT, ACCEPT_AS_REPORTED");

    driver.complete("cora", ref, "Task_ResolveResults", vars("resultsDecision", "WAIT", "resultsDecisionNote", "Unit asked for two more weeks"));

    // Asked again: a new request with a new link and a new deadline.
    assertThat(handover).isWaitingAt("Task_ReportResults");
    assertThat(driver.engine().getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(handover.getId())
        .activityId("Task_RequestResults").count()).isEqualTo(2);
    List<MimeMessage> requests = mails(GERMANY, ref, "RESULTS_REQUEST");
    assertThat(requests).hasSize(2);
    String again = MailBox.link(requests.get(1), "Report your results");
    assertThat(links.check(token(again)).getTaskKey()).isEqualTo("Task_ReportResults");
    assertThat(MailBox.text(requests.get(1), "text/plain")).contains("So far: results for 1 of 2 indicators, 1 taken down");

    driver.completeResults(ref, "DE");
    assertThat(handover).hasPassed("EndEvent_ResultsReported").hasNotPassed("EndEvent_ResultsAcceptedAsReported").isEnded();
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.OUTCOME);
  }

  @Test
  void atTheDeadlineTheCoordinatorsAcceptTheResultsAsReported() {
    String ref = germanyReceived();
    assertThat(driver.fireTimers(ref, "Timer_ResultsDeadline")).isEqualTo(1);
    ProcessInstance handover = driver.called(ref, "evidence-handover", "DE");
    assertThat(driver.engine().getRuntimeService().getVariable(handover.getId(), "resultsSummary"))
        .isEqualTo("Germany has reported results for 0 of 2 indicators; 0 taken down (0 %).");

    driver.complete("cora", ref, "Task_ResolveResults", vars("resultsDecision", "ACCEPT_AS_REPORTED"));

    assertThat(handover).hasPassed("Gateway_ResultsDecision", "EndEvent_ResultsAcceptedAsReported").hasNotPassed("EndEvent_ResultsReported")
        .isEnded();
    assertThat(driver.engine().getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(handover.getId())
        .variableName("resultsDecidedBy").singleResult().getValue()).isEqualTo("cora");
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.OUTCOME);
    assertThat(driver.openTasks(ref)).extracting(t -> t.getTaskDefinitionKey()).containsExactly("Task_RecordOutcome");
  }
}
