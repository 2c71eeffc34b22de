package org.takedown.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.system.Hashes;

/** The coordinators are told, by email, when a unit accepts, declines, confirms receipt or reports it missing. */
@TakedownTest
class UnitAnswerNoticeTest {

  static final String CORA = "cora@takedown.example";

  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;
  @Autowired TestRestTemplate http;
  @Autowired NoticeRepository notices;
  @Autowired NoticeDelivery delivery;

  private void post(String link, String field, String value) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    if (field != null) {
      form.add(field, value);
    }
    assertThat(http.postForEntity(URI.create(link).getRawPath(), new HttpEntity<>(form, headers), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  /** Runs the recording step, then delivers what it recorded as the model's "Send …" step does. */
  private MimeMessage toCora(String ref, NoticeKind kind, String subjectPart) {
    driver.runJobs(ref);
    notices.findByOperationReferenceOrderByCreatedAtAscIdAsc(ref).stream().filter(n -> n.getKind() == kind)
        .forEach(n -> delivery.deliver(n.getId()));
    return MailBox.to(mail, CORA, ref).stream().filter(m -> {
      try {
        return m.getSubject().contains(subjectPart);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).findFirst().orElseThrow(() -> new AssertionError("no notice to " + CORA + " saying '" + subjectPart + "'"));
  }

  @Test
  void theAssignmentRequestSaysByWhenToAnswer() throws Exception {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("AT")));
    MimeMessage request = MailBox.to(mail, "c4@at.units.example", ref).get(0);
    Instant due = driver.task(ref, "Task_RespondToAssignment", "AT").getDueDate().toInstant();
    for (String type : List.of("text/plain", "text/html")) {
      Matcher line = Pattern.compile("Please answer by (?:<strong>)?(\\d{1,2} [A-Z][a-z]+ \\d{4}, \\d{2}:\\d{2}) UTC(?:</strong>)?\\.")
          .matcher(MailBox.text(request, type));
      assertThat(line.find()).as("deadline line in %s", type).isTrue();
      Instant stated = LocalDateTime.parse(line.group(1), DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.ENGLISH)).toInstant(ZoneOffset.UTC);
      // The request is recorded a moment before the task opens: the same deadline, to the minute.
      assertThat(Duration.between(stated, due).abs()).isLessThan(Duration.ofMinutes(2));
    }
    assertThat(MailBox.text(request, "text/plain")).doesNotContain("Tasklist");
  }

  @Test
  void acceptanceWithItsNoteThenReceiptWithTheHashes() throws Exception {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("FR")));
    MimeMessage request = MailBox.to(mail, "ofac@fr.units.example", ref).get(0);
    post(MailBox.link(request, "Accept the assignment"), "note", "We take it; contact Capt. Martin.");

    MimeMessage accepted = toCora(ref, NoticeKind.ASSIGNMENT_ANSWER, "accepts");
    assertThat(accepted.getSubject()).isEqualTo("[TLP:AMBER] " + ref + " Office anti-cybercriminalité (OFAC) accepts the assignment for France");
    assertThat(MailBox.text(accepted, "text/plain")).contains("Office anti-cybercriminalité (OFAC) has accepted the assignment for France",
        "Their note: We take it; contact Capt. Martin.").doesNotContain("reassign");
    assertThat(MailBox.text(accepted, "text/html")).contains("accepted", "France", "We take it; contact Capt. Martin.").doesNotContain("reassign");

    driver.complete("cora", ref, "Task_PrepareEvidencePackage", "FR", vars("evidenceItems", ProcessDriver.evidencePackage(driver.registerEvidence(ref, "Disk image"))));
    MimeMessage handover = MailBox.to(mail, "ofac@fr.units.example", ref).stream()
        .filter(m -> "EVIDENCE_HANDOVER".equals(MailBox.kind(m))).findFirst().orElseThrow();
    post(MailBox.link(handover, "Confirm receipt of the evidence"), "sha256", Hashes.sha256("Disk image"));

    MimeMessage receipt = toCora(ref, NoticeKind.RECEIPT_ANSWER, "confirms receipt");
    assertThat(MailBox.text(receipt, "text/plain")).contains("has confirmed receipt of the evidence for France",
        "E1: " + Hashes.sha256("Disk image"));
    assertThat(MailBox.text(receipt, "text/html")).contains("has confirmed receipt of the evidence for", "E1", Hashes.sha256("Disk image"));
  }

  @Test
  void declineAndEvidenceNotReceived() throws Exception {
    String ref = driver.approveForAssignment(tip("TLP:GREEN", list("IT")));
    post(MailBox.link(MailBox.to(mail, "cnaipic@it.units.example", ref).get(0), "Decline the assignment"), "note", "No capacity <b>now</b>");
    MimeMessage declined = toCora(ref, NoticeKind.ASSIGNMENT_ANSWER, "declines");
    assertThat(MailBox.text(declined, "text/plain")).contains("has declined the assignment for Italy", "Their note: No capacity <b>now</b>",
        "reassign to the alternate unit, or drop the country");
    assertThat(MailBox.text(declined, "text/html")).contains("declined", "Italy", "No capacity &lt;b&gt;now&lt;/b&gt;");

    String other = driver.approveForAssignment(tip("TLP:GREEN", list("BE")));
    post(MailBox.link(MailBox.to(mail, "fccu@be.units.example", other).get(0), "Accept the assignment"), null, null);
    driver.runJobs(other);
    ref = other;
    driver.complete("cora", ref, "Task_PrepareEvidencePackage", "BE", vars("evidenceItems", ProcessDriver.evidencePackage(driver.registerEvidence(ref, "Server image"))));
    MimeMessage handover = MailBox.to(mail, "fccu@be.units.example", ref).stream()
        .filter(m -> "EVIDENCE_HANDOVER".equals(MailBox.kind(m))).findFirst().orElseThrow();
    post(MailBox.link(handover, "Report that the evidence did not arrive"), null, null);
    MimeMessage missing = toCora(ref, NoticeKind.RECEIPT_ANSWER, "did not arrive");
    assertThat(MailBox.text(missing, "text/plain")).contains("reports that the evidence for Belgium", "did not arrive",
        "Prepare the package again");
  }
}
