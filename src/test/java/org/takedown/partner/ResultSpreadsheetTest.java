package org.takedown.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;
import org.takedown.system.Hashes;

/**
 * Germany's unit reports by returning the results list its request mail carried: a first upload with an unknown
 * result and a row naming France's indicator is shown with both refused by row number, and nothing is recorded; the
 * corrected list is shown, confirmed, and its results recorded with the file's name and SHA-256. The API reads the
 * same file as a preview and refuses what is not a workbook as problem+json.
 */
@TakedownTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultSpreadsheetTest {

  static final String DE1 = "193.99.201.1";
  static final String DE2 = "193.99.201.2";
  static final String DE3 = "193.99.201.3";
  static final String FR = "212.27.41.1";
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;
  @Autowired ActionLinks links;
  @Autowired JdbcTemplate jdbc;

  String ref;
  byte[] sent;
  String page;

  @BeforeAll
  void germanyAndFranceAccepted() throws Exception {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE", "FR"));
    tip.put("indicators", List.of(Map.of("type", "ipv4-addr", "value", DE1), Map.of("type", "ipv4-addr", "value", DE2),
        Map.of("type", "ipv4-addr", "value", DE3), Map.of("type", "ipv4-addr", "value", FR)));
    ref = driver.approveForAssignment(tip);
    MimeMessage request = MailBox.to(mail, "so4@de.units.example", ref).get(0);
    List<String> names = new ArrayList<>();
    sent = attachment(request, ".xlsx", names);
    assertThat(names).containsExactly(ref + "-national-assignment-brief-DE-v1.docx", ref + "-results-list-DE-v1.xlsx");
    assertThat(MailBox.everything(request)).contains("report your results in the attached results list (" + ref + "-results-list-DE-v1.xlsx)");
    String germany = driver.called(ref, "national-assignment", "DE").getId();
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
    driver.complete(driver.officer("FR"), ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "ACCEPT"));
    // The results page's link, as the results mail will carry it.
    String url = links.issue(driver.operation(ref), germany, PartnerAction.REPORT_RESULTS, "so4@de.units.example");
    page = URI.create(url).getRawPath() + "/spreadsheet";
  }

  @Test
  void theListSentHoldsOnlyGermanysIndicatorsAndADropDownOfTheResults() throws Exception {
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(sent))) {
      XSSFSheet sheet = book.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("TLP:AMBER");
      assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo(ref);
      assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("DE");
      assertThat(text(sheet.getRow(5))).startsWith("Type|Indicator|Result|Date");
      assertThat(List.of(text(sheet.getRow(6)), text(sheet.getRow(7)), text(sheet.getRow(8))))
          .containsExactly("ipv4-addr|" + DE1, "ipv4-addr|" + DE2, "ipv4-addr|" + DE3);
      assertThat(sheet.getLastRowNum()).isEqualTo(8);
      List<? extends DataValidation> validations = sheet.getDataValidations();
      assertThat(validations).hasSize(1);
      assertThat(validations.get(0).getValidationConstraint().getFormula1()).isEqualTo("Instructions!$A$12:$A$20");
      assertThat(validations.get(0).getRegions().getCellRangeAddress(0).formatAsString()).isEqualTo("C7:C9");
      assertThat(text(book.getSheet("Instructions").getRow(11))).isEqualTo("taken down|yes");
    }
  }

  @Test
  void anUnknownResultAndAForeignIndicatorAreRefusedByRowThenTheCorrectedListIsRecorded() throws Exception {
    byte[] wrong = fill(Map.of(7, "taken down", 8, "vanished"), FR);
    HttpResponse<String> uploaded = upload(page, "results DE.xlsx", wrong);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(302);
    String preview = URI.create(uploaded.headers().firstValue("Location").orElseThrow()).getRawPath();
    HttpResponse<String> shown = get(preview);
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body()).contains("1 result read: 1 change, 0 unchanged; 1 indicator left without a result; 2 rows refused: "
        + "row 8: &quot;vanished&quot; is not a result; choose one of taken down, seized", "row 10: &quot;" + FR
        + "&quot; is not one of Germany&#39;s indicators in " + ref, "Nothing can be recorded from this file").doesNotContain("Record these results");
    HttpResponse<String> forced = post(preview);
    assertThat(forced.statusCode()).isEqualTo(400);
    assertThat(forced.body()).contains("Nothing was recorded");
    assertThat(recorded()).isEmpty();

    byte[] right = fill(Map.of(7, "taken down", 8, "NOT_FOUND"), null);
    uploaded = upload(page, "results DE.xlsx", right);
    preview = URI.create(uploaded.headers().firstValue("Location").orElseThrow()).getRawPath();
    shown = get(preview);
    assertThat(shown.body()).contains("2 results read: 2 changes, 0 unchanged; 1 indicator left without a result.", "requested → taken down",
        "requested → not found", "Record these results");
    assertThat(recorded()).isEmpty();
    HttpResponse<String> confirmed = post(preview);
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
    assertThat(confirmed.body()).contains("2 results recorded for Germany (2 changed).");
    assertThat(recorded()).containsExactly(DE1 + " TAKEN_DOWN", DE2 + " NOT_FOUND");
    assertThat(jdbc.queryForMap("select channel, reported_by, file_name, file_sha256 from result_report r join operation o on o.id = r.operation_id"
        + " where o.reference = ?", ref)).containsValues("SPREADSHEET", "so4@de.units.example", "results DE.xlsx", Hashes.sha256(right));
    assertThat(jdbc.queryForObject("select count(*) from result_upload u join operation o on o.id = u.operation_id where o.reference = ?",
        Integer.class, ref)).isEqualTo(1); // the refused one waits until it is a day old
    assertThat(post(preview).statusCode()).isEqualTo(404);

    // The API reads the same list without recording; what is not a workbook is refused in words.
    HttpResponse<String> api = upload("/api/operations/" + ref + "/results/spreadsheet?country=DE&preview=true", "r.xlsx", right);
    assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
    JsonNode read = JSON.readTree(api.body());
    assertThat(read.path("unchanged").asLong()).isEqualTo(2);
    assertThat(read.path("lines").get(1).path("row").asInt()).isEqualTo(8);
    HttpResponse<String> text = upload("/api/operations/" + ref + "/results/spreadsheet?country=DE", "r.xlsx",
        "indicator,result\n".getBytes(StandardCharsets.UTF_8));
    assertThat(text.statusCode()).isEqualTo(400);
    assertThat(text.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(text.body()).contains("is not an Excel workbook (.xlsx)");
  }

  List<String> recorded() {
    return jdbc.queryForList("select i.indicator_value || ' ' || r.status from indicator_result r join indicator i on i.id = r.indicator_id"
        + " join operation o on o.id = r.operation_id where o.reference = ? order by i.indicator_value", String.class, ref);
  }

  /** The list sent, with results typed into column C by Excel row, and optionally a row added naming another indicator. */
  byte[] fill(Map<Integer, String> results, String added) throws Exception {
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(sent)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = book.getSheetAt(0);
      results.forEach((row, status) -> sheet.getRow(row - 1).createCell(2).setCellValue(status));
      if (added != null) {
        Row row = sheet.createRow(sheet.getLastRowNum() + 1);
        row.createCell(0).setCellValue("ipv4-addr");
        row.createCell(1).setCellValue(added);
        row.createCell(2).setCellValue("seized");
      }
      book.write(out);
      return out.toByteArray();
    }
  }

  static String text(Row row) {
    List<String> cells = new ArrayList<>();
    row.forEach(c -> cells.add(c.getStringCellValue()));
    return String.join("|", cells);
  }

  static byte[] attachment(Part part, String suffix, List<String> names) throws Exception {
    byte[] found = null;
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        byte[] inner = attachment(multipart.getBodyPart(i), suffix, names);
        found = found == null ? inner : found;
      }
    } else if (part.getFileName() != null) {
      names.add(part.getFileName());
      if (part.getFileName().endsWith(suffix)) {
        found = part.getInputStream().readAllBytes();
      }
    }
    return found;
  }

  HttpResponse<String> upload(String path, String fileName, byte[] content) throws Exception {
    String boundary = "----" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (path.startsWith("/api/")) {
      request.header("Authorization", RawHttp.basic(driver.officer("DE"), "demo"));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("")).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
