package org.takedown.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.evidencePackage;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.dossier.PageClient;

/**
 * An item's custody status follows the units' receipts, read from its custody entries (which are only ever appended):
 * the API's register, the operation page's evidence table and the custody report say the same.
 */
@TakedownTest
class CustodyStatusTest {

  private static final String WRONG = "0123456789abcdef".repeat(4);

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired TestRestTemplate http;
  @Autowired EvidenceRegister register;
  @Autowired CustodyLog custody;
  @Autowired CustodyVerifier verifier;

  @Test
  void theStatusNamesTheCountriesThatConfirmedAndReadsReceivedOnceAllDid() throws Exception {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("DE", "NL")));
    for (String country : List.of("DE", "NL")) {
      driver.complete(driver.officer(country), ref, "Task_RespondToAssignment", country, vars("assignmentResponse", "ACCEPT"));
    }
    List<String> items = driver.registerEvidence(ref, "Disk image of the C2 server");
    for (String country : List.of("DE", "NL")) {
      driver.complete("cora", ref, "Task_PrepareEvidencePackage", country, vars("evidenceItems", evidencePackage(items)));
    }
    driver.runJobs(ref);
    assertThat(shown(ref)).containsExactly("RELEASED", "Released", "Released", "Released");

    driver.complete(driver.officer("DE"), ref, "Task_ConfirmReceipt", "DE", vars("receiptConfirmed", true,
        "reportedSha256", driver.matchingHashes(ref, items)));
    String partly = "Received by Germany; awaiting the Netherlands";
    assertThat(shown(ref)).containsExactly("RELEASED", partly, partly, partly);

    // The Netherlands' unit reports another hash: the item is quarantined there, whatever Germany holds.
    driver.complete(driver.officer("NL"), ref, "Task_ConfirmReceipt", "NL", vars("receiptConfirmed", true, "reportedSha256", "E1: " + WRONG));
    assertThat(shown(ref)).containsExactly("QUARANTINED", "Quarantined (Netherlands)", "Quarantined (Netherlands)",
        "Quarantined (Netherlands)");

    driver.complete("cora", ref, "Task_DecideQuarantine", vars("quarantineDecision", "RESEND", "quarantineReason", "Download was cut off"));
    driver.runJobs(ref);
    assertThat(shown(ref).get(1)).isEqualTo(partly);
    driver.complete(driver.officer("NL"), ref, "Task_ConfirmReceipt", "NL", vars("receiptConfirmed", true,
        "reportedSha256", driver.matchingHashes(ref, items)));
    assertThat(shown(ref)).containsExactly("RECEIVED", "Received", "Received", "Received");

    // Nothing was rewritten: the chain only grew, and it still verifies.
    EvidenceItem item = register.item(ref, 1);
    assertThat(item.getCustodyStatus()).isEqualTo(CustodyStatus.RECEIVED);
    assertThat(custody.chain(item)).extracting(e -> e.getType() + " " + (e.getCountry() == null ? "" : e.getCountry()))
        .containsExactly("REGISTERED ", "PACKAGED DE", "RELEASED DE", "PACKAGED NL", "RELEASED NL", "RECEIVED DE", "RECEIVED NL",
            "QUARANTINED NL", "RESENT NL", "RECEIVED NL");
    assertThat(verifier.verify(ref).ok()).isTrue();
    assertThat(custodyReport(ref)).contains("Received (10 entries)");
  }

  /** [the API's custodyStatus, its label, the operation page's custody cell without its entry count, the custody report's label] of E1. */
  @SuppressWarnings("unchecked")
  private List<String> shown(String ref) {
    List<Map<String, Object>> listed = http.withBasicAuth("cora", "demo").getForObject("/api/operations/" + ref + "/evidence", List.class);
    String page = Jsoup.parse(PageClient.signIn(port, "cora").get("/operations/" + ref).body())
        .select("#evidence tbody tr").get(0).select("td").get(5).text().replaceFirst(" \\(\\d+ entries\\)$", "");
    Map<String, Object> report = http.withBasicAuth("cora", "demo").getForObject("/api/operations/" + ref + "/custody", Map.class);
    Map<String, Object> reported = (Map<String, Object>) ((List<Map<String, Object>>) report.get("items")).get(0).get("item");
    return List.of((String) listed.get(0).get("custodyStatus"), (String) listed.get(0).get("custodyStatusLabel"), page,
        (String) reported.get("custodyStatusLabel"));
  }

  private String custodyReport(String ref) throws Exception {
    Map<?, ?> created = http.withBasicAuth("cora", "demo").postForObject("/api/operations/" + ref + "/documents/custody-report", null, Map.class);
    byte[] docx = http.withBasicAuth("cora", "demo").getForObject((String) created.get("href"), byte[].class);
    java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/documents"));
    java.nio.file.Files.write(java.nio.file.Path.of("target/documents", (String) created.get("fileName")), docx);
    try (XWPFWordExtractor text = new XWPFWordExtractor(new XWPFDocument(new ByteArrayInputStream(docx)))) {
      return text.getText();
    }
  }
}
