package org.takedown.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.provider.ProviderRequest;
import org.takedown.provider.ProviderRequestKind;
import org.takedown.provider.ProviderRequests;

/**
 * The legal requests drafted for a unit whose indicators sit at two providers (an autonomous system and a registrar):
 * a preservation request and a takedown request per provider, each with exactly that provider's indicators, every
 * field of Article 29(2) filled, in the unit's language; nothing the unit may not see (the vendor's name, its summary).
 */
@TakedownTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestDraftsTest {

  @Autowired ProcessDriver driver;
  @Autowired ProviderRequests requests;
  @Autowired RequestDrafts drafts;
  @Autowired JdbcTemplate jdbc;

  String ref;
  List<ProviderRequest> drafted;

  @BeforeAll
  void aUnitWithIndicatorsAtTwoProviders() {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE"));
    tip.put("title", "Emotet loader infrastructure");
    tip.put("summary", "Seen in the telemetry of our customer Contoso: do not share.");
    tip.put("vendor", "vera");
    tip.put("indicators", List.of(Map.of("type", "ipv4-addr", "value", "198.51.100.7"), Map.of("type", "ipv4-addr", "value", "198.51.100.8"),
        Map.of("type", "domain-name", "value", "loader.example.net"), Map.of("type", "url", "value", "http://loader.example.net/gate.php")));
    ref = driver.approveForAssignment(tip);
    Map<String, Long> ids = new LinkedHashMap<>();
    jdbc.query("select i.id, i.indicator_value from indicator i join operation o on o.id = i.operation_id where o.reference = ?",
        rs -> {
          ids.put(rs.getString(2), rs.getLong(1));
        }, ref);
    drafted = requests.draft(ref, "DE", List.of(
        new ProviderRequests.Group("AS64500", "Example Hosting GmbH", List.of(ids.get("198.51.100.7"), ids.get("198.51.100.8"))),
        new ProviderRequests.Group("registrar example", "Registrar Example SARL",
            List.of(ids.get("loader.example.net"), ids.get("http://loader.example.net/gate.php")))));
  }

  void language(String code) {
    jdbc.update("update country_assignment set unit_language = ? where country = 'DE' and operation_id = (select id from operation where reference = ?)",
        code, ref);
  }

  ProviderRequest request(ProviderRequestKind kind, String providerKey) {
    return drafted.stream().filter(r -> r.getKind() == kind && r.getProviderKey().equals(providerKey)).findFirst().orElseThrow();
  }

  static String text(XWPFDocument document) {
    return WordDocumentsTest.allText(document);
  }

  static List<String> column(XWPFTable table, int column) {
    List<String> values = new ArrayList<>();
    for (int row = 1; row < table.getRows().size(); row++) {
      values.add(table.getRow(row).getCell(column).getText());
    }
    return values;
  }

  @Test
  void aPreservationRequestPerProviderWithExactlyItsIndicatorsAndEveryArticle29FieldFilled() throws IOException {
    language("en");
    ProviderRequest hosting = request(ProviderRequestKind.PRESERVATION, "AS64500");
    RequestDrafts.Draft draft = drafts.draft(hosting.getId());
    assertThat(draft.fileName()).isEqualTo(ref + "-DE-preservation-request-Example-Hosting-GmbH-AS64500-en.docx");
    assertThat(draft.contentType()).isEqualTo(WordDocuments.CONTENT_TYPE);
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(draft.content()))) {
      String text = text(docx);
      assertThat(column(docx.getTables().get(0), 0)).containsExactly("198.51.100.7", "198.51.100.8");
      assertThat(column(docx.getTables().get(0), 1)).containsExactly("ipv4-addr", "ipv4-addr");
      assertThat(text).contains(
          // (a) the requesting authority
          "1. Requesting authority (Article 29(2)(a))", "national cybercrime unit (Germany)",
          // (b) the offence and a summary of the facts, as the unit may read them
          "2. Offence and summary of the facts", "investigation " + ref + ": “Emotet loader infrastructure”",
          "(source: a private-sector partner): 4 indicators in all", "the 4 indicators concerning Germany", "Those hosted by or registered with Example Hosting GmbH, 2 in number (IPv4 addresses)",
          "Those hosted by or registered with Example Hosting GmbH, 2 in number",
          // (c) the data and its relation to the offence
          "3. Stored computer data to be preserved and its relation to the offence", "These resources were used to commit the offences",
          // (d) the custodian and the location
          "Custodian: Example Hosting GmbH, operator of the autonomous system AS64500",
          "Country where the computer systems are located or registered: Germany.",
          // (e) necessity, (f) mutual assistance to follow
          "5. Necessity of the preservation (Article 29(2)(e))", "The data are at risk of loss or modification",
          "6. Mutual assistance request to follow (Article 29(2)(f))", "intends to submit a request for mutual assistance",
          "at least 60 days (Article 29(7))",
          // date, reference, TLP, the signature left to the unit
          "Reference: " + ref + "/DE/P" + hosting.getId(), "Operation: " + ref, "TLP:AMBER", "For the requesting authority",
          "Signature and stamp:");
      assertThat(text).doesNotContain("{{", "}}", "[value]", "??", "vera", "Aegis Threat Research", "Contoso", "loader.example.net", "Registrar Example");
    }

    ProviderRequest registrar = request(ProviderRequestKind.PRESERVATION, "registrar example");
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(drafts.draft(registrar.getId()).content()))) {
      assertThat(column(docx.getTables().get(0), 0)).containsExactly("loader.example.net", "http://loader.example.net/gate.php");
      assertThat(text(docx)).contains("Custodian: Registrar Example SARL, hosting provider or registrar of the resources listed below")
          .doesNotContain("198.51.100.7", "AS64500");
    }
  }

  @Test
  void aTakedownRequestPerProviderWithItsIndicatorsAndTheEvidenceThatSupportsIt() throws IOException {
    language("en");
    for (String provider : List.of("AS64500", "registrar example")) {
      ProviderRequest takedown = request(ProviderRequestKind.TAKEDOWN, provider);
      RequestDrafts.Draft draft = drafts.draft(takedown.getId());
      assertThat(draft.fileName()).contains("-DE-takedown-request-").endsWith("-en.docx");
      try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(draft.content()))) {
        String text = text(docx);
        assertThat(column(docx.getTables().get(0), 0)).hasSize(2);
        assertThat(text).contains("Request to suspend or take down malicious resources", "4. Evidence supporting the request",
            "No evidence package has been handed over to the unit for this operation yet", "5. Legal basis",
            "To be completed by the requesting authority").doesNotContain("{{", "??", "vera", "Aegis Threat Research", "Contoso");
      }
    }
  }

  @Test
  void allTheCountrysDraftsInOneZipWithReadableNames() throws IOException {
    language("fr");
    RequestDrafts.Draft zip = drafts.all(ref, "DE");
    assertThat(zip.fileName()).isEqualTo(ref + "-DE-provider-requests-fr.zip");
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.content()))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        names.add(e.getName());
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(in.readAllBytes()))) {
          assertThat(text(docx)).doesNotContain("{{", "??");
        }
      }
    }
    assertThat(names).containsExactlyInAnyOrder(
        ref + "-DE-preservation-request-Example-Hosting-GmbH-AS64500-fr.docx", ref + "-DE-preservation-request-Registrar-Example-SARL-fr.docx",
        ref + "-DE-takedown-request-Example-Hosting-GmbH-AS64500-fr.docx", ref + "-DE-takedown-request-Registrar-Example-SARL-fr.docx");
  }

  @ParameterizedTest
  @ValueSource(strings = {"fr", "es", "ar"})
  void eachRequestReadsInTheUnitsLanguage(String language) throws IOException {
    language(language);
    Map<String, List<String>> expected = Map.of(
        "fr", List.of("Demande de conservation rapide de données informatiques stockées", "Allemagne", "un partenaire du secteur privé",
            "Gardien des données\u00a0: Example Hosting GmbH, exploitant du système autonome AS64500", "Diffusion limitée"),
        "es", List.of("Solicitud de conservación rápida de datos informáticos almacenados", "Alemania", "un socio del sector privado",
            "Custodio de los datos: Example Hosting GmbH, operador del sistema autónomo AS64500", "Difusión limitada"),
        "ar", List.of("طلب التحفّظ العاجل على بيانات حاسوبية مخزّنة", "ألمانيا", "شريك من القطاع الخاص",
            "الجهة الحائزة للبيانات: Example Hosting GmbH، مشغّل النظام المستقل AS64500", "نشر محدود"));
    ProviderRequest hosting = request(ProviderRequestKind.PRESERVATION, "AS64500");
    RequestDrafts.Draft draft = drafts.draft(hosting.getId());
    assertThat(draft.fileName()).endsWith("-" + language + ".docx");
    keep(draft);
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(draft.content()))) {
      // Names and references inside Arabic sentences are isolated (U+2066/U+2068 … U+2069): read without those marks.
      String text = text(docx).replaceAll("[\u2066-\u2069]", "");
      assertThat(text(docx)).as("isolated only in a right-to-left language").matches(language.equals("ar") ? "(?s).*\u2068Example Hosting GmbH\u2069.*"
          : "(?s)[^\u2066-\u2069]*");
      assertThat(text).contains(expected.get(language)).contains("TLP:AMBER", "198.51.100.7")
          .doesNotContain("{{", "}}", "??", "Preservation request", "Article 29(2)");
      if (language.equals("ar")) {
        assertRightToLeftWithIndicatorsLeftToRight(docx, "198.51.100.7");
      }
    }
    RequestDrafts.Draft takedown = drafts.draft(request(ProviderRequestKind.TAKEDOWN, "AS64500").getId());
    keep(takedown);
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(takedown.content()))) {
      assertThat(text(docx)).doesNotContain("{{", "??", "Takedown request", "Legal basis");
    }
  }

  /** Kept in target/request-drafts/ to be opened and looked at (LibreOffice, Word). */
  static void keep(RequestDrafts.Draft draft) throws IOException {
    java.nio.file.Path folder = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "request-drafts"));
    java.nio.file.Files.write(folder.resolve(draft.fileName()), draft.content());
  }

  /** Arabic: every paragraph of the body outside the indicator cells is bidi; the indicator is in a left-to-right run and paragraph. */
  static void assertRightToLeftWithIndicatorsLeftToRight(XWPFDocument docx, String indicator) {
    for (XWPFParagraph p : docx.getParagraphs()) {
      if (!p.getText().isBlank() && !p.getText().startsWith("……")) {
        assertThat(p.getCTP().getPPr() != null && p.getCTP().getPPr().isSetBidi()
            && org.apache.poi.ooxml.util.POIXMLUnits.parseOnOff(p.getCTP().getPPr().getBidi())).as("bidi: " + p.getText()).isTrue();
      }
    }
    assertThat(docx.getTables().get(0).getCTTbl().getTblPr().isSetBidiVisual()).as("the table reads right to left").isTrue();
    XWPFParagraph cell = docx.getTables().get(0).getRow(1).getCell(0).getParagraphs().get(0);
    assertThat(cell.getText()).isEqualTo(indicator);
    assertThat(cell.getCTP().getPPr() == null || !cell.getCTP().getPPr().isSetBidi()
        || !org.apache.poi.ooxml.util.POIXMLUnits.parseOnOff(cell.getCTP().getPPr().getBidi())).as("the indicator's paragraph is not bidi").isTrue();
    for (XWPFRun run : cell.getRuns()) {
      assertThat(run.getCTR().getRPr() == null || run.getCTR().getRPr().sizeOfRtlArray() == 0).as("the indicator's run is left to right").isTrue();
    }
    XWPFParagraph title = docx.getParagraphs().get(0);
    assertThat(title.getRuns().get(0).getCTR().getRPr().sizeOfRtlArray()).as("Arabic words in right-to-left runs").isEqualTo(1);
  }
}
