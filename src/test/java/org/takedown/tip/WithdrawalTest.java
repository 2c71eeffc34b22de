package org.takedown.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.legal.InformationRequest;
import org.takedown.legal.InformationRequests;
import org.takedown.notice.Notice;
import org.takedown.notice.NoticeKind;
import org.takedown.notice.NoticeRepository;
import org.takedown.operation.Stage;

/**
 * A vendor withdraws its tip at every stage: the operation is WITHDRAWN at once, nothing that was
 * waiting goes on (notices, information requests, action links), and everyone who was mailed about
 * it gets a recall.
 */
@TakedownTest
class WithdrawalTest {

  @Autowired ProcessDriver driver;
  @Autowired TestRestTemplate http;
  @Autowired NoticeRepository notices;
  @Autowired InformationRequests requests;
  @Autowired ManagementService management;
  @Autowired GreenMail mail;

  @Test
  void atTriage() {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    withdraw(ref);
    assertThat(driver.openTasks(ref)).isEmpty();
    driver.runJobs(ref);
    // Every analyst of the vendor organisation (Aegis: vera and vince) was told of the tip, and is told of its recall.
    assertThat(recalled(ref)).containsExactly("vera@takedown.example", "vince@takedown.example");
  }

  @Test
  void duringLegalReviewClosesTheOpenInformationRequest() {
    String ref = driver.openForLegalReview(tip("TLP:AMBER", list("DE")));
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "REQUEST_INFO", "infoRequest", "Which hosting provider?"));
    assertThat(requests.list(ref)).extracting(InformationRequest::getStatus).containsExactly(InformationRequest.Status.OPEN);

    withdraw(ref);

    assertThat(requests.list(ref)).extracting(InformationRequest::getStatus).containsExactly(InformationRequest.Status.WITHDRAWN);
    driver.runJobs(ref);
    // Before a legal decision only the vendor's analysts and the legal officers (told that the review waits) were mailed.
    assertThat(recalled(ref)).containsExactly("lena@takedown.example", "leon@takedown.example", "vera@takedown.example",
        "vince@takedown.example");
  }

  @Test
  void duringNationalAssignmentCancelsWhatWasNotSentAndRevokesTheLinks() {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("DE", "FR")));
    MimeMessage request = MailBox.to(mail, "so4@de.units.example", ref).get(0);
    String accept = URI.create(MailBox.link(request, "Accept the assignment")).getRawPath();
    // A reminder recorded but not sent yet when the withdrawal arrives.
    String reminder = management.createJobQuery().timers().activityId("Timer_AssignmentReminder").list().stream()
        .filter(j -> j.getProcessInstanceId().equals(driver.called(ref, "national-assignment", "FR").getId())).findFirst().orElseThrow().getId();
    management.executeJob(reminder);
    management.executeJob(management.createJobQuery().activityId("Task_RecordAssignmentReminder")
        .processInstanceId(driver.called(ref, "national-assignment", "FR").getId()).singleResult().getId());
    assertThat(notices(ref, NoticeKind.ASSIGNMENT_REMINDER)).extracting(Notice::getStatus).containsExactly(Notice.Status.PENDING);

    withdraw(ref);

    assertThat(notices(ref, NoticeKind.ASSIGNMENT_REMINDER)).extracting(Notice::getStatus).containsExactly(Notice.Status.CANCELLED);
    ResponseEntity<String> page = http.postForEntity(accept, HttpEntity.EMPTY, String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.GONE);
    assertThat(page.getBody()).contains("This operation has been withdrawn", ref, "Nothing was changed");
    assertThat(http.getForEntity(accept, String.class).getBody()).contains("This operation has been withdrawn");

    driver.runJobs(ref);
    assertThat(notices(ref, NoticeKind.ASSIGNMENT_REMINDER)).extracting(Notice::getStatus).containsExactly(Notice.Status.CANCELLED);
    assertThat(recalled(ref)).contains("so4@de.units.example", "ofac@fr.units.example", "vera@takedown.example",
        "vince@takedown.example", "cora@takedown.example");
    MimeMessage recall = MailBox.to(mail, "so4@de.units.example", ref).stream()
        .filter(m -> "RECALL".equals(header(m))).findFirst().orElseThrow();
    assertThat(MailBox.everything(recall)).contains("the infrastructure moved");
  }

  @Test
  void duringEvidenceHandover() {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("NL")));
    driver.complete(driver.officer("NL"), ref, "Task_RespondToAssignment", "NL", vars("assignmentResponse", "ACCEPT"));
    driver.complete("cora", ref, "Task_PrepareEvidencePackage", "NL", vars("evidenceItems", ProcessDriver.evidencePackage(driver.registerEvidence(ref, "Disk image"))));
    MimeMessage handover = MailBox.to(mail, "thtc@nl.units.example", ref).stream()
        .filter(m -> "EVIDENCE_HANDOVER".equals(header(m))).findFirst().orElseThrow();
    String confirm = URI.create(MailBox.link(handover, "Confirm receipt of the evidence")).getRawPath();

    withdraw(ref);

    assertThat(http.postForEntity(confirm, HttpEntity.EMPTY, String.class).getStatusCode()).isEqualTo(HttpStatus.GONE);
    driver.runJobs(ref);
    assertThat(recalled(ref)).contains("thtc@nl.units.example");
    assertThat(driver.engine().getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(ref).count()).isZero();
    assertThat(driver.operation(ref).getOutcomeSummary()).isEqualTo("Withdrawn by the vendor: the infrastructure moved");
  }

  @Test
  void aSecondWithdrawalIsRefused() {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    withdraw(ref);
    ResponseEntity<String> again = http.withBasicAuth("vera", "demo").postForEntity("/api/operations/" + ref + "/withdrawal",
        java.util.Map.of("reason", "again"), String.class);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getBody()).contains("has already ended (WITHDRAWN)");
  }

  /** Withdraws as the vendor would, and checks what holds before any asynchronous step has run. */
  private void withdraw(String ref) {
    ResponseEntity<String> answer = http.withBasicAuth("vera", "demo").postForEntity("/api/operations/" + ref + "/withdrawal",
        java.util.Map.of("reason", "the infrastructure moved"), String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.WITHDRAWN);
    assertThat(notices.findByOperationReferenceOrderByCreatedAtAscIdAsc(ref))
        .noneMatch(n -> n.getStatus() == Notice.Status.PENDING && n.getKind() != NoticeKind.RECALL);
  }

  private List<Notice> notices(String ref, NoticeKind kind) {
    return notices.findByOperationReferenceOrderByCreatedAtAscIdAsc(ref).stream().filter(n -> n.getKind() == kind).toList();
  }

  /** Who the recall notices reached. */
  private List<String> recalled(String ref) {
    List<Notice> recalls = notices(ref, NoticeKind.RECALL);
    assertThat(recalls).allMatch(n -> n.getStatus() == Notice.Status.SENT);
    return recalls.stream().map(Notice::getRecipient).toList();
  }

  private static String header(MimeMessage message) {
    try {
      return message.getHeader("X-Takedown-Notice", null);
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
