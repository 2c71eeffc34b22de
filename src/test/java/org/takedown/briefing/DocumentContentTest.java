package org.takedown.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;

/**
 * What each document says, for an operation with distinctive values: a legal basis, two legal
 * officers (four eyes), three countries (DE reassigned to its alternate unit, AT answering by its
 * emailed link), and a vendor that did not agree to be named to national units.
 */
@TakedownTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentContentTest {

  static final String BASIS = "Art. 26 Europol Regulation, case file 4711";

  @Autowired ProcessDriver driver;
  @Autowired DocumentRepository documents;
  @Autowired DocumentService service;
  @Autowired org.takedown.assignment.NationalAssignmentService assignments;
  @Autowired TestRestTemplate http;

  String ref;
  List<String> items;

  @BeforeAll
  void runAnOperationToItsEnd() {
    Map<String, Object> tip = tip("TLP:RED", list("DE", "FR", "AT"));
    tip.put("vendor", "vera");
    ref = driver.openForLegalReview(tip);
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", BASIS, "releaseTlp", "TLP:AMBER"));
    driver.complete("leon", ref, "Task_SecondLegalApproval", vars("legalDecision", "APPROVE", "legalBasis", BASIS));
    driver.runJobs(ref);
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "DECLINE", "responseNote", "no capacity"));
    driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "REASSIGN"));
    driver.runJobs(ref);
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
    driver.complete(driver.officer("FR"), ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "ACCEPT"));
    // AT answers through its emailed link: nobody is signed in.
    driver.engine().getTaskService().complete(driver.task(ref, "Task_RespondToAssignment", "AT").getId(), vars("assignmentResponse", "ACCEPT"));
    driver.runJobs(ref);
    items = driver.registerEvidence(ref, "Disk image of srv-DE", "Disk image of srv-FR", "Disk image of srv-AT");
    List<String> countries = List.of("DE", "FR", "AT");
    for (int i = 0; i < countries.size(); i++) {
      driver.complete("cora", ref, "Task_PrepareEvidencePackage", countries.get(i), vars("evidenceItems", ProcessDriver.evidencePackage(List.of(items.get(i)))));
    }
    driver.runJobs(ref);
    for (int i = 0; i < countries.size(); i++) {
      // FR types its hash in capitals; it is the same hash.
      String hashes = driver.matchingHashes(ref, List.of(items.get(i)));
      driver.complete(driver.officer(countries.get(i)), ref, "Task_ConfirmReceipt", countries.get(i),
          vars("receiptConfirmed", true, "reportedSha256", countries.get(i).equals("FR") ? hashes.toUpperCase() : hashes));
      driver.completeResults(ref, countries.get(i));
    }
    driver.runJobs(ref);
    driver.complete("cora", ref, "Task_RecordOutcome", vars("outcomeSummary", "Seven servers seized",
        "outcomes", "{\"DE\":\"4 servers seized\",\"FR\":\"domain sinkholed\",\"AT\":\"2 servers seized\"}"));
    driver.runJobs(ref);
  }

  String word(DocumentKind kind, String country) throws Exception {
    Document document = documents.findFirstByOperationReferenceAndKindAndCountryOrderByVersionDesc(ref, kind, country).orElseThrow();
    Files.createDirectories(Path.of("target/documents"));
    Files.write(Path.of("target/documents", document.getFileName()), document.getContent());
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(document.getContent()))) {
      String text = WordDocumentsTest.allText(docx);
      assertThat(text).as(kind + " leaves no placeholder").doesNotContain("${", "{{", "}}", "[name]", "[activity]")
          .doesNotContainPattern("PT\\d");
      return text;
    }
  }

  @Test
  void theAssignmentBriefNamesTheLegalBasisAndHidesTheVendor() throws Exception {
    // France's unit reads French (its country's language); Germany's English.
    String text = word(DocumentKind.ASSIGNMENT_BRIEF, "FR");
    assertThat(text).contains("Base juridique\u00a0: " + BASIS, "Destinataire\u00a0: ", "France", "Source\u00a0: un partenaire du secteur privé")
        .doesNotContain("Aegis Threat Research", "vera");
    assertThat(word(DocumentKind.ASSIGNMENT_BRIEF, "DE")).contains("Legal basis: " + BASIS);
  }

  @Test
  void briefsShowIndicatorsNormalisedWithTheVendorsSpellingBeside() throws Exception {
    Map<String, Object> tip = tip("TLP:AMBER", list("FR"));
    tip.put("indicators", List.of(Map.of("type", "domain-name", "value", "Login-Secure.Example.ORG."),
        Map.of("type", "ipv4-addr", "value", "198.51.100.7")));
    String sent = driver.approveForAssignment(tip);
    Document brief = documents.findFirstByOperationReferenceAndKindAndCountryOrderByVersionDesc(sent, DocumentKind.ASSIGNMENT_BRIEF, "FR")
        .orElseThrow();
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(brief.getContent()))) {
      // France's unit reads French.
      assertThat(WordDocumentsTest.allText(docx)).contains("login-secure.example.org (reçu sous la forme Login-Secure.Example.ORG.)", "198.51.100.7")
          .doesNotContain("198.51.100.7 (reçu", "sent as");
    }
  }

  @Test
  void aTipWithAttributionNamesTheVendorToUnits() throws Exception {
    Map<String, Object> tip = tip("TLP:AMBER", list("FR"));
    tip.put("attribution", true);
    String attributed = driver.approveForAssignment(tip);
    Document brief = documents.findFirstByOperationReferenceAndKindAndCountryOrderByVersionDesc(attributed, DocumentKind.ASSIGNMENT_BRIEF, "FR")
        .orElseThrow();
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(brief.getContent()))) {
      assertThat(WordDocumentsTest.allText(docx)).contains("Source\u00a0: Aegis Threat Research")
          .doesNotContain("partenaire du secteur privé", "vera");
    }
  }

  @Test
  void theHandoverReceiptNamesTheUnitAndTheItemsAndHidesTheVendor() throws Exception {
    String text = word(DocumentKind.HANDOVER_RECEIPT, "DE");
    assertThat(text).contains("Released by: Fusion centre, for operation " + ref + "; coordinator cora",
        "Received by: Landeskriminalamt Berlin – Cybercrime", "Purpose: Takedown of operation " + ref + " in Germany",
        "E1", "Disk image of srv-DE", hash("E1"), "1.2 GB (1,200,000,020 bytes)", "Released by (fusion centre)",
        "Received by (Landeskriminalamt Berlin – Cybercrime)", "Signature:", "Source: a private-sector partner",
        "Legal basis: " + BASIS).doesNotContain("Aegis Threat Research", "vera");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theApiShowsTheItemsAndTheHashesEachUnitReported() {
    Map<String, Object> operation = http.withBasicAuth("cora", "demo").getForObject("/api/operations/" + ref, Map.class);
    Map<String, List<Map<String, Object>>> evidence = new java.util.HashMap<>();
    for (Map<String, Object> country : (List<Map<String, Object>>) operation.get("countries")) {
      evidence.put((String) country.get("country"), (List<Map<String, Object>>) country.get("evidence"));
      assertThat(country.get("handoverStatus")).isEqualTo("RECEIVED");
      assertThat(country.get("receiptAnsweredAt")).isNotNull();
    }
    assertThat(evidence.get("DE")).containsExactly(Map.of("description", "E1", "reportedSha256", hash("E1")));
    assertThat(evidence.get("FR")).containsExactly(Map.of("description", "E2", "reportedSha256", hash("E2")));
    assertThat(evidence.get("AT")).containsExactly(Map.of("description", "E3", "reportedSha256", hash("E3")));
  }

  private String hash(String label) {
    return org.takedown.system.Hashes.sha256(List.of("Disk image of srv-DE", "Disk image of srv-FR", "Disk image of srv-AT")
        .get(Integer.parseInt(label.substring(1)) - 1));
  }

  @Test
  void theLegalMemoNamesBothOfficersAndTheDecision() throws Exception {
    String text = word(DocumentKind.LEGAL_MEMO, null);
    assertThat(text).contains("Decision: Approved", "Review level: Four eyes", "Legal basis: " + BASIS,
        "Release to national units at: TLP:AMBER", "Decided by: lena", "Second approval (four eyes) by leon.");
    assertThat(text).doesNotContain("LEGAL_REVIEW", "FOUR_EYES", "APPROVE\n");
  }

  @Test
  void theBriefingSaysTheStageInWordsAndWhatIsNotDecidedYet() throws Exception {
    String text = word(DocumentKind.OPERATION_BRIEFING, null);
    assertThat(text).contains("Vendor: Aegis Threat Research", "Legal basis for sharing: " + BASIS, "France (FR)");
    assertThat(text).doesNotContain("LEGAL_REVIEW", "NATIONAL_ASSIGNMENT", "PROPOSED", "REQUESTED");
    assertThat(text).containsPattern("Stage: [A-Z][a-z ]+\n");
  }

  /** Made at approval, the briefing says what happens next: the stage the operation enters and the unit each country will be asked. */
  @Test
  void theBriefingMadeAtApprovalNamesTheStageAheadAndTheUnitsToBeAsked() throws Exception {
    String text = word(DocumentKind.OPERATION_BRIEFING, null);
    assertThat(text).contains("Stage: National assignment\n").doesNotContain("Stage: Legal review", OperationSections.NOT_DECIDED);
    assertThat(text).contains("Austria (AT)\tto be asked: Bundeskriminalamt Cybercrime-Competence-Center (C4)\tProposed",
        "Germany (DE)\tto be asked: Bundeskriminalamt SO4 Cybercrime\tProposed",
        "France (FR)\tto be asked: Office anti-cybercriminalité (OFAC)\tProposed");
  }

  @Test
  void theMemoSaysNoneWhenTheVendorWasAskedNothing() throws Exception {
    String text = word(DocumentKind.LEGAL_MEMO, null);
    assertThat(text).contains("Information requests to the vendor\nNone: the vendor was not asked for information.\n")
        .doesNotContain("Question\tAsked by", "informationRequested");
  }

  @Test
  void theClosureReportAndTheTrackerShowTheItemsReceived() throws Exception {
    String text = word(DocumentKind.CLOSURE_REPORT, null);
    assertThat(text).contains("E1\tDisk image of srv-DE\tDisk image\t" + hash("E1") + "\t1.2 GB (1,200,000,020 bytes)\tReceived\n",
        "E3\tDisk image of srv-AT\tDisk image\t" + hash("E3") + "\t1.2 GB (1,200,000,020 bytes)\tReceived\n");
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(service.generateTracker(ref).getContent()))) {
      Sheet evidence = workbook.getSheet("Evidence");
      assertThat(evidence.getRow(0).getCell(10).getStringCellValue()).isEqualTo("Custody status");
      for (int i = 1; i <= evidence.getLastRowNum(); i++) {
        assertThat(evidence.getRow(i).getCell(10).getStringCellValue()).as(evidence.getRow(i).getCell(2).getStringCellValue()).isEqualTo("Received");
      }
    }
  }

  /** The receipt, and the custody entries of the release, write the country as a sentence reads it. */
  @Test
  void theHandoverReceiptSaysInTheNetherlands() throws Exception {
    String dutch = driver.approveForAssignment(tip("TLP:AMBER", list("NL")));
    driver.complete(driver.officer("NL"), dutch, "Task_RespondToAssignment", "NL", vars("assignmentResponse", "ACCEPT"));
    List<String> labels = driver.registerEvidence(dutch, "Disk image of srv-NL");
    driver.complete("cora", dutch, "Task_PrepareEvidencePackage", "NL", vars("evidenceItems", ProcessDriver.evidencePackage(labels)));
    driver.runJobs(dutch);
    Document receipt = documents.findFirstByOperationReferenceAndKindAndCountryOrderByVersionDesc(dutch, DocumentKind.HANDOVER_RECEIPT, "NL")
        .orElseThrow();
    Files.write(Path.of("target/documents", receipt.getFileName()), receipt.getContent());
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(receipt.getContent()))) {
      assertThat(WordDocumentsTest.allText(docx)).contains("Purpose: Takedown of operation " + dutch + " in the Netherlands\n")
          .doesNotContain("in Netherlands");
    }
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(service.generateCustodyReport(dutch).getContent()))) {
      assertThat(WordDocumentsTest.allText(docx)).contains("Takedown of operation " + dutch + " in the Netherlands").doesNotContain("in Netherlands");
    }
  }

  @Test
  void theClosureReportListsTheBusinessStepsWithCountryAndWhoActed() throws Exception {
    String text = word(DocumentKind.CLOSURE_REPORT, null);
    assertThat(text).contains("Legal basis: " + BASIS, "Legal decision by: lena", "Second approval (four eyes) by leon.");
    assertThat(text).contains("Seven servers seized", "4 servers seized",
        "Legal review", "Second legal approval", "Respond to assignment (Germany)", "Respond to assignment (Austria)",
        "Confirm receipt of evidence (France)", "Hand over evidence (Austria)", "leon");
    assertThat(text).as("evidence table: country, item, reported hash")
        .contains("Germany (DE)\tE1\t" + hash("E1") + "\tReceived, ")
        .contains("France (FR)\tE2\t" + hash("E2") + "\tReceived, ")
        .contains("Austria (AT)\tE3\t" + hash("E3") + "\tReceived, ");
    assertThat(text).as("timeline durations").containsPattern("\t\\d+ (s|min|h|d)( \\d+ (s|min|h))?\n");
    assertThat(text).doesNotContain("Send acknowledgement", "Generate legal review memo", "Record legal decision", "Record unit");
  }

  @Test
  void aDroppedCountrySaysItHasNoResultInTheClosureReportAndTheTracker() throws Exception {
    String dropped = driver.approveForAssignment(tip("TLP:AMBER", list("FR")));
    driver.complete(driver.officer("FR"), dropped, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "DECLINE", "responseNote", "not ours"));
    driver.complete("cora", dropped, "Task_ResolveAssignment", vars("escalationDecision", "DROP"));
    driver.runJobs(dropped);
    Document report = documents.findFirstByOperationReferenceAndKindAndCountryOrderByVersionDesc(dropped, DocumentKind.CLOSURE_REPORT, null)
        .orElseThrow();
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(report.getContent()))) {
      assertThat(WordDocumentsTest.allText(docx)).contains("France (FR)\tOffice anti-cybercriminalité (OFAC)\tDropped\tno result recorded");
    }
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(service.generateTracker(dropped).getContent()))) {
      Row france = workbook.getSheet("Countries").getRow(1);
      assertThat(france.getCell(0).getStringCellValue() + " " + france.getCell(france.getLastCellNum() - 1).getStringCellValue())
          .isEqualTo("FR no result recorded");
    }
  }

  @Test
  void theTrackerTimelineNamesCountriesAndPeopleAndPrintsOnFewPages(@TempDir Path dir) throws Exception {
    Document document = service.generateTracker(ref);
    Files.createDirectories(Path.of("target/documents"));
    Files.write(Path.of("target/documents", document.getFileName()), document.getContent());
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(document.getContent()))) {
      List<String> timeline = new ArrayList<>();
      Sheet sheet = workbook.getSheet("Timeline");
      for (int i = 1; i <= sheet.getLastRowNum(); i++) {
        Row row = sheet.getRow(i);
        StringBuilder line = new StringBuilder();
        row.forEach(cell -> line.append(cell.getStringCellValue()).append(" | "));
        timeline.add(line.toString());
      }
      String austria = assignments.get(ref, "AT").getNationalUnit();
      assertThat(timeline).anyMatch(l -> l.startsWith("Respond to assignment (Austria) | " + austria + " | "))
          .anyMatch(l -> l.startsWith("Respond to assignment (Germany) | Bundeskriminalamt SO4 Cybercrime, officer-de | "))
          .anyMatch(l -> l.startsWith("Respond to assignment (Germany) | Landeskriminalamt Berlin – Cybercrime, officer-de | "))
          .anyMatch(l -> l.startsWith("Triage tip | cora | "))
          .anyMatch(l -> l.startsWith("Record outcome | cora | "))
          .anyMatch(l -> l.startsWith("Second legal approval | leon"))
          .noneMatch(l -> l.startsWith("Send ") || l.startsWith("Generate ") || l.startsWith("Record legal") || l.matches(".*PT\\d.*"));
      assertThat(String.join("\n", timeline)).containsPattern("\\d+ (s|min|h|d)");
      for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
        Sheet each = workbook.getSheetAt(i);
        assertThat(each.getPrintSetup().getLandscape()).as(each.getSheetName()).isTrue();
        assertThat(each.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
        assertThat(each.getPrintSetup().getFitHeight()).isEqualTo((short) 0);
        assertThat(each.getFitToPage()).isTrue();
        assertThat(each.getHeader().getLeft() + each.getHeader().getCenter() + each.getHeader().getRight()
            + each.getFooter().getLeft() + each.getFooter().getCenter() + each.getFooter().getRight()).doesNotContain("${", "{{");
      }
      assertThat(workbook.getSheet("Summary").getRow(6).getCell(1).getStringCellValue()).isEqualTo("Closed");
      List<String> summary = new ArrayList<>();
      workbook.getSheet("Summary").forEach(row -> summary.add(row.getCell(0).getStringCellValue() + " | " + row.getCell(1).getStringCellValue()));
      assertThat(summary).contains("Legal decision | Approved", "Legal basis | " + BASIS,
          "Decided by | lena; second approval (four eyes) by leon", "Release TLP | TLP:AMBER");
      assertThat(workbook.getSheet("Countries").getRow(1).getCell(2).getStringCellValue()).isNotEmpty();
      List<String> evidence = new ArrayList<>();
      Sheet evidenceSheet = workbook.getSheet("Evidence");
      for (int i = 0; i <= evidenceSheet.getLastRowNum(); i++) {
        List<String> cells = new ArrayList<>();
        evidenceSheet.getRow(i).forEach(cell -> cells.add(cell.getStringCellValue()));
        evidence.add(String.join(" | ", cells.subList(0, 5)));
      }
      assertThat(evidence).contains("Country | No. | Item | Handover | Reported SHA-256",
          "DE | 1 | E1 | Received | " + hash("E1"), "FR | 1 | E2 | Received | " + hash("E2"),
          "AT | 1 | E3 | Received | " + hash("E3"));
    }
    String soffice = PdfConversionTest.soffice();
    if (soffice == null) {
      return; // LibreOffice absent: the page count is checked where it is installed (CI)
    }
    Path xlsx = dir.resolve("tracker.xlsx");
    Files.write(xlsx, document.getContent());
    Process process = new ProcessBuilder(soffice, "-env:UserInstallation=" + dir.resolve("profile").toUri(), "--headless", "--convert-to", "pdf",
        "--outdir", dir.toString(), xlsx.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("soffice.log").toFile()).start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(document.getContent()));
         PDDocument pdf = Loader.loadPDF(dir.resolve("tracker.pdf").toFile())) {
      int allowed = 0;
      for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
        allowed += Math.max(1, (workbook.getSheetAt(i).getLastRowNum() + 1 + 49) / 50);
      }
      assertThat(pdf.getNumberOfPages()).as("pages of the printed tracker").isLessThanOrEqualTo(allowed);
    }
  }
}
