package org.takedown.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.takedown.system.Hashes;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;

/** The documents of an operation as the steps produce them, listed, downloaded and mailed. */
@TakedownTest
class DocumentApiTest {

  @Autowired ProcessDriver driver;
  @Autowired TestRestTemplate http;
  @Autowired GreenMail mail;

  private List<Map<String, Object>> documents(String ref) {
    ResponseEntity<List> listed = http.withBasicAuth("cora", "demo").getForEntity("/api/operations/" + ref + "/documents", List.class);
    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    return listed.getBody();
  }

  private static List<Part> attachments(Part part) throws Exception {
    List<Part> found = new ArrayList<>();
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        found.addAll(attachments(multipart.getBodyPart(i)));
      }
    } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      found.add(part);
    }
    return found;
  }

  @Test
  void stepsProduceVersionedDocumentsThatDownloadWithTheirHash() throws Exception {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("DE")));
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "DECLINE"));
    driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "REASSIGN"));

    List<Map<String, Object>> listed = documents(ref);
    assertThat(listed).extracting(d -> d.get("kind") + " " + d.get("country") + " v" + d.get("version"))
        .containsExactly("ASSIGNMENT_BRIEF DE v1", "ASSIGNMENT_BRIEF DE v2", "LEGAL_MEMO null v1", "OPERATION_BRIEFING null v1",
            "RESULTS_LIST DE v1", "RESULTS_LIST DE v2");

    Map<String, Object> brief = listed.get(1);
    ResponseEntity<byte[]> download = http.withBasicAuth("cora", "demo").getForEntity((String) brief.get("href"), byte[].class);
    assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(download.getHeaders().getContentType()).hasToString(WordDocuments.CONTENT_TYPE);
    assertThat(download.getHeaders().getContentDisposition().getFilename()).isEqualTo(ref + "-national-assignment-brief-DE-v2.docx");
    assertThat(Hashes.sha256(download.getBody())).isEqualTo(brief.get("sha256")).isEqualTo(download.getHeaders().getFirst("X-Content-SHA256"));
    try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(download.getBody()))) {
      String text = WordDocumentsTest.allText(document);
      assertThat(text).contains(ref, "Germany", "Landeskriminalamt Berlin – Cybercrime", "198.51.100.1", "TLP:AMBER").doesNotContain("{{");
    }

    // The alternate unit's request carries its brief and its results list.
    MimeMessage request = MailBox.to(mail, "cyber@berlin.de.units.example", ref).get(0);
    assertThat(attachments(request)).satisfiesExactly(part -> {
      assertThat(part.getFileName()).isEqualTo(ref + "-national-assignment-brief-DE-v2.docx");
      assertThat(part.getContentType()).startsWith(WordDocuments.CONTENT_TYPE);
    }, part -> {
      assertThat(part.getFileName()).isEqualTo(ref + "-results-list-DE-v2.xlsx");
      assertThat(part.getContentType()).startsWith(ExcelTracker.CONTENT_TYPE);
    });

    assertThat(http.withBasicAuth("vera", "demo").getForEntity("/api/operations/" + ref + "/documents", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("cora", "demo").getForEntity("/api/operations/" + ref + "/documents/999999", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void nothingIsAttachedAtTlpRed() throws Exception {
    String ref = driver.openForLegalReview(tip("TLP:RED", list("FR")));
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "basis", "releaseTlp", "TLP:RED"));
    driver.complete("leon", ref, "Task_SecondLegalApproval", vars("legalDecision", "APPROVE", "legalBasis", "basis"));

    assertThat(documents(ref)).extracting(d -> d.get("kind") + " " + d.get("tlp")).contains("ASSIGNMENT_BRIEF TLP:RED");
    for (MimeMessage message : MailBox.about(mail, ref)) {
      assertThat(attachments(message)).isEmpty();
    }
  }

  @Test
  void coordinatorsAskingForTheTrackerAtOnceGetAVersionEach() throws Exception {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<ResponseEntity<Map>>> asked = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        asked.add(pool.submit(() -> http.withBasicAuth("cora", "demo").postForEntity("/api/operations/" + ref + "/documents/tracker", null, Map.class)));
      }
      List<Object> versions = new ArrayList<>();
      for (Future<ResponseEntity<Map>> answer : asked) {
        assertThat(answer.get().getStatusCode()).isEqualTo(HttpStatus.CREATED);
        versions.add(answer.get().getBody().get("version"));
      }
      assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    } finally {
      pool.shutdownNow();
    }
    assertThat(documents(ref)).filteredOn(d -> "TRACKER".equals(d.get("kind"))).extracting(d -> d.get("fileName"))
        .doesNotHaveDuplicates().hasSize(6).contains(ref + "-operation-tracker-v6.xlsx");
  }
}
