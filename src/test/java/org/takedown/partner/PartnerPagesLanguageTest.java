package org.takedown.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.evidencePackage;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.system.Language;
import org.takedown.system.PartnerMessages;
import org.takedown.system.Tlp;

/**
 * Every /partner page a unit meets, for a unit of each official language (Germany English, France French, Spain
 * Spanish, Morocco Arabic) of one operation, driven through its real links: the assignment's action page and answer,
 * a used link, the evidence package before and after opening, the receipt form, the results page and its save, the
 * results list upload with a refused and an accepted preview, its recording, and the results said complete. Each page
 * is in the unit's language: no missing text ("??"), no English sentence of the bundles left in it; Arabic is right to
 * left with its references and indicators left to right.
 */
@TakedownTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerPagesLanguageTest {

  record Unit(String country, String language, String email, String indicator) {}

  static final List<Unit> UNITS = List.of(
      new Unit("DE", "en", "so4@de.units.example", "c2-de.example.net"),
      new Unit("FR", "fr", "ofac@fr.units.example", "c2-fr.example.net"),
      new Unit("ES", "es", "ucc@es.units.example", "c2-es.example.net"),
      new Unit("MA", "ar", "ncb@ma.ncb.example", "c2-ma.example.net"));

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;
  @Autowired ActionLinks links;
  @Autowired DownloadLinks downloads;
  @Autowired PartnerMessages messages;

  String ref;
  /** Per language, each page's name and its HTML as the unit's browser received it. */
  final Map<String, Map<String, String>> pages = new LinkedHashMap<>();

  @BeforeAll
  void everyUnitWalksThroughItsPages() throws Exception {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE", "FR", "ES", "MA"));
    tip.put("indicators", UNITS.stream().map(u -> Map.of("type", "domain-name", "value", u.indicator(), "country", u.country())).toList());
    ref = driver.approveForAssignment(tip);
    if (driver.openTasks(ref).stream().anyMatch(t -> t.getTaskDefinitionKey().equals("Task_SecondLegalApproval"))) {
      // A country outside the partnership's common legal ground takes four eyes (the review-level table).
      driver.complete("leon", ref, "Task_SecondLegalApproval", vars("legalDecision", "APPROVE", "legalBasis", "mandate"));
      driver.runJobs(ref);
    }
    List<String> items = driver.registerEvidence(ref, "Server image C2-ALPHA");
    // The operation moves on once every unit has answered: each phase is walked by every unit before the next.
    Map<String, HttpClient> browsers = new LinkedHashMap<>();
    for (Unit unit : UNITS) {
      Map<String, String> seen = new LinkedHashMap<>();
      pages.put(unit.language(), seen);
      HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
      browsers.put(unit.country(), browser);
      String accept = path(links.issue(driver.operation(ref), driver.called(ref, "national-assignment", unit.country()).getId(),
          PartnerAction.ACCEPT, unit.email()));
      seen.put("action", ok(browser, get(accept)));
      seen.put("done", ok(browser, post(accept, "note=")));
      seen.put("problem (used)", body(browser, get(accept), 409));
    }
    driver.runJobs(ref);
    for (Unit unit : UNITS) {
      Map<String, String> seen = pages.get(unit.language());
      HttpClient browser = browsers.get(unit.country());
      driver.complete("cora", ref, "Task_PrepareEvidencePackage", unit.country(), vars("evidenceItems", evidencePackage(items)));
      driver.runJobs(ref);
      String handover = driver.task(ref, "Task_ConfirmReceipt", unit.country()).getProcessInstanceId();
      String download = path(downloads.issue(driver.operation(ref), handover, unit.country(), null, unit.email(), Tlp.AMBER, items).url());
      seen.put("evidence", ok(browser, get(download)));
      assertThat(browser.send(post(download, ""), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(302);
      seen.put("evidence (opened)", ok(browser, get(download)));
      String receipt = path(links.issue(driver.operation(ref), handover, PartnerAction.CONFIRM_RECEIPT, unit.email()));
      seen.put("action (receipt)", ok(browser, get(receipt)));
      seen.put("action (receipt refused)", body(browser, post(receipt, "sha256=not-a-hash"), 400));
      driver.complete(driver.officer(unit.country()), ref, "Task_ConfirmReceipt", unit.country(), vars("receiptConfirmed", true,
          "reportedSha256", driver.matchingHashes(ref, items)));
      driver.runJobs(ref);
    }
    for (Unit unit : UNITS) {
      Map<String, String> seen = pages.get(unit.language());
      HttpClient browser = browsers.get(unit.country());
      String results = path(links.issue(driver.operation(ref), driver.task(ref, "Task_ReportResults", unit.country()).getProcessInstanceId(),
          PartnerAction.REPORT_RESULTS, unit.email())) + "/results";
      seen.put("results", ok(browser, get(results)));
      seen.put("results (saved)", ok(browser, post(results, "filter=&page=1&indicator-0=" + enc(unit.indicator()) + "&status-0=TAKEN_DOWN")));
      seen.put("problem (nothing to save)", body(browser, post(results, "filter=&page=1"), 400));
      String spreadsheet = results.replace("/results", "/spreadsheet");
      seen.put("spreadsheet", ok(browser, get(spreadsheet)));
      byte[] list = resultsList(unit);
      String refused = path(location(browser.send(upload(spreadsheet, fill(list, "vanished", "c2-elsewhere.example.org")),
          HttpResponse.BodyHandlers.ofString())));
      seen.put("spreadsheet-preview (refused)", ok(browser, get(refused)));
      String accepted = path(location(browser.send(upload(spreadsheet, fill(list, "SEIZED", null)), HttpResponse.BodyHandlers.ofString())));
      seen.put("spreadsheet-preview", ok(browser, get(accepted)));
      seen.put("spreadsheet-recorded", ok(browser, post(accepted, "")));
      seen.put("results-done", ok(browser, post(results, "filter=&page=1&complete=true")));
    }
    // The pages as received, to look at after the run (target/partner-pages/fr-results.html …).
    java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "partner-pages"));
    for (var language : pages.entrySet()) {
      for (var page : language.getValue().entrySet()) {
        java.nio.file.Files.writeString(dir.resolve(language.getKey() + "-" + page.getKey().replaceAll("[^a-z-]+", "-") + ".html"), page.getValue());
      }
    }
  }

  @Test
  void everyPageOfEveryUnitIsInItsLanguageWithNoMissingText() {
    for (Unit unit : UNITS) {
      Language language = Language.of(unit.language());
      Set<String> english = englishSentences(language);
      pages.get(unit.language()).forEach((page, html) -> {
        String text = visible(html);
        assertThat(html).as("%s page for %s", page, unit.country()).contains("<html lang=\"" + unit.language() + "\" dir=\"" + language.dir() + "\"")
            .doesNotContain("??");
        if (!language.equals(Language.ENGLISH)) {
          assertThat(english.stream().filter(text::contains).toList()).as("English left on the %s page for %s:\n%s", page, unit.country(), text)
              .isEmpty();
        }
      });
    }
  }

  @Test
  void theFrenchUnitReadsFrench() {
    Map<String, String> french = pages.get("fr");
    assertThat(visible(french.get("action"))).contains("Accepter la mission", "Opération " + ref + ", France",
        "Rien ne se produit tant que vous n’appuyez pas sur le bouton.");
    assertThat(visible(french.get("done"))).contains("Votre réponse est enregistrée : Accepter la mission pour l’opération " + ref + ", France.");
    assertThat(visible(french.get("problem (used)"))).contains("Ce lien a déjà été utilisé", "Votre réponse « Accepter la mission » a été enregistrée le ");
    assertThat(visible(french.get("evidence"))).containsPattern("Ce lien ne fonctionne qu’une fois, jusqu’au \\d{1,2} \\p{L}+ 20\\d\\d, \\d\\d:\\d\\d UTC");
    assertThat(visible(french.get("results (saved)"))).contains("Enregistré (France) : 1 résultat (1 modifié).", "demandé → neutralisé");
    assertThat(visible(french.get("spreadsheet-preview (refused)")))
        .contains("ligne 7 : « vanished » n’est pas un résultat ; choisissez parmi ", "neutralisé, saisi",
            "« c2-elsewhere.example.org » ne figure pas parmi les indicateurs de " + ref + " attribués à votre pays (France)")
        .doesNotContain("is not a result");
    assertThat(visible(french.get("results-done"))).contains("Vos résultats pour l’opération " + ref + ", France, sont complets.");
  }

  @Test
  void theEnglishUnitReadsWhatItReadBefore() {
    Map<String, String> english = pages.get("en");
    assertThat(visible(english.get("action"))).contains("Accept the assignment", "Operation " + ref + ", Germany, for ",
        "Nothing happens until you press the button. The link works once.");
    assertThat(visible(english.get("done"))).contains("Your answer is recorded: Accept the assignment for operation " + ref + ", Germany.");
    assertThat(visible(english.get("results (saved)"))).contains("Recorded for Germany: 1 result (1 changed).");
    assertThat(visible(english.get("spreadsheet-preview (refused)"))).contains("row 7: \"vanished\" is not a result; choose one of taken down");
  }

  @Test
  void arabicPagesReadRightToLeftWithReferencesAndIndicatorsLeftToRight() {
    pages.get("ar").forEach((page, html) -> assertThat(html).as(page).contains("<html lang=\"ar\" dir=\"rtl\""));
    Map<String, String> arabic = pages.get("ar");
    assertThat(arabic.get("action")).contains("<bdi dir=\"ltr\">" + ref + "</bdi>").containsPattern(
        Pattern.compile("<bdi dir=\"ltr\"><span class=\"type\">domain-name</span> <code>c2-ma\\.example\\.net</code></bdi>"));
    assertThat(arabic.get("results")).contains("<bdi dir=\"ltr\">" + ref + "</bdi>")
        .containsPattern("<code class=\"indicator\" dir=\"ltr\">c2-ma\\.example\\.net</code>");
    assertThat(arabic.get("evidence (opened)")).contains("<code class=\"sha256\" dir=\"ltr\">");
    assertThat(visible(arabic.get("action"))).contains("قبول المهمة", "العملية " + ref + "، المغرب");
    assertThat(visible(arabic.get("results"))).contains("الإبلاغ عن نتائجكم");
  }

  /** The English sentences of the bundles a translated page must not show: the fixed words around each text's arguments. */
  private Set<String> englishSentences(Language language) {
    Set<String> sentences = new TreeSet<>();
    for (String key : messages.keys()) {
      if (!(key.startsWith("pages.") || key.startsWith("action.") || key.startsWith("result.status."))) {
        continue;
      }
      String own = messages.text(language, key);
      for (String part : messages.text(Language.ENGLISH, key).split("\\{\\d+}")) {
        String fragment = part.strip();
        // Short pieces ("Type", "(zip)") and those the translation keeps (commands, "SHA-256") say nothing.
        if (fragment.length() >= 8 && !own.contains(fragment)) {
          sentences.add(fragment);
        }
      }
    }
    return sentences;
  }

  /** The text a person reads: the markup and its entities gone. */
  static String visible(String html) {
    return HtmlUtils.htmlUnescape(html.replaceAll("(?s)<head>.*?<title>", "<title>").replaceAll("(?s)</title>.*?</head>", "")
        .replaceAll("(?s)</?(?:title|h1|h2|p|li|dt|dd|td|th|tr|label|option|button|legend|summary|div|section|ul|ol|form|a|pre)\\b[^>]*>", " ")
        .replaceAll("(?s)<[^>]+>", "")).replaceAll("\\s+", " ");
  }

  private byte[] resultsList(Unit unit) throws Exception {
    MimeMessage asked = MailBox.to(mail, unit.email(), ref).stream().filter(m -> {
      try {
        return ResultSpreadsheetTest.attachment(m, ".xlsx", new ArrayList<>()) != null;
      } catch (Exception e) {
        return false;
      }
    }).findFirst().orElseThrow();
    return ResultSpreadsheetTest.attachment(asked, ".xlsx", new ArrayList<>());
  }

  /** The list with the unit's one indicator given a result, and optionally a row naming an indicator not its own. */
  static byte[] fill(byte[] list, String result, String foreign) throws Exception {
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(list)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = book.getSheetAt(0);
      sheet.getRow(6).createCell(2).setCellValue(result);
      if (foreign != null) {
        Row row = sheet.createRow(sheet.getLastRowNum() + 1);
        row.createCell(0).setCellValue("domain-name");
        row.createCell(1).setCellValue(foreign);
        row.createCell(2).setCellValue("SEIZED");
      }
      book.write(out);
      return out.toByteArray();
    }
  }

  private String ok(HttpClient browser, HttpRequest request) throws Exception {
    return body(browser, request, 200);
  }

  private String body(HttpClient browser, HttpRequest request, int status) throws Exception {
    HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s: %s", request.method(), request.uri(), response.body()).isEqualTo(status);
    return response.body();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
  }

  private HttpRequest post(String path, String form) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
  }

  private HttpRequest upload(String path, byte[] content) throws Exception {
    String boundary = "----" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"results.xlsx\"\r\n"
        + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
  }

  private static String location(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    return response.headers().firstValue("Location").orElseThrow();
  }

  private static String path(String url) {
    return URI.create(url).getRawPath();
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
