package org.takedown.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
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
import org.takedown.system.Hashes;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.HandoverStatus;
import org.takedown.assignment.NationalAssignmentService;

/** Emailed action links refuse every token that is not a fresh, untouched one for an open task. */
@TakedownTest
class ActionLinkTest {

  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;
  @Autowired TestRestTemplate http;
  @Autowired NationalAssignmentService assignments;
  @Autowired ActionLinks links;
  @Autowired JdbcTemplate jdbc;
  @Autowired java.time.Clock clock;

  record Links(String ref, String accept, String decline) {}

  private Links assignmentLinks(String country, String unitEmail) {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list(country)));
    MimeMessage request = MailBox.to(mail, unitEmail, ref).get(0);
    return new Links(ref, path(MailBox.link(request, "Accept the assignment")), path(MailBox.link(request, "Decline the assignment")));
  }

  private static String path(String url) {
    return URI.create(url).getRawPath();
  }

  private ResponseEntity<String> post(String path, Map<String, String> fields) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    fields.forEach(form::add);
    return http.postForEntity(path, new HttpEntity<>(form, headers), String.class);
  }

  private String nonce(String path) {
    return path.substring(path.lastIndexOf('/') + 1).split("\\.")[0];
  }

  @Test
  void getNeverChangesAnything() {
    Links l = assignmentLinks("FR", "ofac@fr.units.example");
    for (int i = 0; i < 3; i++) {
      assertThat(http.getForEntity(l.decline(), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(http.getForEntity(l.accept(), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }
    assertThat(assignments.get(l.ref(), "FR").getStatus()).isEqualTo(AssignmentStatus.REQUESTED);
    assertThat(jdbc.queryForObject("select count(*) from action_link where nonce in (?, ?) and used_at is null",
        Integer.class, nonce(l.accept()), nonce(l.decline()))).isEqualTo(2);
    assertThat(post(l.decline(), Map.of("note", "no capacity")).getStatusCode()).isEqualTo(HttpStatus.OK);
    driver.runJobs(l.ref());
    assertThat(assignments.get(l.ref(), "FR").getStatus()).isEqualTo(AssignmentStatus.DECLINED);
  }

  @Test
  void forgedTokensAreRefusedAndChangeNothing() {
    Links l = assignmentLinks("IT", "cnaipic@it.units.example");
    String signature = l.accept().substring(l.accept().lastIndexOf('.') + 1);
    String altered = l.accept().substring(0, l.accept().lastIndexOf('.') + 1) + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);
    // The accept link's signature on the decline link's nonce: another action of the same task.
    String swapped = l.decline().substring(0, l.decline().lastIndexOf('.') + 1) + signature;
    for (String forged : new String[] {altered, swapped, "/partner/actions/not-a-token", "/partner/actions/" + "0".repeat(32) + ".1.x"}) {
      ResponseEntity<String> shown = http.getForEntity(forged, String.class);
      assertThat(shown.getStatusCode()).as(forged).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(shown.getBody()).contains("This link is not valid");
      assertThat(post(forged, Map.of()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
    assertThat(assignments.get(l.ref(), "IT").getStatus()).isEqualTo(AssignmentStatus.REQUESTED);
  }

  @Test
  void expiredTokensAreRefused() {
    Links l = assignmentLinks("ES", "ucc@es.units.example");
    String nonce = nonce(l.accept());
    Instant past = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    jdbc.update("update action_link set expires_at = ? where nonce = ?", java.sql.Timestamp.from(past), nonce);
    Map<String, Object> link = jdbc.queryForMap("select process_instance_id, task_key, action from action_link where nonce = ?", nonce);
    // A correctly signed token whose time is up.
    String expired = "/partner/actions/" + nonce + "." + past.getEpochSecond() + "." + links.sign(nonce,
        (String) link.get("PROCESS_INSTANCE_ID"), (String) link.get("TASK_KEY"), (String) link.get("ACTION"), past.getEpochSecond());

    ResponseEntity<String> refused = post(expired, Map.of());
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.GONE);
    assertThat(refused.getBody()).as("Spain's unit reads Spanish").contains("Este enlace ha caducado");
    assertThat(assignments.get(l.ref(), "ES").getStatus()).isEqualTo(AssignmentStatus.REQUESTED);
  }

  @Test
  void aLinkWorksOnceAndWhoeverComesSecondIsToldItIsDone() {
    Links viaLink = assignmentLinks("AT", "c4@at.units.example");
    String task = driver.task(viaLink.ref(), "Task_RespondToAssignment", "AT").getId();
    ResponseEntity<String> withHash = post(viaLink.accept(), Map.of("sha256", "a".repeat(64)));
    assertThat(withHash.getStatusCode()).as("an answer that takes no hashes").isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(withHash.getBody()).contains("This answer takes no SHA-256 values");
    assertThat(post(viaLink.accept(), Map.of()).getStatusCode()).isEqualTo(HttpStatus.OK);
    // The same link pressed again (a double click, a reload): the answer stands, and the page says so.
    ResponseEntity<String> reused = post(viaLink.accept(), Map.of());
    assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(reused.getBody()).contains("Thank you", "Your answer is recorded", "Accept the assignment", "recorded once")
        .doesNotContain("Nothing was changed");
    // The other answer of the same email afterwards: already answered, and with what.
    ResponseEntity<String> other = post(viaLink.decline(), Map.of());
    assertThat(other.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(other.getBody()).contains("This task is already done", "already been answered with \u201cAccept the assignment\u201d", "Nothing was changed");
    // Opening the used link again shows what it recorded.
    assertThat(http.getForEntity(viaLink.accept(), String.class).getBody())
        .contains("This link has already been used", "Your answer \u201cAccept the assignment\u201d was recorded on ");
    // Pressed again long after its use (not a double click): a used link, 409, nothing changed.
    jdbc.update("update action_link set used_at = ? where used_at is not null and nonce = ?",
        java.sql.Timestamp.from(clock.instant().minus(ActionLinks.PRESSED_AGAIN).minusSeconds(1)), nonce(viaLink.accept()));
    ResponseEntity<String> later = post(viaLink.accept(), Map.of());
    assertThat(later.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(later.getBody()).contains("This link has already been used", "Nothing was changed");
    // Tasklist second: the task is gone.
    ResponseEntity<Map> tasklist = http.withBasicAuth(driver.officer("AT"), "demo")
        .postForEntity("/engine-rest/task/" + task + "/complete", Map.of("variables", Map.of()), Map.class);
    assertThat(tasklist.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(tasklist.getBody().get("title")).isEqualTo("Task already done");

    // Tasklist first: the link is then told the task is done, and changes nothing.
    Links viaTasklist = assignmentLinks("BE", "fccu@be.units.example");
    driver.complete(driver.officer("BE"), viaTasklist.ref(), "Task_RespondToAssignment", "BE", vars("assignmentResponse", "DECLINE"));
    ResponseEntity<String> late = post(viaTasklist.accept(), Map.of());
    assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(late.getBody()).as("Belgium's unit reads French").contains("Cette tâche est déjà accomplie");
    assertThat(assignments.get(viaTasklist.ref(), "BE").getStatus()).isEqualTo(AssignmentStatus.DECLINED);
  }

  @Test
  void aLinkPressedBeforeItsTaskExistsSaysNotYetAndChangesNothing() {
    // The unit is ahead of its own task: the mail left while the sending step was still committing.
    Links l = assignmentLinks("SE", "it-brott@se.units.example");
    String instance = driver.task(l.ref(), "Task_RespondToAssignment", "SE").getProcessInstanceId();
    String early = path(links.issue(driver.operation(l.ref()), instance, PartnerAction.CONFIRM_RECEIPT, "it-brott@se.units.example"));

    ResponseEntity<String> shown = http.getForEntity(early, String.class);
    ResponseEntity<String> pressed = post(early, Map.of());

    assertThat(shown.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(pressed.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(pressed.getBody()).contains("Please open the link again in a minute", "Nothing was changed").doesNotContain("already done");
    assertThat(jdbc.queryForObject("select used_at from action_link where nonce = ?", java.sql.Timestamp.class, nonce(early)))
        .as("the link still works once its task exists").isNull();
    assertThat(assignments.get(l.ref(), "SE").getStatus()).isEqualTo(AssignmentStatus.REQUESTED);
  }

  @Test
  void aNewerEmailReplacesTheLinksOfTheSameTask() {
    Links first = assignmentLinks("PL", "cbzc@pl.units.example");
    assertThat(driver.fireTimers(first.ref(), "Timer_AssignmentReminder")).isEqualTo(1);
    MimeMessage reminder = MailBox.to(mail, "cbzc@pl.units.example", first.ref()).stream()
        .filter(m -> MailBox.everything(m).contains("Reminder")).findFirst().orElseThrow();

    ResponseEntity<String> old = post(first.accept(), Map.of());
    assertThat(old.getStatusCode()).isEqualTo(HttpStatus.GONE);
    assertThat(old.getBody()).contains("replaced");
    assertThat(post(path(MailBox.link(reminder, "Accept the assignment")), Map.of()).getStatusCode()).isEqualTo(HttpStatus.OK);
    driver.runJobs(first.ref());
    assertThat(assignments.get(first.ref(), "PL").getStatus()).isEqualTo(AssignmentStatus.ACCEPTED);
  }

  @Test
  void aUnitThatDeclinedIsToldItsAnswerOnceTheTaskWentToTheAlternateUnit() {
    Links first = assignmentLinks("NL", "thtc@nl.units.example");
    assertThat(post(first.decline(), Map.of("note", "no capacity")).getStatusCode()).isEqualTo(HttpStatus.OK);
    driver.runJobs(first.ref());
    driver.complete("cora", first.ref(), "Task_ResolveAssignment", "NL", vars("escalationDecision", "REASSIGN"));

    // Its Accept link was revoked when the alternate unit was mailed; the newer email went to someone else.
    ResponseEntity<String> accept = post(first.accept(), Map.of());
    assertThat(accept.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(accept.getBody()).contains("already been answered with \u201cDecline the assignment\u201d", "Nothing was changed")
        .doesNotContain("newer email");
  }

  @Test
  void receiptConfirmationFromTheLinkChecksTheHashes() {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("RO")));
    driver.complete(driver.officer("RO"), ref, "Task_RespondToAssignment", "RO", vars("assignmentResponse", "ACCEPT"));
    driver.complete("cora", ref, "Task_PrepareEvidencePackage", "RO", vars("evidenceItems", ProcessDriver.evidencePackage(driver.registerEvidence(ref, "Server image"))));
    MimeMessage handover = MailBox.to(mail, "sccc@ro.units.example", ref).stream()
        .filter(m -> "EVIDENCE_HANDOVER".equals(MailBox.kind(m))).findFirst().orElseThrow();
    assertThat(MailBox.everything(handover)).contains("E1");
    String confirm = path(MailBox.link(handover, "Confirm receipt of the evidence"));

    ResponseEntity<String> wrong = post(confirm, Map.of("sha256", "not-a-hash"));
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(wrong.getBody()).contains("The SHA-256 for &#39;E1&#39; must be 64 hexadecimal characters (0-9, a-f).")
        .doesNotContain("Task_ConfirmReceipt", "reportedSha256");
    assertThat(assignments.get(ref, "RO").getHandoverStatus()).isEqualTo(HandoverStatus.HANDED_OVER);

    ResponseEntity<String> ok = post(confirm, Map.of("sha256", Hashes.sha256("Server image").toUpperCase()));
    assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
    driver.runJobs(ref);
    assertThat(assignments.get(ref, "RO").getHandoverStatus()).isEqualTo(HandoverStatus.RECEIVED);
  }
}
