package org.takedown.dossier.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.dossier.PageSession;

/**
 * The programme view of results on a known set of operations in April 2033 (a month no other test touches), put in
 * the tables directly: A (Acme Threat Intel; Germany and France first asked on 3 April) and B (Borealis Security;
 * Germany, 20 April) are in the period; C (first asked in May) and D (first asked on 30 March, another country in
 * April) are not, though they have takedowns. By hand:
 * <ul>
 *   <li>Germany: a1, a2, a3, b1, b2 routed, all reported, a1 a3 b1 b2 taken down: 4 of 5, 80 %;
 *   <li>France: a3 (also Germany's) and a4 routed, a4 reported not found: 0 of 2, 0 %;
 *   <li>each indicator once: 4 of 6 taken down, 67 %; Acme 2 of 4 (50 %), Borealis 2 of 2 (100 %);
 *   <li>first action (per indicator and country) 12 h, 1 d, 1 d, 1 d, 2 d, 3 d: median 1 d, p90 3 d; takedown 1 d, 1 d,
 *       2 d, 3 d: median 1 d, p90 3 d.
 * </ul>
 */
@TakedownTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgrammeResultsTest {

  static final String APRIL = "from=2033-04-01&to=2033-04-30";
  static final long BASE = 93_000_000L;
  static final String HEADLINE = "4 of 6 indicators taken down (67 %) in 1 of 2 countries; 2 servers seized; 1 arrest";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.takedown.result.ResultSummaries summaries;
  @Autowired ProcessDriver driver;

  @BeforeAll
  void operationsOfApril() {
    long a = operation(1, "OP-2033-9001", "Banking trojan C2 servers", "Acme Threat Intel");
    long b = operation(2, "OP-2033-9002", "Phishing kit hosting", "Borealis Security");
    long c = operation(3, "OP-2033-9003", "Botnet first asked in May", "Acme Threat Intel");
    long d = operation(4, "OP-2033-9004", "Loader first asked in March", "Borealis Security");
    asked(a, "DE", "2033-04-03T10:00:00Z");
    asked(a, "FR", "2033-04-05T10:00:00Z");
    asked(b, "DE", "2033-04-20T10:00:00Z");
    asked(c, "DE", "2033-05-02T10:00:00Z");
    asked(d, "NL", "2033-03-30T10:00:00Z");
    asked(d, "IT", "2033-04-02T10:00:00Z");
    long aDe = report(a, "DE");
    long aFr = report(a, "FR");
    long bDe = report(b, "DE");
    long cDe = report(c, "DE");
    long dNl = report(d, "NL");

    result(indicator(a, 1, "ipv4-addr", "100.64.33.1", "DE"), "DE", a, aDe, "TAKEN_DOWN", "2033-04-03T10:00:00Z", 86_400L, 86_400L);
    result(indicator(a, 2, "ipv4-addr", "100.64.33.2", "DE"), "DE", a, aDe, "NOT_FOUND", "2033-04-03T10:00:00Z", 172_800L, null);
    long a3 = indicator(a, 3, "domain-name", "a3.programme-test.example", "DE", "FR");
    result(a3, "DE", a, aDe, "SEIZED", "2033-04-03T10:00:00Z", 259_200L, 259_200L);
    result(indicator(a, 4, "domain-name", "a4.programme-test.example", "FR"), "FR", a, aFr, "NOT_FOUND", "2033-04-05T10:00:00Z", 86_400L, null);
    result(indicator(b, 1, "url", "https://b1.programme-test.example/kit", "DE"), "DE", b, bDe, "TAKEN_DOWN", "2033-04-20T10:00:00Z", 43_200L,
        172_800L);
    result(indicator(b, 2, "url", "https://b2.programme-test.example/kit", "DE"), "DE", b, bDe, "BLOCKED", "2033-04-20T10:00:00Z", 86_400L,
        86_400L);
    result(indicator(c, 1, "ipv4-addr", "100.64.33.9", "DE"), "DE", c, cDe, "TAKEN_DOWN", "2033-05-02T10:00:00Z", 3_600L, 3_600L);
    result(indicator(d, 1, "ipv4-addr", "100.64.33.10", "NL"), "NL", d, dNl, "TAKEN_DOWN", "2033-03-30T10:00:00Z", 3_600L, 3_600L);
    counts(a, "DE", aDe, 2, 1);
    counts(c, "DE", cDe, 5, 3);
    // Rows written here, not through IndicatorResults.record: their sums are kept as a report would keep them.
    List.of(a, b, c, d).forEach(summaries::refresh);
  }

  @AfterAll
  void removeThem() {
    String ops = "operation_id between " + BASE + " and " + (BASE + 99);
    jdbc.update("delete from result_summary where " + ops);
    jdbc.update("delete from result_time where " + ops);
    jdbc.update("delete from country_result where " + ops);
    jdbc.update("delete from indicator_result where " + ops);
    jdbc.update("delete from result_report where " + ops);
    jdbc.update("delete from indicator_country where indicator_id between " + BASE * 100 + " and " + (BASE * 100 + 9_999));
    jdbc.update("delete from indicator_report where indicator_id between " + BASE * 100 + " and " + (BASE * 100 + 9_999));
    jdbc.update("delete from operation_contributor where " + ops);
    jdbc.update("delete from indicator where " + ops);
    jdbc.update("delete from tip where " + ops);
    jdbc.update("delete from country_assignment where " + ops);
    jdbc.update("delete from operation where id between " + BASE + " and " + (BASE + 99));
  }

  @Test
  void thePageShowsTheRatesPerCountryVendorAndTypeAsComputedByHand() {
    HttpResponse<String> page = PageSession.signIn(port, "cora").get("/statistics?" + APRIL);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(HEADLINE, "Of the 2 operations whose national units were first asked to act in the period.",
        "href=\"/statistics.docx?from=2033-04-01&amp;to=2033-04-30\"",
        "aria-label=\"Takedown rate by country: share of the indicators routed that were taken down\"",
        "<title>Germany: 4 of 5 indicators taken down (80 %), 5 reported</title>",
        "<title>First action: median 1 d 0 h, p90 3 d 0 h, 6 cases</title>",
        "<title>Takedown: median 1 d 0 h, p90 3 d 0 h, 4 cases</title>")
        .doesNotContain("OP-2033-9003", "OP-2033-9004");
    List<String> rows = StatisticsTest.rows(page.body());
    assertThat(rows).containsSubsequence(
        "Country Indicators Reported Taken down Rate First action median p90 Takedown median p90",
        "Germany (DE) 5 5 4 80 % 1 d 0 h 3 d 0 h 1 d 0 h 3 d 0 h",
        "France (FR) 2 1 0 0 % 1 d 0 h 1 d 0 h – –",
        "Vendor Indicators Reported Taken down Rate",
        "Acme Threat Intel 4 4 2 50 %",
        "Borealis Security 2 2 2 100 %",
        "Type Indicators Reported Taken down Rate",
        "domain-name 2 2 1 50 %",
        "ipv4-addr 2 2 1 50 %",
        "url 2 2 2 100 %",
        "Status Indicators",
        "nothing reported yet 1",
        "taken down 2",
        "seized 1",
        "blocked 1",
        "not found 2",
        "OP-2033-9002 Phishing kit hosting Borealis Security 2 2 100 %",
        "OP-2033-9001 Banking trojan C2 servers Acme Threat Intel 4 2 50 %");
  }

  @Test
  void theExcelExportHasAResultsSheetWithNumbersAsNumbers() throws IOException {
    HttpResponse<byte[]> xlsx = PageSession.signIn(port, "cora").getBytes("/statistics.xlsx?" + APRIL);

    assertThat(xlsx.statusCode()).isEqualTo(200);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      Sheet sheet = book.getSheet("Results");
      List<String> header = new ArrayList<>();
      sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
      assertThat(header).containsExactly("Breakdown", "Key", "Name", "Indicators", "Reported", "Taken down", "Rate (%)",
          "First action median (hours)", "First action p90 (hours)", "Takedown median (hours)", "Takedown p90 (hours)");
      assertThat(cells(sheet.getRow(1))).containsExactly("Total", "", "All countries", 6.0, 6.0, 4.0, 67.0, 24.0, 72.0, 24.0, 72.0);
      assertThat(cells(row(sheet, "DE"))).containsExactly("Country", "DE", "Germany", 5.0, 5.0, 4.0, 80.0, 24.0, 72.0, 24.0, 72.0);
      assertThat(cells(row(sheet, "FR"))).containsExactly("Country", "FR", "France", 2.0, 1.0, 0.0, 0.0, 24.0, 24.0);
      assertThat(cells(row(sheet, "Acme Threat Intel"))).containsExactly("Vendor", "Acme Threat Intel", "Acme Threat Intel", 4.0, 4.0, 2.0, 50.0);
      assertThat(cells(row(sheet, "Borealis Security"))).containsExactly("Vendor", "Borealis Security", "Borealis Security", 2.0, 2.0, 2.0, 100.0);
      assertThat(cells(row(sheet, "url"))).containsExactly("Indicator type", "url", "url", 2.0, 2.0, 2.0, 100.0);
      assertThat(cells(row(sheet, "OP-2033-9002"))).containsExactly("Operation (most takedowns)", "OP-2033-9002", "Phishing kit hosting", 2.0, 2.0,
          2.0, 100.0);
      assertThat(row(sheet, "DE").getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
      Sheet period = book.getSheet("Period");
      assertThat(period.getRow(5).getCell(1).getNumericCellValue()).isEqualTo(2.0);
      assertThat(period.getRow(6).getCell(1).getStringCellValue()).isEqualTo(HEADLINE);
    }
  }

  @Test
  void theWordProgrammeReportWritesTheFiguresInWords() throws IOException {
    HttpResponse<byte[]> docx = PageSession.signIn(port, "cora").getBytes("/statistics.docx?" + APRIL);

    assertThat(docx.statusCode()).isEqualTo(200);
    assertThat(docx.headers().firstValue("Content-Type").orElse("")).isEqualTo(StatisticsController.DOCX.toString());
    assertThat(docx.headers().firstValue("Content-Disposition").orElse("")).contains("takedown-programme-report-2033-04-01-to-2033-04-30.docx");
    try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx.body()))) {
      StringBuilder text = new StringBuilder();
      document.getHeaderList().forEach(h -> text.append(h.getText()).append('\n'));
      document.getParagraphs().forEach(p -> text.append(p.getText()).append('\n'));
      document.getFooterList().forEach(f -> text.append(f.getText()).append('\n'));
      assertThat(text.toString()).contains("Programme report 2033-04-01 to 2033-04-30", "TLP:AMBER", HEADLINE,
          "In the period, 2 operations asked national units in 2 countries to act on 6 indicators. The units reported on 6 of them (100 %)"
              + " and confirmed 4 taken down, seized, sinkholed, suspended or blocked: a takedown rate of 67 %, with takedowns in 1 of the 2 countries.",
          "Time to first action: median 1 d 0 h, p90 3 d 0 h", "Time to takedown: median 1 d 0 h, p90 3 d 0 h", "Servers seized: 2", "Arrests: 1",
          "The operations with most takedowns: OP-2033-9002, Phishing kit hosting (2 of 2 indicators taken down) and OP-2033-9001, Banking trojan"
              + " C2 servers (2 of 4).")
          .doesNotContain("{{", "[name]", "No indicators of this period");
      List<String> rows = new ArrayList<>();
      for (XWPFTable table : document.getTables()) {
        for (XWPFTableRow row : table.getRows()) {
          rows.add(String.join(" | ", row.getTableCells().stream().map(c -> c.getText()).toList()));
        }
      }
      assertThat(rows).containsSubsequence(
          "OP-2033-9002 | Phishing kit hosting | Borealis Security | 2 | 2 | 100 %",
          "OP-2033-9001 | Banking trojan C2 servers | Acme Threat Intel | 4 | 2 | 50 %",
          "Germany (DE) | 5 | 5 | 4 | 80 % | 1 d 0 h | 1 d 0 h",
          "France (FR) | 2 | 1 | 0 | 0 % | 1 d 0 h | –",
          "Acme Threat Intel | 4 | 4 | 2 | 50 %",
          "Borealis Security | 2 | 2 | 2 | 100 %",
          "domain-name | 2 | 2 | 1 | 50 %",
          "url | 2 | 2 | 2 | 100 %");
    }
  }

  @Test
  void aPeriodWithoutResultsSaysSoAndABadPeriodStillAnswersAsBefore() throws IOException {
    PageSession cora = PageSession.signIn(port, "cora");
    HttpResponse<String> empty = cora.get("/statistics?from=2033-06-01&to=2033-06-30");
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(empty.body()).contains("No indicators routed to a country yet.", "Of the 0 operations whose").doesNotContain("Results by country");

    HttpResponse<String> bad = cora.get("/statistics?from=2033-05-01&to=2033-04-01");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("from is 2033-05-01, after to (2033-04-01): choose a start on or before the end").doesNotContain("Results by country");
    HttpResponse<String> word = cora.get("/statistics.docx?from=2033-04-31");
    assertThat(word.statusCode()).isEqualTo(400);
    assertThat(word.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(word.body()).contains("is not a date: write it as YYYY-MM-DD");

    HttpResponse<byte[]> none = cora.getBytes("/statistics.docx?from=2033-06-01&to=2033-06-30");
    assertThat(none.statusCode()).isEqualTo(200);
    try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(none.body()))) {
      StringBuilder text = new StringBuilder();
      document.getParagraphs().forEach(p -> text.append(p.getText()).append('\n'));
      assertThat(text.toString()).contains("No indicators of this period's 0 operations were routed to a country.",
          "No operation of the period has an indicator taken down yet.").doesNotContain("In the period,");
    }
  }

  @Test
  void vendorsAndUnitsGetNoProgrammeReport() {
    for (String user : List.of("vera", driver.officer("DE"))) {
      HttpResponse<String> reply = PageSession.signIn(port, user).get("/statistics.docx?" + APRIL);
      assertThat(reply.statusCode()).as(user).isEqualTo(403);
      assertThat(reply.body()).doesNotContain("Acme", "Borealis");
    }
  }

  private long operation(int n, String reference, String title, String vendor) {
    long id = BASE + n;
    Timestamp at = Timestamp.from(Instant.parse("2033-03-01T00:00:00Z"));
    jdbc.update("insert into operation (id, reference, title, tlp, pap, stage, vendor, created_at, updated_at, version, attribution)"
        + " values (?, ?, ?, 'TLP:AMBER', 'PAP:GREEN', 'OUTCOME', ?, ?, ?, 0, false)", id, reference, title, vendor, at, at);
    jdbc.update("insert into tip (id, operation_id, payload, payload_sha256, content_type, submitter, received_at)"
        + " values (?, ?, '{}', 'x', 'application/json', ?, ?)", id, id, vendor, at);
    // Its vendor is its lead contributor, credited with its indicators (as intake writes them), which the figures per vendor count.
    jdbc.update("insert into operation_contributor (operation_id, organisation, tip_operation_id, tlp, named_to_co_reporters, joined_at)"
        + " values (?, ?, ?, 'TLP:AMBER', false, ?)", id, vendor, id, at);
    return id;
  }

  private void asked(long operation, String country, String at) {
    Timestamp t = Timestamp.from(Instant.parse(at));
    jdbc.update("insert into country_assignment (operation_id, country, status, created_at, requested_at, updated_at, reminders,"
        + " alternate_unit_asked, version) values (?, ?, 'ACCEPTED', ?, ?, ?, 0, false, 0)", operation, country, t, t, t);
  }

  private long report(long operation, String country) {
    long id = operation * 10 + (country.charAt(0) + country.charAt(1)) % 10;
    jdbc.update("insert into result_report (id, operation_id, country, channel, reported_by, for_unit, reported_at, results)"
        + " values (?, ?, ?, 'API', 'test', false, ?, 0)", id, operation, country, Timestamp.from(Instant.parse("2033-05-15T00:00:00Z")));
    return id;
  }

  private long indicator(long operation, int n, String type, String value, String... countries) {
    long id = operation * 100 + n;
    jdbc.update("insert into indicator (id, operation_id, tip_id, type, indicator_value, normalized_value) values (?, ?, ?, ?, ?, ?)", id, operation,
        operation, type, value, value);
    jdbc.update("insert into indicator_report (indicator_id, contributor_id) select ?, c.id from operation_contributor c"
        + " where c.operation_id = ? and c.tip_operation_id = ?", id, operation, operation);
    for (String country : countries) {
      jdbc.update("insert into indicator_country (indicator_id, country, placed_by, source_label) values (?, ?, 'VENDOR', 'vendor')", id, country);
    }
    return id;
  }

  private void result(long indicator, String country, long operation, long report, String status, String askedAt, long firstAction, Long takedown) {
    Instant asked = Instant.parse(askedAt);
    jdbc.update("insert into indicator_result (indicator_id, country, operation_id, status, positive, status_at, requested_at, first_action_at,"
        + " positive_at, first_action_seconds, takedown_seconds, report_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", indicator, country, operation,
        status, takedown != null, Timestamp.from(asked.plusSeconds(firstAction)), Timestamp.from(asked), Timestamp.from(asked.plusSeconds(firstAction)),
        takedown == null ? null : Timestamp.from(asked.plusSeconds(takedown)), firstAction, takedown, report);
  }

  private void counts(long operation, String country, long report, int servers, int arrests) {
    jdbc.update("insert into country_result (operation_id, country, report_id, servers_seized, domains_sinkholed, arrests, victims_notified)"
        + " values (?, ?, ?, ?, 0, ?, 0)", operation, country, report, servers, arrests);
  }

  private static Row row(Sheet sheet, String key) {
    for (Row row : sheet) {
      if (row.getCell(1) != null && key.equals(row.getCell(1).getStringCellValue())) {
        return row;
      }
    }
    throw new AssertionError("no row " + key);
  }

  private static List<Object> cells(Row row) {
    List<Object> cells = new ArrayList<>();
    row.forEach(cell -> cells.add(cell.getCellType() == CellType.NUMERIC ? (Object) cell.getNumericCellValue() : cell.getStringCellValue()));
    return cells;
  }
}
