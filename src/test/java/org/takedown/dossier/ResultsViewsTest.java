package org.takedown.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.briefing.Document;
import org.takedown.briefing.DocumentKind;
import org.takedown.briefing.DocumentRepository;
import org.takedown.briefing.DocumentService;
import org.takedown.result.IndicatorResults;

/**
 * One operation read the same everywhere. Germany's unit was asked for three addresses and France's for two, both on
 * 2026-11-01 at noon. Germany reports one taken down a day later, one not found after two days, one taken down after
 * three (with 3 servers seized and 2 arrests); a coordinator records for France's unit one seized after five days; one
 * French address is still requested. By hand: 3 of 5 taken down (60 %) in 2 of 2 countries; Germany 2 of 3 (67 %),
 * first action median 2 d and p90 3 d, takedown median 1 d and p90 3 d; France 1 of 2 (50 %), 5 d throughout; all
 * countries first action median 2 d, p90 5 d, takedown median 3 d, p90 5 d (nearest rank). The operation page, the
 * tracker, the outcome form, the closure report and the closure mails read exactly that.
 */
@TakedownTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultsViewsTest {

  static final String DE1 = "193.99.200.1";
  static final String DE2 = "193.99.200.2";
  static final String DE3 = "193.99.200.3";
  static final String FR1 = "212.27.40.1";
  static final String FR2 = "212.27.40.2";
  static final Instant ASKED = Instant.parse("2026-11-01T12:00:00Z");
  static final String HEADLINE = "3 of 5 indicators taken down (60 %) in 2 of 2 countries; 3 servers seized; 2 arrests";
  static final String GERMAN_HEADLINE = "2 of 3 indicators taken down (67 %) in 1 of 1 country; 3 servers seized; 2 arrests";
  static final String NOTE = "Both servers were in Frankfurt";

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired IndicatorResults results;
  @Autowired NamedParameterJdbcTemplate jdbc;
  @Autowired DocumentService documents;
  @Autowired DocumentRepository repository;
  @Autowired GreenMail mail;

  String ref;
  String de;

  @BeforeAll
  void anOperationWithResults() {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE", "FR"));
    tip.put("indicators", List.of(Map.of("type", "ipv4-addr", "value", DE1), Map.of("type", "ipv4-addr", "value", DE2),
        Map.of("type", "ipv4-addr", "value", DE3), Map.of("type", "ipv4-addr", "value", FR1), Map.of("type", "ipv4-addr", "value", FR2)));
    ref = driver.approveForAssignment(tip);
    de = driver.officer("DE");
    driver.complete(de, ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
    driver.complete(driver.officer("FR"), ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "ACCEPT"));
    // Both units were asked at a known time, so that the times to act are known to the second.
    jdbc.update("update country_assignment set requested_at = :asked where operation_id = (select id from operation where reference = :ref)",
        Map.of("asked", Timestamp.from(ASKED), "ref", ref));
    results.record(ref, "DE", IndicatorResults.Reporter.of(de, false, IndicatorResults.Channel.API), List.of(
        new IndicatorResults.Line(1, DE1, "taken down", "2026-11-02"), new IndicatorResults.Line(2, DE2, "TAKEN_DOWN", "2026-11-04"),
        new IndicatorResults.Line(3, DE3, "not found", "2026-11-03")), new IndicatorResults.CountryCounts(3, null, 2, null, NOTE));
  }

  @Test
  void everySurfaceReadsTheSameFigures() throws Exception {
    PageClient cora = PageClient.signIn(port, "cora");
    String path = "/operations/" + ref;

    // A line that is not France's: nothing recorded, the page says which line and why, and keeps what was typed.
    HttpResponse<String> refused = cora.post(path + "/results", "country=FR&indicators=" + enc(FR1 + "\n" + DE1) + "&status=SEIZED&date=2026-11-06&_csrf="
        + PageClient.csrf(cora.get(path).body()));
    assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("#results"));
    String again = cora.get(path).body();
    assertThat(words(again)).contains("Nothing was recorded:", "line 2: \"" + DE1 + "\" is not one of France's indicators in " + ref);
    assertThat(again).contains(FR1 + "\n" + DE1);
    assertThat(results.rows(ref, org.takedown.security.OperationAccess.forCentre(driver.operation(ref)), "FR", 10))
        .allSatisfy(r -> assertThat(r.status()).isEqualTo("REQUESTED"));

    cora.post(path + "/results", "country=FR&indicators=" + enc(FR1) + "&status=SEIZED&date=2026-11-06&_csrf=" + PageClient.csrf(again));
    String html = cora.get(path).body();
    Files.createDirectories(Path.of("target/pages"));
    Files.writeString(Path.of("target/pages/operation-results.html"), html); // to be looked at
    String page = words(html);
    assertThat(page).contains("1 result recorded for France by cora for the unit (1 changed).", HEADLINE,
        "Germany (DE) 3 3 2 67 % 2 d 0 h 3 d 0 h 1 d 0 h 3 d 0 h 3 servers seized; 2 arrests; note: " + NOTE,
        "France (FR) 2 1 1 50 % 5 d 0 h 5 d 0 h 5 d 0 h 5 d 0 h",
        "All 5 4 3 60 % 2 d 0 h 5 d 0 h 3 d 0 h 5 d 0 h",
        "Per indicator type Type Routed Taken down % ipv4-addr 5 3 60 %",
        "Per vendor Vendor Routed Taken down % Aegis Threat Research 5 3 60 %",
        "Results per status Result Indicators requested 1 taken down 2 seized 1 not found 1",
        DE1 + " Germany (DE)", "DE: taken down, 2026-11-02, reported by " + de,
        "FR: seized, 2026-11-06, reported by cora for the unit", "FR: requested");

    // Germany's unit: its own country's figures only, and no vendor.
    String unit = words(PageClient.signIn(port, de).get(path).body());
    assertThat(unit).contains(GERMAN_HEADLINE, "Germany (DE) 3 3 2 67 % 2 d 0 h 3 d 0 h 1 d 0 h 3 d 0 h")
        .doesNotContain("France (FR) 2", FR1, "Per vendor", "Record results for a unit");

    // The tracker's Results sheet: numbers as numbers, the rate a percentage cell.
    try (XSSFWorkbook tracker = new XSSFWorkbook(new ByteArrayInputStream(save(documents.generateTracker(ref))))) {
      Sheet sheet = tracker.getSheet("Results");
      DataFormatter shown = new DataFormatter(java.util.Locale.ENGLISH);
      assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo(HEADLINE);
      Row germany = sheet.getRow(3);
      assertThat(germany.getCell(0).getStringCellValue()).isEqualTo("Germany (DE)");
      assertThat(List.of(germany.getCell(1).getNumericCellValue(), germany.getCell(2).getNumericCellValue(), germany.getCell(3).getNumericCellValue()))
          .containsExactly(3.0, 3.0, 2.0);
      assertThat(germany.getCell(4).getNumericCellValue()).isEqualTo(2.0 / 3);
      assertThat(shown.formatCellValue(germany.getCell(4))).isEqualTo("67%");
      assertThat(List.of(5, 6, 7, 8).stream().map(i -> germany.getCell(i).getStringCellValue()).toList())
          .containsExactly("2 d 0 h", "3 d 0 h", "1 d 0 h", "3 d 0 h");
      assertThat(germany.getCell(9).getNumericCellValue()).isEqualTo(3.0);
      assertThat(germany.getCell(11).getNumericCellValue()).isEqualTo(2.0);
      assertThat(germany.getCell(13).getStringCellValue()).isEqualTo(NOTE);
      Row france = sheet.getRow(4);
      assertThat(france.getCell(0).getStringCellValue()).isEqualTo("France (FR)");
      assertThat(shown.formatCellValue(france.getCell(4))).isEqualTo("50%");
      assertThat(france.getCell(7).getStringCellValue()).isEqualTo("5 d 0 h");
      Row all = sheet.getRow(5);
      assertThat(all.getCell(0).getStringCellValue()).isEqualTo("All");
      assertThat(shown.formatCellValue(all.getCell(4))).isEqualTo("60%");
      assertThat(all.getCell(7).getStringCellValue()).isEqualTo("3 d 0 h");
      Sheet indicators = tracker.getSheet("Indicators");
      Row first = indicators.getRow(1);
      assertThat(first.getCell(1).getStringCellValue()).isEqualTo(DE1);
      assertThat(List.of(first.getCell(4).getStringCellValue(), first.getCell(5).getStringCellValue(), first.getCell(6).getStringCellValue()))
          .containsExactly("taken down", "2026-11-02", de);
      assertThat(indicators.getRow(4).getCell(6).getStringCellValue()).isEqualTo("cora for the unit");
    }

    // Through the evidence handover to the coordinators' outcome, which offers the figures.
    List<String> items = driver.registerEvidence(ref, "Disk image of srv-DE", "Disk image of srv-FR");
    List<String> countries = List.of("DE", "FR");
    for (int i = 0; i < 2; i++) {
      driver.complete("cora", ref, "Task_PrepareEvidencePackage", countries.get(i), vars("evidenceItems", ProcessDriver.evidencePackage(List.of(items.get(i)))));
    }
    driver.runJobs(ref);
    for (int i = 0; i < 2; i++) {
      driver.complete(driver.officer(countries.get(i)), ref, "Task_ConfirmReceipt", countries.get(i),
          vars("receiptConfirmed", true, "reportedSha256", driver.matchingHashes(ref, List.of(items.get(i)))));
    }
    driver.runJobs(ref);
    countries.forEach(country -> driver.completeResults(ref, country));
    driver.runJobs(ref);
    Task outcome = driver.task(ref, "Task_RecordOutcome");
    Map<String, Object> form = driver.engine().getTaskService().getVariables(outcome.getId());
    assertThat(form).containsEntry("resultsHeadline", HEADLINE).containsEntry("outcomeSummary", HEADLINE + ".")
        .containsEntry("outcomes", "DE: 2 of 3 indicators taken down (67 %); 3 servers seized; 2 arrests; note: " + NOTE
            + "\nFR: 1 of 2 indicators taken down (50 %)");
    // The coordinator sends the form as it was filled in.
    driver.complete("cora", outcome, vars("outcomeSummary", form.get("outcomeSummary"), "outcomes", form.get("outcomes")));
    driver.runJobs(ref);

    Document report = repository.findFirstByOperationReferenceAndKindAndCountryOrderByVersionDesc(ref, DocumentKind.CLOSURE_REPORT, null).orElseThrow();
    save(report);
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(report.getContent())); XWPFWordExtractor text = new XWPFWordExtractor(docx)) {
      assertThat(text.getText()).contains(HEADLINE,
          // The counts are in "Outcome per country" above; the figures' table keeps to numbers, so it fits the page.
          "Germany (DE)\t3\t3\t2\t67 %\t1 d 0 h\t3 d 0 h\n",
          "France (FR)\t2\t1\t1\t50 %\t5 d 0 h\t5 d 0 h\n",
          "All\t5\t4\t3\t60 %\t3 d 0 h\t5 d 0 h",
          "Aegis Threat Research\t5\t3\t60 %", "ipv4-addr\t5\t3\t60 %", "requested\t1", "taken down\t2", "seized\t1", "not found\t1")
          .doesNotContain("{{", "[name]", "[label]");
    }

    MimeMessage coordinators = closure("cora@takedown.example");
    assertThat(MailBox.text(coordinators, "text/plain")).contains("Results: " + HEADLINE);
    assertThat(MailBox.text(coordinators, "text/html")).contains(HEADLINE);
    String german = MailBox.text(closure("so4@de.units.example"), "text/plain");
    assertThat(german).contains("Results: " + GERMAN_HEADLINE, "Germany: 2 of 3 indicators taken down (67 %); 3 servers seized")
        .doesNotContain("France", "60 %");
    // France's unit reads French: its own country's headline, in its words.
    assertThat(MailBox.text(closure("ofac@fr.units.example"), "text/plain"))
        .contains("Résultats\u00a0: 1 sur 2 indicateurs neutralisés (50\u00a0%) dans 1 pays sur 1").doesNotContain("Allemagne", "serveurs saisis");
  }

  private MimeMessage closure(String address) {
    return MailBox.to(mail, address, ref).stream().filter(m -> {
      try {
        return "CLOSURE".equals(m.getHeader("X-Takedown-Notice")[0]);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).findFirst().orElseThrow();
  }

  /** Kept under target/documents, to be opened and looked at. */
  private static byte[] save(Document document) throws Exception {
    Files.createDirectories(Path.of("target/documents"));
    Files.write(Path.of("target/documents", document.getFileName()), document.getContent());
    return document.getContent();
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The page's text as a person reads it: tags gone, entities read, white space collapsed. */
  static String words(String html) {
    return org.jsoup.Jsoup.parse(html).text();
  }
}
