package org.takedown.dossier.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.dossier.PageSession;

/**
 * Statistics on a history made with known durations: the engine clock is set before each step of
 * three operations in March 2031 (a month no other test touches), then the figures are read as a
 * person reads them on the page and in the exports.
 */
@TakedownTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsTest {

  static final String MARCH = "from=2031-03-01&to=2031-03-31";

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;

  @BeforeAll
  void historyWithKnownDurations() {
    try {
      // A (DE, FR): triage 1 d, legal review 2 d; DE accepts after 12 h; FR declines after 1 d, is reassigned, the alternate accepts after 2 d.
      Instant a = Instant.parse("2031-03-02T08:00:00Z");
      at(a);
      String refA = driver.submit(tip("TLP:AMBER", list("DE", "FR")));
      at(a.plus(Duration.ofDays(1)));
      driver.complete("cora", refA, "Task_TriageTip", vars("triageDecision", "OPEN", "countries", list("DE", "FR")));
      at(a.plus(Duration.ofDays(3)));
      driver.complete("lena", refA, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate", "releaseTlp", "TLP:AMBER"));
      at(a.plus(Duration.ofDays(3)).plus(Duration.ofHours(12)));
      driver.complete(driver.officer("DE"), refA, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
      at(a.plus(Duration.ofDays(4)));
      driver.complete(driver.officer("FR"), refA, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "DECLINE"));
      at(a.plus(Duration.ofDays(4)).plus(Duration.ofHours(2)));
      driver.complete("cora", refA, "Task_ResolveAssignment", vars("escalationDecision", "REASSIGN"));
      at(a.plus(Duration.ofDays(6)).plus(Duration.ofHours(2)));
      driver.complete(driver.officer("FR"), refA, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "ACCEPT"));

      // B (DE): triage 2 d, legal review 1 d, DE accepts after 1 d 6 h.
      Instant b = Instant.parse("2031-03-10T08:00:00Z");
      at(b);
      String refB = driver.submit(tip("TLP:AMBER", list("DE")));
      at(b.plus(Duration.ofDays(2)));
      driver.complete("cora", refB, "Task_TriageTip", vars("triageDecision", "OPEN", "countries", list("DE")));
      at(b.plus(Duration.ofDays(3)));
      driver.complete("lena", refB, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate", "releaseTlp", "TLP:AMBER"));
      at(b.plus(Duration.ofDays(4)).plus(Duration.ofHours(6)));
      driver.complete(driver.officer("DE"), refB, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));

      // D (DE): triage 3 d, legal review 3 d, DE declines after 6 h, coordinators drop the country 2 h later.
      Instant d = Instant.parse("2031-03-20T08:00:00Z");
      at(d);
      String refD = driver.submit(tip("TLP:AMBER", list("DE")));
      at(d.plus(Duration.ofDays(3)));
      driver.complete("cora", refD, "Task_TriageTip", vars("triageDecision", "OPEN", "countries", list("DE")));
      at(d.plus(Duration.ofDays(6)));
      driver.complete("lena", refD, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate", "releaseTlp", "TLP:AMBER"));
      at(d.plus(Duration.ofDays(6)).plus(Duration.ofHours(6)));
      driver.complete(driver.officer("DE"), refD, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "DECLINE"));
      at(d.plus(Duration.ofDays(6)).plus(Duration.ofHours(8)));
      driver.complete("cora", refD, "Task_ResolveAssignment", vars("escalationDecision", "DROP"));
    } finally {
      ClockUtil.reset();
    }
  }

  @AfterAll
  void resetClock() {
    ClockUtil.reset();
  }

  private static void at(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  @Test
  void thePageShowsMedianAndP90AsAPersonReadsThem() {
    HttpResponse<String> page = PageSession.signIn(port, "cora").get("/statistics?" + MARCH);

    assertThat(page.statusCode()).isEqualTo(200);
    List<String> rows = rows(page.body());
    assertThat(rows).contains(
        "Stage Country Count Median p90",
        "Triage All countries 3 2 d 0 h 3 d 0 h",
        "Triage Germany (DE) 3 2 d 0 h 3 d 0 h",
        "Triage France (FR) 1 1 d 0 h 1 d 0 h",
        "Legal review All countries 3 2 d 0 h 3 d 0 h",
        "National assignment All countries 3 1 d 6 h 3 d 2 h",
        "National assignment Germany (DE) 3 12 h 0 min 1 d 6 h",
        "National assignment France (FR) 1 3 d 2 h 3 d 2 h",
        "Evidence handover All countries 0 – –",
        "Legal review France (FR) 1 2 d 0 h 2 d 0 h",
        "All countries 5 1 d 0 h 2 d 0 h",
        "Germany (DE) 3 12 h 0 min 1 d 6 h",
        "France (FR) 2 1 d 12 h 2 d 0 h",
        "accepted 3 75 %",
        "declined 2 50 %",
        "no answer in time 0 0 %",
        "reassigned 1 25 %",
        "dropped 1 25 %");
    assertThat(page.body()).contains("Of the 4 national assignments started in the period")
        .contains("2031-03-01 to 2031-03-31 (31 days)")
        .contains("href=\"/statistics.csv?from=2031-03-01&amp;to=2031-03-31\"")
        .contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-label=\"Stage cycle times, all countries: median and 90th percentile\"")
        .contains("<title>Triage: median 2 d 0 h, p90 3 d 0 h, 3 cases</title>")
        .as("no inline script (the layout loads htmx from a file)").doesNotContainPattern("<script(?![^>]*\\ssrc=)");
  }

  @Test
  void theCsvExportHasHoursAndShares() {
    HttpResponse<String> csv = PageSession.signIn(port, "cora").get("/statistics.csv?" + MARCH);

    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
        .contains("attachment").contains("takedown-statistics-2031-03-01-to-2031-03-31.csv");
    assertThat(csv.body().split("\r\n")).startsWith("section,item,country,count,median (hours),p90 (hours),share (%)")
        .contains("Stage cycle time,Triage,All countries,3,48.00,72.00,",
            "Stage cycle time,Triage,FR,1,24.00,24.00,",
            "Stage cycle time,National assignment,DE,3,12.00,30.00,",
            "Stage cycle time,Evidence handover,All countries,0,,,",
            "Unit response time,Unit response,All countries,5,24.00,48.00,",
            "Unit response time,Unit response,FR,2,36.00,48.00,",
            "Assignment outcome,accepted,All countries,3,,,75.00",
            "Assignment outcome,dropped,All countries,1,,,25.00");
  }

  @Test
  void theExcelExportHasTextAndNumberCellsUnderAHeaderRow() throws IOException {
    HttpResponse<byte[]> xlsx = PageSession.signIn(port, "cora").getBytes("/statistics.xlsx?" + MARCH);

    assertThat(xlsx.statusCode()).isEqualTo(200);
    assertThat(xlsx.headers().firstValue("Content-Type").orElse("")).isEqualTo(StatisticsController.XLSX.toString());
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      Sheet sheet = book.getSheet("Statistics");
      Row header = sheet.getRow(0);
      List<String> names = new ArrayList<>();
      header.forEach(cell -> names.add(cell.getStringCellValue()));
      assertThat(names).containsExactly("Section", "Item", "Country", "Count", "Median (hours)", "P90 (hours)", "Share (%)");
      Row triage = sheet.getRow(1);
      assertThat(triage.getCell(1).getCellType()).isEqualTo(CellType.STRING);
      assertThat(triage.getCell(1).getStringCellValue()).isEqualTo("Triage");
      assertThat(triage.getCell(2).getStringCellValue()).isEqualTo("All countries");
      assertThat(triage.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(triage.getCell(3).getNumericCellValue()).isEqualTo(3.0);
      assertThat(triage.getCell(4).getNumericCellValue()).isEqualTo(48.0);
      assertThat(triage.getCell(5).getNumericCellValue()).isEqualTo(72.0);
      Row accepted = find(sheet, "accepted");
      assertThat(accepted.getCell(6).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(accepted.getCell(6).getNumericCellValue()).isEqualTo(75.0);
      assertThat(book.getSheet("Period").getRow(1).getCell(0).getStringCellValue()).isEqualTo("2031-03-01");
    }
  }

  @Test
  void aBadPeriodIsExplainedAndStoresNothing() {
    PageSession cora = PageSession.signIn(port, "cora");
    HttpResponse<String> page = cora.get("/statistics?from=2031-04-01&to=2031-03-01");
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("from is 2031-04-01, after to (2031-03-01): choose a start on or before the end")
        .doesNotContain("Stage cycle times by stage");

    HttpResponse<String> csv = cora.get("/statistics.csv?from=2020-01-01&to=2031-03-01");
    assertThat(csv.statusCode()).isEqualTo(400);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(csv.body()).contains("is more than 5 years after from: choose a period of at most 5 years");

    HttpResponse<String> notADate = cora.get("/statistics.xlsx?from=%3Cb%3E");
    assertThat(notADate.statusCode()).isEqualTo(400);
    assertThat(notADate.body()).contains("is not a date: write it as YYYY-MM-DD");
  }

  @Test
  void vendorsGetNoStatistics() {
    PageSession vera = PageSession.signIn(port, "vera");
    for (String path : List.of("/statistics", "/statistics.csv?" + MARCH, "/statistics.xlsx")) {
      HttpResponse<String> reply = vera.get(path);
      assertThat(reply.statusCode()).as(path).isEqualTo(403);
      // A browser's address: a page in the product's look that says where to go instead, not problem+json.
      assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      assertThat(reply.body()).contains("The statistics are for the fusion centre&#39;s staff", "href=\"/board\"").doesNotContain("Triage");
    }
  }

  @Test
  void textThatLooksLikeAFormulaIsQuotedInTheCsv() {
    assertThat(StatisticsExports.csvText("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(StatisticsExports.csvText("+1")).isEqualTo("'+1");
    assertThat(StatisticsExports.csvText("-2")).isEqualTo("'-2");
    assertThat(StatisticsExports.csvText("@SUM")).isEqualTo("'@SUM");
    assertThat(StatisticsExports.csvText("Triage")).isEqualTo("Triage");
  }

  private static Row find(Sheet sheet, String item) {
    for (Row row : sheet) {
      if (row.getCell(1) != null && item.equals(row.getCell(1).getStringCellValue())) {
        return row;
      }
    }
    throw new AssertionError("no row " + item);
  }

  /** Each table row's text, cells separated by one space, as a person reads it. */
  static List<String> rows(String html) {
    List<String> rows = new ArrayList<>();
    Matcher m = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(html);
    while (m.find()) {
      rows.add(m.group(1).replaceAll("<[^>]+>", " ").replace("&amp;", "&").replaceAll("\\s+", " ").trim());
    }
    return rows;
  }
}
