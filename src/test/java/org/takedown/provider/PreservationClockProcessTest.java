package org.takedown.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.operation.OperationWithdrawn;

/**
 * Every path of bpmn/preservation-clock.bpmn: the reminder to the unit 7 days before the preservation runs out (in
 * French, in Arabic) and the lapse at its end, told to the coordinators; a renewal that moves both timers, before and
 * after the reminder, and one recorded while the reminder step waited; a mutual assistance request, a refusal and a
 * withdrawal that end the clock. Each timer's due date is asserted, then its job executed.
 */
@TakedownTest
class PreservationClockProcessTest {

  static final String FRANCE = "ofac@fr.units.example";
  static final String MOROCCO = "ncb@ma.ncb.example";
  static final String COORDINATOR = "cora@takedown.example";

  @Autowired ProcessDriver driver;
  @Autowired ProviderRequests requests;
  @Autowired JdbcTemplate jdbc;
  @Autowired GreenMail mail;
  @Autowired ApplicationEventPublisher events;

  record Sent(String ref, long id, Instant until) {}

  /** France and Morocco accepted; the country's preservation request to Cloudflare was sent 20 days ago. */
  Sent sent(String country) {
    Map<String, Object> tip = tip("TLP:AMBER", list("FR", "MA"));
    tip.put("indicators", List.of(Map.of("type", "ipv4-addr", "value", "1.0.0.1", "country", "FR"),
        Map.of("type", "ipv4-addr", "value", "1.0.0.2", "country", "MA")));
    String ref = driver.approveForAssignment(tip);
    driver.complete(driver.officer("FR"), ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "ACCEPT"));
    driver.complete(driver.officer("MA"), ref, "Task_RespondToAssignment", "MA", vars("assignmentResponse", "ACCEPT"));
    ProviderRequest preservation = requests.forCountry(ref, country).stream().filter(r -> r.getKind() == ProviderRequestKind.PRESERVATION)
        .findFirst().orElseThrow();
    Instant twentyDaysAgo = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
    jdbc.update("update provider_request set drafted_at = ? where id = ?", Timestamp.from(twentyDaysAgo.minusSeconds(3600)), preservation.getId());
    ProviderRequest sent = requests.recordSent(ref, country, preservation.getId(), twentyDaysAgo, driver.officer(country));
    driver.runJobs(ref);
    assertThat(sent.getPreservedUntil()).isEqualTo(twentyDaysAgo.plus(Duration.ofDays(60)));
    return new Sent(ref, preservation.getId(), sent.getPreservedUntil());
  }

  ProcessInstance clock(String ref) {
    return driver.engine().getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PreservationClockProcess.PROCESS)
        .processInstanceBusinessKey(ref).singleResult();
  }

  ProcessInstance clockIncludingEnded(String ref) {
    return driver.engine().getRuntimeService().createProcessInstanceQuery().processInstanceId(
        driver.engine().getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(PreservationClockProcess.PROCESS)
            .processInstanceBusinessKey(ref).singleResult().getId()).singleResult();
  }

  String clockId(String ref) {
    return driver.engine().getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(PreservationClockProcess.PROCESS)
        .processInstanceBusinessKey(ref).singleResult().getId();
  }

  boolean passed(String ref, String activity) {
    return driver.engine().getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(clockId(ref)).activityId(activity)
        .count() > 0;
  }

  boolean ended(String ref) {
    return driver.engine().getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(clockId(ref)).singleResult()
        .getEndTime() != null;
  }

  Instant due(String ref, String timer) {
    List<Job> jobs = driver.engine().getManagementService().createJobQuery().timers().activityId(timer).processInstanceId(clockId(ref)).list();
    assertThat(jobs).as(timer).hasSize(1);
    return jobs.get(0).getDuedate().toInstant();
  }

  List<MimeMessage> mails(String to, String ref, String kind) {
    return MailBox.to(mail, to, ref).stream().filter(m -> {
      try {
        return kind.equals(m.getHeader("X-Takedown-Notice")[0]);
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  @Test
  void aReminderSevenDaysBeforeInTheUnitsLanguageThenTheLapseToldToTheCoordinators() throws Exception {
    Sent s = sent("FR");
    assertThat(clock(s.ref())).isWaitingAt("Gateway_BeforeReminder");
    assertThat(due(s.ref(), "Timer_PreservationReminder")).isEqualTo(s.until().minus(Duration.ofDays(7)));

    assertThat(driver.fireTimers(s.ref(), "Timer_PreservationReminder")).isEqualTo(1);
    assertThat(clock(s.ref())).hasPassed("Task_RecordPreservationReminder", "Task_SendPreservationReminder").isWaitingAt("Gateway_BeforeLapse");
    List<MimeMessage> reminders = mails(FRANCE, s.ref(), "PRESERVATION_REMINDER");
    assertThat(reminders).hasSize(1);
    assertThat(reminders.get(0).getSubject()).startsWith("[TLP:AMBER] " + s.ref() + " la conservation demandée à Cloudflare, Inc. arrive à échéance le ");
    String text = MailBox.text(reminders.get(0), "text/plain");
    assertThat(text).contains("À l’attention de Office anti-cybercriminalité (OFAC) :",
        "la demande de conservation que votre unité a adressée à Cloudflare, Inc. au sujet de l’opération « C2 servers of a banking trojan » (France ; indicateurs : 1)",
        "Convention de Budapest, article 29, paragraphe 7", "POST /api/operations/" + s.ref() + "/requests/" + s.id() + "/follow-up")
        .containsPattern("Votre page pour cette opération, avec la prochaine étape\\h: http\\S+/partner/units/")
        .doesNotContain("Morocco", "Maroc", "1.0.0.2");
    assertThat(MailBox.text(reminders.get(0), "text/html")).contains("lang=\"fr\"", "dir=\"ltr\"", "Cloudflare, Inc.")
        .doesNotContain("<bdi");

    assertThat(due(s.ref(), "Timer_PreservationLapse")).isEqualTo(s.until());
    assertThat(driver.fireTimers(s.ref(), "Timer_PreservationLapse")).isEqualTo(1);
    assertThat(ended(s.ref())).isTrue();
    assertThat(passed(s.ref(), "EndEvent_PreservationLapsed")).isTrue();
    ProviderRequest lapsed = requests.find(s.id()).orElseThrow();
    assertThat(lapsed.getFollowUp()).isEqualTo(PreservationFollowUp.LAPSED);
    assertThat(jdbc.queryForObject("select recorded_by from provider_request_step where request_id = ? and step_value = 'LAPSED'", String.class,
        s.id())).isEqualTo(PreservationClockProcess.SYSTEM_ACTOR);
    List<MimeMessage> told = mails(COORDINATOR, s.ref(), "PRESERVATION_LAPSED");
    assertThat(told).hasSize(1);
    assertThat(told.get(0).getSubject()).isEqualTo("[TLP:AMBER] " + s.ref() + " preservation lapsed: Cloudflare, Inc. (France)");
    assertThat(MailBox.text(told.get(0), "text/plain")).contains("Office anti-cybercriminalité (OFAC) asked Cloudflare, Inc. (AS13335) to "
        + "preserve the data of 1 indicators in France", "recorded neither a renewal nor a mutual assistance request");
  }

  @Test
  void anArabicReminderReadsRightToLeftWithTheProviderLeftToRight() throws Exception {
    Sent s = sent("MA");
    driver.fireTimers(s.ref(), "Timer_PreservationReminder");
    MimeMessage reminder = mails(MOROCCO, s.ref(), "PRESERVATION_REMINDER").get(0);
    assertThat(reminder.getSubject()).contains("ينتهي حفظ البيانات المطلوب من");
    assertThat(MailBox.text(reminder, "text/html")).contains("lang=\"ar\"", "dir=\"rtl\"", "<bdi dir=\"ltr\">Cloudflare, Inc.</bdi>",
        "<bdi dir=\"ltr\">1</bdi>", "اتفاقية بودابست");
    assertThat(MailBox.text(reminder, "text/plain")).contains("\u2066Cloudflare, Inc.\u2069", "إلى \u2068INTERPOL NCB – Morocco\u2069:", "عدد المؤشرات: \u20661\u2069");
  }

  @Test
  void aRenewalMovesBothTimersBeforeAndAfterTheReminder() {
    Sent s = sent("FR");
    ProviderRequest renewed = requests.recordFollowUp(s.ref(), "FR", s.id(), PreservationFollowUp.RENEWED, Instant.now().minusSeconds(5), "officer-fr");
    driver.runJobs(s.ref());
    assertThat(passed(s.ref(), "Message_RenewedBeforeReminder")).isTrue();
    assertThat(clock(s.ref())).isWaitingAt("Gateway_BeforeReminder");
    assertThat(renewed.getPreservedUntil()).isAfter(s.until().plus(Duration.ofDays(19)));
    assertThat(due(s.ref(), "Timer_PreservationReminder")).isEqualTo(renewed.getPreservedUntil().minus(Duration.ofDays(7)));

    driver.fireTimers(s.ref(), "Timer_PreservationReminder");
    assertThat(due(s.ref(), "Timer_PreservationLapse")).isEqualTo(renewed.getPreservedUntil());
    ProviderRequest again = requests.recordFollowUp(s.ref(), "FR", s.id(), PreservationFollowUp.RENEWED, Instant.now(), "officer-fr");
    driver.runJobs(s.ref());
    assertThat(passed(s.ref(), "Message_RenewedBeforeLapse")).isTrue();
    assertThat(clock(s.ref())).isWaitingAt("Gateway_BeforeReminder");
    assertThat(due(s.ref(), "Timer_PreservationReminder")).isEqualTo(again.getPreservedUntil().minus(Duration.ofDays(7)));
  }

  @Test
  void aRenewalRecordedWhileTheReminderStepWaitedStartsTheClockAgain() {
    Sent s = sent("FR");
    Job timer = driver.engine().getManagementService().createJobQuery().timers().activityId("Timer_PreservationReminder")
        .processInstanceId(clockId(s.ref())).singleResult();
    driver.engine().getManagementService().executeJob(timer.getId()); // the reminder step now waits as a job: no message reaches it
    ProviderRequest renewed = requests.recordFollowUp(s.ref(), "FR", s.id(), PreservationFollowUp.RENEWED, Instant.now(), "officer-fr");
    driver.runJobs(s.ref());
    assertThat(driver.engine().getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(clockId(s.ref()))
        .activityId("Gateway_JoinClock").count()).as("the clock started again").isEqualTo(2);
    assertThat(passed(s.ref(), "Task_SendPreservationReminder")).isFalse();
    assertThat(mails(FRANCE, s.ref(), "PRESERVATION_REMINDER")).as("no reminder for the old date").isEmpty();
    assertThat(clock(s.ref())).isWaitingAt("Gateway_BeforeReminder");
    assertThat(due(s.ref(), "Timer_PreservationReminder")).isEqualTo(renewed.getPreservedUntil().minus(Duration.ofDays(7)));
  }

  @Test
  void aMutualAssistanceRequestEndsTheClock() {
    Sent s = sent("FR");
    requests.recordFollowUp(s.ref(), "FR", s.id(), PreservationFollowUp.MUTUAL_ASSISTANCE, Instant.now(), "officer-fr");
    assertThat(passed(s.ref(), "EndEvent_EndedBeforeReminder")).isTrue();
    assertThat(ended(s.ref())).isTrue();
  }

  @Test
  void aRefusalAfterTheReminderEndsTheClock() {
    Sent s = sent("FR");
    driver.fireTimers(s.ref(), "Timer_PreservationReminder");
    requests.recordAnswer(s.ref(), "FR", s.id(), ProviderAnswer.REFUSED, Instant.now(), "officer-fr", null);
    assertThat(passed(s.ref(), "EndEvent_EndedBeforeLapse")).isTrue();
    assertThat(ended(s.ref())).isTrue();
    assertThat(mails(COORDINATOR, s.ref(), "PRESERVATION_LAPSED")).isEmpty();
  }

  @Test
  void theOperationsWithdrawalEndsItsClocks() {
    Sent s = sent("FR");
    events.publishEvent(new OperationWithdrawn(s.ref()));
    assertThat(passed(s.ref(), "EndEvent_EndedBeforeReminder")).isTrue();
    assertThat(ended(s.ref())).isTrue();
  }
}
