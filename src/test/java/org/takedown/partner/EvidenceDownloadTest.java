package org.takedown.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.MailBox;
import org.takedown.MovableClock;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.evidence.CustodyEvent;
import org.takedown.evidence.CustodyEventType;
import org.takedown.evidence.CustodyLog;
import org.takedown.evidence.CustodyVerifier;
import org.takedown.evidence.EvidenceItem;
import org.takedown.evidence.EvidenceRegister;
import org.takedown.evidence.EvidenceStore;
import org.takedown.system.Hashes;
import org.takedown.system.Tlp;

/** The unit's download link: mailed instead of the evidence, opens once, expires, and every file served is in custody. */
@TakedownTest
class EvidenceDownloadTest {

  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;
  @Autowired EvidenceRegister register;
  @Autowired EvidenceStore store;
  @Autowired CustodyLog custody;
  @Autowired CustodyVerifier verifier;
  @Autowired TransactionTemplate transaction;
  @Autowired DownloadLinkRepository repository;
  @LocalServerPort int port;

  @Test
  void theMailedLinkOpensOnceAndEveryFileServedIsRecordedInCustody() throws Exception {
    EvidencePackages handover = EvidencePackages.handedOver(driver, register, store, transaction, "NL");
    String ref = handover.reference();
    MimeMessage message = MailBox.to(mail, "thtc@nl.units.example", ref).stream()
        .filter(m -> "EVIDENCE_HANDOVER".equals(MailBox.kind(m))).findFirst().orElseThrow();
    String text = MailBox.text(message, "text/plain");
    assertThat(text).contains("TLP:AMBER – Recipient's organisation and its clients, on a need-to-know basis.",
        "- E1 – Sinkhole log of the C2 domains (Log, ", "- E3 – Disk image of the C2 server (Disk image, 550 GB (549,755,813,888 bytes))",
        "This email does not carry the evidence.", "The link works once, until ");
    assertThat(attachments(message)).as("the evidence is never attached").isEmpty();
    String link = MailBox.link(message, "Download the evidence package");
    assertThat(MailBox.text(message, "text/html")).contains(link);

    HttpClient unit = client();
    // A mail scanner, or the unit, opening the link only sees the package: nothing is claimed or served yet.
    HttpResponse<String> page = unit.send(get(link), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(ref, "Team High Tech Crime", "TLP:AMBER", handover.items().get(0).getSha256(),
        "Forensic lab Wiesbaden, locker 12", "Open the package for download").doesNotContain("/files/");
    assertThat(unit.send(get(link + "/files/E1"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);

    HttpResponse<String> opened = unit.send(post(link), HttpResponse.BodyHandlers.ofString());
    assertThat(opened.statusCode()).isEqualTo(302);
    assertThat(opened.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly", "SameSite=Lax");
    page = unit.send(get(link), HttpResponse.BodyHandlers.ofString());
    assertThat(page.body()).contains("Download E1", "Download E2", "Download all (zip)", "Confirm receipt of the evidence")
        .doesNotContain("Download E3");

    HttpResponse<Void> head = unit.send(HttpRequest.newBuilder(local(link + "/files/E1")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(handover.items().get(0).getSizeBytes());
    assertThat(downloads(handover.items().get(0))).as("asking the size downloads nothing").isEmpty();
    HttpResponse<byte[]> file = unit.send(get(link + "/files/E1"), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).contains("E1-sinkhole.log");
    assertThat(Hashes.sha256(file.body())).isEqualTo(handover.items().get(0).getSha256());

    HttpResponse<byte[]> zip = unit.send(get(link + "/package.zip"), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(zip.statusCode()).isEqualTo(200);
    Map<String, String> zipped = unzipHashes(zip.body());
    assertThat(zipped).containsEntry("E1-sinkhole.log", handover.items().get(0).getSha256())
        .containsEntry("E2-loader.bin", handover.items().get(1).getSha256()).containsKey("SHA256SUMS").hasSize(3);

    List<CustodyEvent> e1 = downloads(handover.items().get(0));
    assertThat(e1).hasSize(2).allSatisfy(entry -> {
      assertThat(entry.getActor()).isEqualTo("Team High Tech Crime (Netherlands)");
      assertThat(entry.getToParty()).isEqualTo("Team High Tech Crime");
      assertThat(entry.getLocation()).isEqualTo("127.0.0.1");
      assertThat(entry.getCountry()).isEqualTo("NL");
    });
    assertThat(e1).extracting(CustodyEvent::getDetail).anyMatch(d -> d.startsWith("Served as the file 'E1-sinkhole.log'"))
        .anyMatch(d -> d.startsWith("Served in the zip of the package"));
    assertThat(downloads(handover.items().get(1))).hasSize(1);
    assertThat(downloads(handover.items().get(2))).as("an item held elsewhere is never served").isEmpty();
    assertThat(verifier.verify(ref).breaks()).isEmpty();

    // Anyone else opening the link now is told plainly that it was used, and from where.
    HttpClient other = client();
    HttpResponse<String> used = other.send(get(link), HttpResponse.BodyHandlers.ofString());
    assertThat(used.statusCode()).isEqualTo(410);
    assertThat(used.body()).contains("This download link has already been used", "It was opened on ", "coordinators")
        .doesNotContain("127.0.0.1");
    assertThat(other.send(post(link), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(410);
    assertThat(other.send(get(link + "/files/E1"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(410);
    assertThat(downloads(handover.items().get(0))).hasSize(2);

    // A reminder carries no new link once the package was opened, and says so.
    driver.fireTimers(ref, "Timer_ReceiptReminder");
    MimeMessage reminder = MailBox.to(mail, "thtc@nl.units.example", ref).stream()
        .filter(m -> MailBox.everything(m).contains("Reminder to")).findFirst().orElseThrow();
    assertThat(MailBox.text(reminder, "text/plain")).contains("The package's download link has been opened.")
        .doesNotContain("Download the evidence package:");

    // A stored file altered since: the unit's download is refused with the links' plain page, and the coordinators are alerted.
    java.nio.file.Path stored = store.path(handover.items().get(1).getSha256());
    byte[] bytes = java.nio.file.Files.readAllBytes(stored);
    bytes[0] ^= 1;
    java.nio.file.Files.write(stored, bytes);
    for (String path : List.of("/files/E2", "/package.zip")) {
      HttpResponse<String> altered = unit.send(get(link + path), HttpResponse.BodyHandlers.ofString());
      assertThat(altered.statusCode()).as(path).isEqualTo(503);
      assertThat(altered.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      assertThat(altered.body()).contains("Item E2 in the evidence store does not match its registered SHA-256").doesNotContain("Exception");
    }
    assertThat(driver.engine().getRuntimeService().createIncidentQuery().processInstanceId(driver.process(ref).getId())
        .incidentType("custodyBreak").count()).isEqualTo(1);
  }

  @Test
  void anExpiredLinkSaysSoAndServesNothing() throws Exception {
    EvidencePackages handover = EvidencePackages.handedOver(driver, register, store, transaction, "BE");
    // Links issued eight days ago with the product's 7-day validity, by a clock the test moves.
    MovableClock clock = new MovableClock(Instant.now().minus(Duration.ofDays(8)));
    DownloadLinks past = new DownloadLinks(repository, register, custody, clock, Duration.ofDays(7), Duration.ofHours(8),
        "http://localhost:" + port);
    String instance = driver.called(handover.reference(), "evidence-handover", "BE").getId();
    DownloadLinks.Issued expired = transaction.execute(s -> past.issue(driver.operation(handover.reference()), instance, "BE",
        "Federal Computer Crime Unit", "fccu@be.units.example", Tlp.AMBER, List.of("E1", "E2")));
    DownloadLinks.Issued fresh = transaction.execute(s -> past.issue(driver.operation(handover.reference()), instance + "-other", "BE",
        "Federal Computer Crime Unit", "fccu@be.units.example", Tlp.AMBER, List.of("E1")));

    clock.advance(Duration.ofDays(7).minusSeconds(1));
    // Not a Spring bean, so the test gives it the transaction the bean opens itself.
    DownloadLink lastSecond = transaction.execute(s -> past.find(token(fresh.url())));
    past.checkOpenable(lastSecond);
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> past.checkOpenable(lastSecond)).isInstanceOfSatisfying(ActionLinks.LinkProblem.class,
        problem -> assertThat(problem.status()).isEqualTo(410));

    HttpClient unit = client();
    for (HttpResponse<String> reply : List.of(unit.send(get(expired.url()), HttpResponse.BodyHandlers.ofString()),
        unit.send(post(expired.url()), HttpResponse.BodyHandlers.ofString()))) {
      assertThat(reply.statusCode()).isEqualTo(410);
      // Belgium's unit reads French.
      assertThat(reply.body()).contains("Ce lien de téléchargement a expiré", "Demandez un nouveau lien aux coordinateurs")
          .doesNotContain("Exception", "Whitelabel", "Task_");
    }
    assertThat(unit.cookieHandler().orElseThrow().get(URI.create(expired.url()), Map.of()).get("Cookie")).isEmpty();
    assertThat(downloads(handover.items().get(0))).isEmpty();

    // While the unit has not opened its link, a reminder carries a fresh one, which replaces the mailed one.
    // Belgium's unit reads French: its mails are found by their kind.
    String mailed = MailBox.link(MailBox.to(mail, "fccu@be.units.example", handover.reference()).stream()
        .filter(m -> "EVIDENCE_HANDOVER".equals(MailBox.kind(m))).findFirst().orElseThrow(), "Download the evidence package");
    driver.fireTimers(handover.reference(), "Timer_ReceiptReminder");
    MimeMessage reminder = MailBox.to(mail, "fccu@be.units.example", handover.reference()).stream()
        .filter(m -> "RECEIPT_REMINDER".equals(MailBox.kind(m))).findFirst().orElseThrow();
    String renewed = MailBox.link(reminder, "Download the evidence package");
    assertThat(renewed).isNotEqualTo(mailed);
    HttpResponse<String> replaced = unit.send(get(mailed), HttpResponse.BodyHandlers.ofString());
    assertThat(replaced.statusCode()).isEqualTo(410);
    assertThat(replaced.body()).contains("Ce lien de téléchargement a été remplacé");
    assertThat(unit.send(get(renewed), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  @Test
  void garbledOrUnknownTokensGetAPlainPage() throws Exception {
    HttpClient unit = client();
    String base = "http://localhost:" + port + "/partner/evidence/";
    for (String path : List.of("garbled", "A".repeat(43), "A".repeat(43) + "/files/E1", "A".repeat(43) + "/package.zip", "%2e%2e%2fadmin")) {
      HttpResponse<String> reply = unit.send(get(base + path), HttpResponse.BodyHandlers.ofString());
      assertThat(reply.statusCode()).as(path).isIn(400, 404);
      assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      assertThat(reply.body()).doesNotContain("Exception", "Whitelabel", "org.takedown", "trace");
    }
    HttpResponse<String> unknown = unit.send(post(base + "B".repeat(43)), HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("This link is not valid");
  }

  private List<CustodyEvent> downloads(EvidenceItem item) {
    return custody.chain(item).stream().filter(e -> e.getType() == CustodyEventType.DOWNLOADED).toList();
  }

  private static String token(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private HttpClient client() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  private HttpRequest get(String url) {
    return HttpRequest.newBuilder(local(url)).GET().build();
  }

  private HttpRequest post(String url) {
    return HttpRequest.newBuilder(local(url)).POST(HttpRequest.BodyPublishers.noBody())
        .header("Content-Type", "application/x-www-form-urlencoded").build();
  }

  /** The mailed address, on the test server's port. */
  private URI local(String url) {
    return URI.create("http://localhost:" + port + URI.create(url).getRawPath());
  }

  static Map<String, String> unzipHashes(byte[] zip) throws IOException {
    Map<String, String> hashes = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        hashes.put(entry.getName(), Hashes.sha256(in.readAllBytes()));
      }
    }
    return hashes;
  }

  static List<Part> attachments(Part part) throws Exception {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      List<Part> found = new java.util.ArrayList<>();
      for (int i = 0; i < multipart.getCount(); i++) {
        found.addAll(attachments(multipart.getBodyPart(i)));
      }
      return found;
    }
    return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null ? List.of(part) : List.of();
  }
}
