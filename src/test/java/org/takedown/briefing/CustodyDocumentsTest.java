package org.takedown.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.evidence.CustodyEntry;
import org.takedown.evidence.CustodyEventType;
import org.takedown.evidence.CustodyLog;
import org.takedown.evidence.EvidenceFacts;
import org.takedown.evidence.EvidenceRegister;
import org.takedown.evidence.EvidenceStore;
import org.takedown.evidence.EvidenceType;
import org.takedown.system.Hashes;

/** The custody report (Word, on request) and the tracker's Evidence sheet show the register, its hashes and custody. */
@TakedownTest
class CustodyDocumentsTest {

  @Autowired ProcessDriver driver;
  @Autowired TestRestTemplate http;
  @Autowired EvidenceRegister register;
  @Autowired EvidenceStore store;
  @Autowired CustodyLog custody;
  @Autowired TransactionTemplate transaction;

  @Test
  void theCustodyReportAndTheTrackerListEachItemWithItsHashAndChain() throws IOException {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    byte[] content = ("memory image " + ref + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    String description = "=HYPERLINK(\"http://evil.example\",\"open\") <b>memory</b> of srv-1";
    transaction.executeWithoutResult(s -> {
      try (EvidenceStore.Staged staged = store.stage(new ByteArrayInputStream(content), 1 << 20)) {
        var item = register.upload(ref, new EvidenceFacts(description, EvidenceType.MEMORY_IMAGE, null, "Vera Vendor",
            Instant.parse("2026-11-02T14:30:00Z"), "srv-1"), staged, null, "srv-1.mem", "cora", "10.0.0.7");
        custody.append(item, CustodyEntry.of(CustodyEventType.PACKAGED, "cora").purpose("Package for DE").country("DE"));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    String sha = Hashes.sha256(content);

    ResponseEntity<Map> created = http.withBasicAuth("cora", "demo").postForEntity("/api/operations/" + ref + "/documents/custody-report", null, Map.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.getBody().get("fileName")).isEqualTo(ref + "-custody-report-v1.docx");
    byte[] docx = http.withBasicAuth("lena", "demo").getForObject((String) created.getBody().get("href"), byte[].class);
    try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx))) {
      String text = WordDocumentsTest.allText(document);
      assertThat(text).contains("Custody report " + ref, "E1 · " + description, sha, "Memory image", "Registered", "Packaged",
          "Uploaded as 'srv-1.mem'", "OK: 1 item(s) and 2 custody entries recomputed", "None: every chain recomputes")
          .doesNotContain("{{", "[seq]", "[label]");
      assertThat(document.getHeaderList().get(0).getText()).contains("TLP:AMBER");
      assertThat(document.getFooterList().get(0).getText()).contains(ref, "Custody report");
      // The chain table: a header and one row per entry, each with its entry hash.
      assertThat(document.getTables().get(document.getTables().size() - 1).getRows()).hasSize(3);
    }

    ResponseEntity<Map> tracker = http.withBasicAuth("cora", "demo").postForEntity("/api/operations/" + ref + "/documents/tracker", null, Map.class);
    byte[] xlsx = http.withBasicAuth("cora", "demo").getForObject((String) tracker.getBody().get("href"), byte[].class);
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet evidence = workbook.getSheet("Evidence");
      List<String> cells = new ArrayList<>();
      Row row = evidence.getRow(1);
      row.forEach(cell -> cells.add(cell.getStringCellValue()));
      assertThat(cells).containsExactly("", "", "E1", "not handed over", "", "", description, "Memory image", sha,
          Long.toString(content.length), "In custody", "");
      assertThat(row.getCell(6).getCellStyle().getQuotePrefixed()).as("partner text is never a formula").isTrue();
    }
  }
}
