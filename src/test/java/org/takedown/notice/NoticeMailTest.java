package org.takedown.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.NationalAssignmentService;

/** The notices as their recipients get them: real messages from the embedded mail server. */
@TakedownTest
class NoticeMailTest {

  static final String GERMAN_UNIT = "so4@de.units.example";

  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;
  @Autowired TestRestTemplate http;
  @Autowired NationalAssignmentService assignments;
  @Autowired NoticeRepository notices;
  @Autowired ManagementService management;
  @Autowired JdbcTemplate jdbc;

  static String path(String url) {
    return URI.create(url).getRawPath();
  }

  private ResponseEntity<String> post(String url, String note) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("note", note);
    return http.postForEntity(path(url), new HttpEntity<>(form, headers), String.class);
  }

  @Test
  void theUnitGetsItsAssignmentRequestAndAcceptsFromTheLink() throws Exception {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("DE")));

    List<MimeMessage> received = MailBox.to(mail, GERMAN_UNIT, ref);
    assertThat(received).hasSize(1);
    MimeMessage request = received.get(0);
    assertThat(request.getSubject()).isEqualTo("[TLP:AMBER] " + ref + " assignment request: Germany");
    assertThat(request.isMimeType("multipart/*")).isTrue();
    assertThat(MailBox.textParts(request)).extracting(p -> p.getContentType().split(";")[0].toLowerCase())
        .containsExactlyInAnyOrder("text/plain", "text/html");
    assertThat(MailBox.text(request, "text/plain")).contains("TLP:AMBER", "Recipient's organisation and its clients", "Germany");
    assertThat(MailBox.text(request, "text/html")).contains("TLP:AMBER", "#FFC000", "Accept the assignment")
        .doesNotContain("carries none of its content");
    assertThat(MailBox.text(request, "text/plain")).doesNotContain("carries none of its content");
    assertThat(request.getHeader("Message-ID")[0]).isEqualTo(notices.findByOperationReferenceOrderByCreatedAtAscIdAsc(ref).stream()
        .filter(n -> n.getKind() == NoticeKind.ASSIGNMENT_REQUEST).findFirst().orElseThrow().getMessageId());

    String accept = MailBox.link(request, "Accept the assignment");
    String decline = MailBox.link(request, "Decline the assignment");

    // A mail scanner opening the link changes nothing.
    ResponseEntity<String> page = http.getForEntity(path(accept), String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("Accept the assignment", ref, "Germany", "<form method=\"post\"");
    assertThat(assignments.get(ref, "DE").getStatus()).isEqualTo(AssignmentStatus.REQUESTED);

    ResponseEntity<String> done = post(accept, "Our team takes it <b>today</b>");
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(done.getBody()).contains("Thank you");
    driver.runJobs(ref);
    assertThat(assignments.get(ref, "DE").getStatus()).isEqualTo(AssignmentStatus.ACCEPTED);
    assertThat(assignments.get(ref, "DE").getResponseNote()).isEqualTo("Our team takes it <b>today</b>");
    assertThat(assignments.get(ref, "DE").getResponder()).isEqualTo("Bundeskriminalamt SO4 Cybercrime");

    assertThat(post(accept, null).getBody()).as("pressed again: the answer stands").contains("Your answer is recorded");
    ResponseEntity<String> late = post(decline, null);
    assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(late.getBody()).contains("already done");
    assertThat(assignments.get(ref, "DE").getStatus()).isEqualTo(AssignmentStatus.ACCEPTED);
  }

  @Test
  void noTlpRedContentIsInAnyMail() throws Exception {
    Map<String, Object> secret = tip("TLP:RED", list("DE"));
    secret.put("title", "Operation NIGHTJAR against a bulletproof hoster");
    secret.put("summary", "Named recipients only: the hoster's admin is an informant.");
    String ref = driver.openForLegalReview(secret);
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "Art. 9 confidential basis", "releaseTlp", "TLP:RED"));
    driver.complete("leon", ref, "Task_SecondLegalApproval", vars("legalDecision", "APPROVE", "legalBasis", "Art. 9 confidential basis"));

    List<MimeMessage> all = MailBox.about(mail, ref);
    assertThat(all).extracting(m -> m.getHeader("X-Takedown-Notice")[0])
        .contains("TIP_ACKNOWLEDGED", "TRIAGE_RESULT", "LEGAL_DECISION", "ASSIGNMENT_REQUEST");
    for (MimeMessage message : all) {
      String everything = MailBox.everything(message);
      assertThat(message.getSubject()).startsWith("[TLP:RED] " + ref);
      assertThat(everything).contains("TLP:RED", "sign in to read it", "ask the fusion centre's coordinators").doesNotContain("NIGHTJAR", "informant", "Art. 9", "Germany",
          "/partner/actions/", "Bundeskriminalamt");
    }
    MimeMessage request = MailBox.to(mail, GERMAN_UNIT, ref).get(0);
    assertThat(request.getSubject()).isEqualTo("[TLP:RED] " + ref + " assignment request: action awaits");
  }

  @Test
  void lineBreaksInATipTitleNeverReachAHeader() throws Exception {
    String evil = "evil-" + System.nanoTime() + "@example.com";
    String injected = "Phishing kit\r\nBcc: " + evil + "\r\nX-Injected: yes\n\nbody";
    Map<String, Object> tip = tip("TLP:GREEN", list("SE"));
    tip.put("title", injected);
    assertThatThrownBy(() -> driver.submit(tip)).hasMessageContaining("title: must be a single line");
    // Refused at intake; a title stored before that check, or by another way in, still never reaches a header.
    tip.put("title", "Phishing kit");
    String ref = driver.submitOnly(tip);
    jdbc.update("update operation set title = ? where reference = ?", injected, ref);
    driver.runJobs(ref);

    MimeMessage acknowledgement = MailBox.to(mail, "vera@takedown.example", ref).get(0);
    assertThat(acknowledgement.getSubject())
        .isEqualTo("[TLP:GREEN] " + ref + " tip received: Phishing kit Bcc: " + evil + " X-Injected: yes body");
    assertThat(acknowledgement.getHeader("Bcc")).isNull();
    assertThat(acknowledgement.getHeader("X-Injected")).isNull();
    assertThat(acknowledgement.getAllRecipients()).extracting(Object::toString).containsExactly("vera@takedown.example");
    assertThat(mail.getReceivedMessagesForDomain("example.com")).isEmpty();
    assertThat(MailBox.text(acknowledgement, "text/html")).doesNotContain("<b>").contains("Phishing kit");
  }

  @Test
  void anSmtpOutageBecomesAnIncidentAndTheRetryDeliversExactlyOnce() throws Exception {
    String ref;
    mail.stop();
    try {
      ref = driver.submitOnly(tip("TLP:AMBER", list("DE")));
      Job acknowledge = driver.jobs(ref).get(0);
      management.executeJob(acknowledge.getId());
      Job send = driver.jobs(ref).get(0);
      for (int attempt = 1; attempt <= 3; attempt++) {
        assertThatThrownBy(() -> management.executeJob(send.getId())).hasMessageContaining("Mail server connection failed");
      }
      Incident incident = driver.engine().getRuntimeService().createIncidentQuery().processInstanceId(send.getProcessInstanceId()).singleResult();
      assertThat(incident.getActivityId()).isEqualTo("Task_SendAcknowledgement");
      Notice pending = notices.findByOperationReferenceOrderByCreatedAtAscIdAsc(ref).get(0);
      assertThat(pending.getStatus()).isEqualTo(Notice.Status.PENDING);
      assertThat(pending.getAttempts()).isEqualTo(3);
      assertThat(pending.getLastError()).contains("Mail server connection failed");
    } finally {
      mail.start();
    }

    // The operator retries the incident in Cockpit once the server is back.
    Job failed = driver.jobs(ref).get(0);
    management.setJobRetries(failed.getId(), 1);
    management.executeJob(failed.getId());
    driver.runJobs(ref);

    Notice sent = notices.findByOperationReferenceOrderByCreatedAtAscIdAsc(ref).get(0);
    assertThat(sent.getStatus()).isEqualTo(Notice.Status.SENT);
    assertThat(sent.getAttempts()).isEqualTo(4);
    List<MimeMessage> delivered = MailBox.to(mail, "vera@takedown.example", ref);
    assertThat(delivered).hasSize(1);
    assertThat(delivered.get(0).getHeader("Message-ID")[0]).isEqualTo(sent.getMessageId());
    assertThat(driver.process(ref)).isNotNull();
    assertThat(driver.task(ref, "Task_TriageTip")).isNotNull();
  }

  @Test
  void coordinatorsListTheNoticesOfAnOperation() {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "REJECT", "triageNote", "duplicate"));

    ResponseEntity<List> listed = http.withBasicAuth("cora", "demo").getForEntity("/api/operations/" + ref + "/notices", List.class);
    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<Map<String, Object>> rows = listed.getBody();
    assertThat(rows).extracting(r -> r.get("kind") + " " + r.get("recipient") + " " + r.get("status") + " " + r.get("attempts"))
        .as("each notice to the vendor reaches both of Aegis's analysts")
        .containsExactly("TIP_ACKNOWLEDGED vera@takedown.example SENT 1", "TIP_ACKNOWLEDGED vince@takedown.example SENT 1",
            "TRIAGE_RESULT vera@takedown.example SENT 1", "TRIAGE_RESULT vince@takedown.example SENT 1");
    assertThat(rows).allSatisfy(r -> assertThat(r).containsKeys("subject", "messageId", "sentAt"));
    assertThat((String) rows.get(2).get("subject")).isEqualTo("[TLP:AMBER] " + ref + " triage result: tip rejected");
    assertThat(http.withBasicAuth("vera", "demo").getForEntity("/api/operations/" + ref + "/notices", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

}
