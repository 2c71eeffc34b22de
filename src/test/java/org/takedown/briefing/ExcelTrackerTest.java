package org.takedown.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.system.Tlp;

/** The Excel tracker, opened again with POI: sheets, rows, styles, TLP, and no formula from partner text. */
@TakedownTest
class ExcelTrackerTest {

  @Autowired ProcessDriver driver;
  @Autowired TestRestTemplate http;
  @Autowired ExcelTracker tracker;

  static XSSFWorkbook open(byte[] content) throws Exception {
    return new XSSFWorkbook(new ByteArrayInputStream(content));
  }

  static List<Cell> cells(XSSFWorkbook workbook) {
    List<Cell> cells = new ArrayList<>();
    workbook.forEach(sheet -> sheet.forEach(row -> row.forEach(cells::add)));
    return cells;
  }

  @Test
  void rowsForZeroOneAndManyIndicators() throws Exception {
    for (int count : new int[] {0, 1, 1000}) {
      List<String[]> indicators = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        indicators.add(new String[] {"ipv4-addr", "198.51.100." + (i % 250), "198.51.100." + (i % 250), "2026-11-28 10:00 UTC"});
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      tracker.write(new ExcelTracker.Contents("OP-2026-0099", Tlp.GREEN, "2026-11-28 10:00 UTC", List.<String[]>of(new String[] {"Reference", "OP-2026-0099"}),
          ExcelTracker.Rows.of(indicators), ExcelTracker.Rows.of(List.of()), ExcelTracker.Rows.of(List.of()), ExcelTracker.Rows.of(List.of())), out);
      try (XSSFWorkbook workbook = open(out.toByteArray())) {
        XSSFSheet sheet = workbook.getSheet("Indicators");
        assertThat(sheet.getLastRowNum()).as("%d indicators", count).isEqualTo(count);
        assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Value");
        assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:G" + (count + 1)); // type, value, normalised, received, then the result, its day, who reported it
      }
    }
  }

  @Test
  void trackerOfARealOperation() throws Exception {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("DE", "FR")));
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT", "responseNote", "+49 call us"));
    driver.complete(driver.officer("FR"), ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "ACCEPT", "responseNote", "@SUM(A1:A9)"));
    List<String> items = driver.registerEvidence(ref, "=HYPERLINK(\"http://evil.example\",\"open me\")", "netflow", "-1+1");
    driver.complete("cora", ref, "Task_PrepareEvidencePackage", "DE", vars("evidenceItems", ProcessDriver.evidencePackage(items.subList(0, 2))));
    driver.complete("cora", ref, "Task_PrepareEvidencePackage", "FR", vars("evidenceItems", ProcessDriver.evidencePackage(items.subList(2, 3))));

    assertThat(http.withBasicAuth("lena", "demo").postForEntity("/api/operations/" + ref + "/documents/tracker", null, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<Map> created = http.withBasicAuth("cora", "demo").postForEntity("/api/operations/" + ref + "/documents/tracker", null, Map.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.getBody()).containsEntry("kind", "TRACKER").containsEntry("version", 1).containsEntry("fileName", ref + "-operation-tracker-v1.xlsx");
    ResponseEntity<byte[]> download = http.withBasicAuth("cora", "demo").getForEntity((String) created.getBody().get("href"), byte[].class);
    assertThat(download.getHeaders().getContentType()).hasToString(ExcelTracker.CONTENT_TYPE);

    try (XSSFWorkbook workbook = open(download.getBody())) {
      assertThat(workbook.sheetIterator()).toIterable().extracting(s -> s.getSheetName())
          .containsExactly("Summary", "Results", "Indicators", "Countries", "Evidence", "Timeline");
      for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
        XSSFSheet sheet = workbook.getSheetAt(i);
        assertThat(sheet.getPaneInformation().isFreezePane()).as(sheet.getSheetName()).isTrue();
        assertThat(sheet.getCTWorksheet().isSetAutoFilter()).as(sheet.getSheetName()).isTrue();
        assertThat(workbook.getFontAt(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
        int widest = 0;
        for (int column = 0; column < sheet.getRow(0).getLastCellNum(); column++) {
          widest = Math.max(widest, sheet.getColumnWidth(column));
        }
        assertThat(widest).as("the template's column widths").isGreaterThanOrEqualTo(256 * 24);
        assertThat(sheet.getHeader().getLeft()).contains("TLP:AMBER");
        assertThat(sheet.getFooter().getLeft()).contains("TLP:AMBER");
        assertThat(sheet.getFooter().getRight()).contains(ref, "page &P of &N");
      }
      assertThat(workbook.getSheet("Indicators").getLastRowNum()).isEqualTo(2);
      assertThat(rows(workbook.getSheet("Countries"))).extracting(r -> r.getCell(0).getStringCellValue() + " " + r.getCell(3).getStringCellValue())
          .containsExactly("DE Accepted", "FR Accepted");
      assertThat(rows(workbook.getSheet("Evidence"))).extracting(r -> r.getCell(0).getStringCellValue() + " " + r.getCell(2).getStringCellValue())
          .containsExactlyInAnyOrder("DE E1", "DE E2", "FR E3");
      assertThat(workbook.getSheet("Timeline").getLastRowNum()).isGreaterThan(5);

      // Partner text is never a formula: every cell is text, and the risky ones are quote-prefixed.
      List<Cell> cells = cells(workbook);
      assertThat(cells).noneMatch(c -> c.getCellType() == CellType.FORMULA);
      assertThat(cells).filteredOn(c -> c.getCellType() == CellType.STRING && !c.getStringCellValue().isEmpty()
          && "=+-@".indexOf(c.getStringCellValue().charAt(0)) >= 0)
          .hasSizeGreaterThanOrEqualTo(2).allSatisfy(c -> assertThat(c.getCellStyle().getQuotePrefixed()).as(c.getStringCellValue()).isTrue());
    }
  }

  /**
   * What a printed tracker looks like: a multi-line summary wraps within its row instead of overprinting the title,
   * the page header keeps to its sections, and the Countries and Evidence sheets fit the page at a readable scale.
   */
  @Test
  void aPrintedTrackerWrapsLongValuesAndFitsItsColumnsToThePage() throws Exception {
    String summary = "Three C2 servers seen in our telemetry.\nThey serve the banking trojan's panel and its payloads.\n"
        + "Hosting in Frankfurt, Paris and Amsterdam; the operators rotate domains every week, so act on all three at once.";
    String hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tracker.write(new ExcelTracker.Contents("OP-2026-0042", Tlp.AMBER, "2026-11-28 10:00 UTC", List.of(
            new String[] {"Reference", "OP-2026-0042"}, new String[] {"Title", "C2 servers of a banking trojan"},
            new String[] {"Summary", summary}, new String[] {"TLP rule", Tlp.AMBER.sharingRule()}),
        ExcelTracker.Rows.of(List.<String[]>of(new String[] {"url", "https://login-secure.example.org/panel/gate.php?id=1", "https://login-secure.example.org/panel/gate.php?id=1", "2026-11-28 10:00 UTC"})),
        ExcelTracker.Rows.of(List.<String[]>of(new String[] {"NL", "Netherlands", "Team High Tech Crime (THTC)", "Accepted", "officer-nl",
            "We take it; our colleagues in Rotterdam hold the hosting provider's contact.", "2026-11-28 10:00 UTC", "2026-11-28 11:00 UTC", "0",
            "Received", "1 server seized"})),
        ExcelTracker.Rows.of(List.<String[]>of(new String[] {"NL", "1", "E1", "Received", hash, "2026-11-28 12:00 UTC", "Disk image of the C2 server",
            "Disk image", hash, "1200000020", "Received by Netherlands; awaiting Germany", "match"})),
        ExcelTracker.Rows.of(List.of())), out);
    java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/documents"));
    java.nio.file.Files.write(java.nio.file.Path.of("target/documents/OP-2026-0042-tracker-print.xlsx"), out.toByteArray());
    try (XSSFWorkbook workbook = open(out.toByteArray())) {
      XSSFSheet sheet = workbook.getSheet("Summary");
      Row row = sheet.getRow(3);
      assertThat(row.getCell(1).getStringCellValue()).isEqualTo(summary);
      assertThat(row.getCell(1).getCellStyle().getWrapText()).as("the summary wraps").isTrue();
      assertThat(row.getCell(1).getCellStyle().getVerticalAlignment()).isEqualTo(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
      assertThat(row.getHeightInPoints()).as("three paragraphs, the last one two lines long").isGreaterThanOrEqualTo(4 * ExcelTracker.LINE_HEIGHT);
      assertThat(sheet.getRow(2).getHeightInPoints()).as("the title keeps one line").isLessThan(2 * ExcelTracker.LINE_HEIGHT);
      for (String name : List.of("Summary", "Results", "Indicators", "Countries", "Evidence", "Timeline")) {
        XSSFSheet each = workbook.getSheet(name);
        int width = 0;
        for (int column = 0; column < each.getRow(0).getLastCellNum(); column++) {
          width += each.getColumnWidth(column) / 256;
        }
        assertThat(width).as(name + ": total width in characters, printed at 85 % or more on landscape A4").isLessThanOrEqualTo(175);
        // One short item per section of the page header: the sharing rule is in the footer, where it has the line to itself.
        assertThat(each.getHeader().getLeft()).isEqualTo("&BTLP:AMBER&B");
        assertThat(each.getHeader().getRight()).doesNotContain(Tlp.AMBER.sharingRule());
        assertThat(each.getFooter().getLeft() + each.getFooter().getCenter() + each.getFooter().getRight()).contains(Tlp.AMBER.sharingRule());
      }
      XSSFSheet evidence = workbook.getSheet("Evidence");
      assertThat(evidence.getColumnWidth(2) / 256).as("the Item column holds a label such as E12").isLessThanOrEqualTo(8);
      assertThat(evidence.getRow(1).getCell(4).getCellStyle().getWrapText()).as("a SHA-256 wraps in its column").isTrue();
      assertThat(evidence.getRow(1).getHeightInPoints()).as("rows tall enough for the wrapped SHA-256").isGreaterThanOrEqualTo(3 * ExcelTracker.LINE_HEIGHT);
    }
  }

  private static List<Row> rows(XSSFSheet sheet) {
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= sheet.getLastRowNum(); i++) {
      rows.add(sheet.getRow(i));
    }
    return rows;
  }
}
