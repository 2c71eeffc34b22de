package org.takedown.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;
import org.takedown.briefing.DocumentKind;
import org.takedown.briefing.DocumentRepository;
import org.takedown.briefing.DocumentService;
import org.takedown.dossier.PageClient;

/**
 * Need to know: an operation with one indicator in each of Germany, France and the Netherlands (real allocations the
 * embedded IP table places) and a domain the tip's countries place in all three. Germany's unit reads its own address
 * and the domain everywhere it reads the operation, and neither the French nor the Dutch address anywhere, with
 * "2 of the operation's 4 indicators are routed to Germany"; the fusion centre and the vendor read all four.
 */
@TakedownTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NeedToKnowTest {

  static final String DE = "193.99.200.1";
  static final String FR = "212.27.40.1";
  static final String NL = "94.142.240.1";
  static final String SHARED = "c2-panel.example.net";
  static final String GERMANY = "so4@de.units.example";
  static final String GERMAN_SCOPE = "2 of the operation's 4 indicators are routed to Germany";
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;
  @Autowired DocumentRepository documents;
  @Autowired DocumentService documentService;

  String ref;
  String officer;

  @BeforeAll
  void anOperationAskedOfThreeCountries() {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE", "FR", "NL"));
    tip.put("indicators", List.of(Map.of("type", "ipv4-addr", "value", DE), Map.of("type", "ipv4-addr", "value", FR),
        Map.of("type", "ipv4-addr", "value", NL), Map.of("type", "domain-name", "value", SHARED)));
    ref = driver.approveForAssignment(tip);
    officer = driver.officer("DE");
  }

  @Test
  void theGermanBriefListsGermanysIndicatorsOnlyWithTheCounts() throws Exception {
    String german = brief("DE");
    assertThat(german).contains(DE, SHARED, GERMAN_SCOPE + "; this brief lists those 2.").doesNotContain(FR, NL);
    // France's unit reads its brief in French.
    assertThat(brief("FR")).contains(FR, SHARED, "2 des 4 indicateurs de l’opération concernent le pays suivant\u00a0: France").doesNotContain(DE, NL);
    assertThat(brief("NL")).contains(NL, SHARED, "routed to the Netherlands").doesNotContain(DE, FR);
  }

  @Test
  void theFusionCentresDocumentsListThemAll() throws Exception {
    var briefing = documents.findFirstByOperationReferenceAndKindAndCountryOrderByVersionDesc(ref, DocumentKind.OPERATION_BRIEFING, null).orElseThrow();
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(briefing.getContent()))) {
      assertThat(allText(docx)).contains(DE, FR, NL, SHARED);
    }
    // The Excel tracker is the fusion centre's alone (units are sent no tracker): every indicator.
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(documentService.generateTracker(ref).getContent()))) {
      List<String> values = new ArrayList<>();
      for (Row row : workbook.getSheet("Indicators")) {
        values.add(row.getCell(1) == null ? "" : row.getCell(1).getStringCellValue());
      }
      assertThat(values).contains(DE, FR, NL, SHARED);
    }
  }

  @Test
  void theGermanMailAndItsAttachmentCarryGermanysOnly() throws Exception {
    MimeMessage request = MailBox.to(mail, GERMANY, ref).get(0);
    assertThat(MailBox.text(request, "text/plain")).contains(GERMAN_SCOPE + ".").doesNotContain(FR, NL);
    assertThat(Jsoup.parse(MailBox.text(request, "text/html")).text()).contains(GERMAN_SCOPE + ".").doesNotContain(FR, NL);
    String attached = null;
    Multipart parts = (Multipart) request.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (part.getFileName() != null && part.getFileName().endsWith(".docx")) {
        try (InputStream in = part.getInputStream(); XWPFDocument docx = new XWPFDocument(in)) {
          attached = allText(docx);
        }
      }
    }
    assertThat(attached).as("the brief attached").contains(DE, SHARED, GERMAN_SCOPE).doesNotContain(FR, NL);
  }

  @Test
  void theGermanActionPageListsGermanysOnly() throws Exception {
    MimeMessage request = MailBox.to(mail, GERMANY, ref).get(0);
    String accept = URI.create(MailBox.link(request, "Accept the assignment")).getRawPath();
    HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + accept)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(Jsoup.parse(page.body()).select(".indicators").text()).contains(GERMAN_SCOPE, DE, SHARED);
    assertThat(page.body()).doesNotContain(FR, NL);
  }

  @Test
  void theApiGivesTheUnitItsOwnAndEveryoneElseAll() throws Exception {
    JsonNode unit = api(officer, "/api/operations/" + ref);
    assertThat(values(unit.path("indicators"))).containsExactly(DE, SHARED);
    assertThat(unit.path("indicatorCount").asLong()).isEqualTo(2);
    assertThat(unit.path("operationIndicatorCount").asLong()).isEqualTo(4);
    assertThat(unit.path("indicatorScope").asText()).isEqualTo(GERMAN_SCOPE);
    assertThat(unit.toString()).doesNotContain(FR, NL);

    JsonNode staff = api("cora", "/api/operations/" + ref);
    assertThat(values(staff.path("indicators"))).containsExactly(DE, FR, NL, SHARED);
    assertThat(staff.path("indicatorCount").asLong()).isEqualTo(4);
    assertThat(staff.path("indicatorScope").asText()).isEqualTo("4 indicators");
    // The vendor sent them all.
    assertThat(values(api("vera", "/api/operations/" + ref).path("indicators"))).containsExactly(DE, FR, NL, SHARED);
  }

  @Test
  void theStixExportAndTheTaxiiCollectionGiveTheUnitItsOwn() throws Exception {
    assertThat(patterns(api(officer, "/api/operations/" + ref + "/stix"))).hasSize(2)
        .anySatisfy(p -> assertThat(p).contains(DE)).anySatisfy(p -> assertThat(p).contains(SHARED))
        .noneSatisfy(p -> assertThat(p).containsAnyOf(FR, NL));
    assertThat(patterns(api("cora", "/api/operations/" + ref + "/stix"))).hasSize(4);

    String collection = null;
    for (JsonNode c : taxii(officer, "/taxii2/api/collections/").path("collections")) {
      if (c.path("alias").asText().equals(ref)) {
        collection = c.path("id").asText();
      }
    }
    assertThat(collection).as("the unit reads the operation's collection").isNotNull();
    JsonNode objects = taxii(officer, "/taxii2/api/collections/" + collection + "/objects/");
    assertThat(patterns(objects)).hasSize(2).noneSatisfy(p -> assertThat(p).containsAnyOf(FR, NL));
    assertThat(objects.toString()).doesNotContain(FR, NL);
    assertThat(patterns(taxii("cora", "/taxii2/api/collections/" + collection + "/objects/"))).hasSize(4);
  }

  @Test
  void theOperationPageShowsTheUnitItsOwnWithTheCounts() {
    String unit = PageClient.signIn(port, officer).get("/operations/" + ref).body();
    assertThat(Jsoup.parse(unit).select("#indicators tbody tr").eachText())
        .anySatisfy(row -> assertThat(row).contains(DE, "Germany (DE), IP table"))
        .anySatisfy(row -> assertThat(row).contains(SHARED, "Germany (DE), vendor (the tip's countries)"));
    assertThat(Jsoup.parse(unit).select("#indicators .scope").text()).isEqualTo(GERMAN_SCOPE + ". Only these are shared with you.");
    assertThat(unit).doesNotContain(FR, NL, "France", "Netherlands");

    String staff = PageClient.signIn(port, "cora").get("/operations/" + ref).body();
    assertThat(Jsoup.parse(staff).select("#indicators tbody tr").eachText()).hasSize(4);
    assertThat(staff).contains(DE, FR, NL, SHARED);
  }

  @Test
  void theBoardsSearchDoesNotTellTheUnitOfAnotherCountrysIndicator() {
    PageClient unit = PageClient.signIn(port, officer);
    assertThat(unit.get("/board/cards?q=" + DE).body()).contains("id=\"card-" + ref);
    assertThat(unit.get("/board/cards?q=" + SHARED).body()).contains("id=\"card-" + ref);
    assertThat(unit.get("/board/cards?q=" + FR).body()).doesNotContain(ref);
    assertThat(unit.get("/board?q=" + NL).body()).doesNotContain(ref);
    assertThat(PageClient.signIn(port, "cora").get("/board/cards?q=" + FR).body()).contains("id=\"card-" + ref);
  }

  @Test
  void theUnitsTasksHoldNoIndicatorOfAnotherCountry() throws Exception {
    JsonNode tasks = api(officer, "/engine-rest/task?processInstanceBusinessKey=" + ref);
    assertThat(tasks).isNotEmpty();
    for (JsonNode task : tasks) {
      for (String part : List.of("/variables", "/form-variables")) {
        String body = raw(officer, "/engine-rest/task/" + task.path("id").asText() + part).body();
        assertThat(body).doesNotContain(FR, NL, "indicatorSummary", "countryProposal");
      }
    }
  }

  private String brief(String country) throws Exception {
    var brief = documents.findFirstByOperationReferenceAndKindAndCountryOrderByVersionDesc(ref, DocumentKind.ASSIGNMENT_BRIEF, country).orElseThrow();
    // Kept for a person to look at (as DocumentContentTest keeps its documents).
    java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/documents"));
    java.nio.file.Files.write(java.nio.file.Path.of("target/documents", "need-to-know-" + brief.getFileName()), brief.getContent());
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(brief.getContent()))) {
      return allText(docx);
    }
  }

  static String allText(XWPFDocument document) {
    StringBuilder text = new StringBuilder();
    document.getHeaderList().forEach(h -> text.append(h.getText()).append('\n'));
    document.getParagraphs().forEach(p -> text.append(p.getText()).append('\n'));
    document.getTables().forEach(t -> text.append(t.getText()).append('\n'));
    document.getFooterList().forEach(f -> text.append(f.getText()).append('\n'));
    return text.toString();
  }

  private static List<String> values(JsonNode indicators) {
    List<String> values = new ArrayList<>();
    indicators.forEach(i -> values.add(i.path("value").asText()));
    return values;
  }

  private static List<String> patterns(JsonNode bundle) {
    List<String> patterns = new ArrayList<>();
    bundle.path("objects").forEach(o -> {
      if ("indicator".equals(o.path("type").asText())) {
        patterns.add(o.path("pattern").asText());
      }
    });
    return patterns;
  }

  private JsonNode api(String user, String path) throws Exception {
    HttpResponse<String> r = raw(user, path);
    assertThat(r.statusCode()).as(path + " as " + user).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private JsonNode taxii(String user, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", RawHttp.basic(user, "demo")).header("Accept", "application/taxii+json;version=2.1").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + " as " + user).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> raw(String user, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", RawHttp.basic(user, "demo")).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
