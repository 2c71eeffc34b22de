package org.takedown.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
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
 * The documents a unit receives, in each of INTERPOL's languages: the national assignment brief, the evidence
 * handover receipt and the results list, with no text missing; Arabic right to left with its indicators left to
 * right, and its text still there once LibreOffice has made a PDF of it.
 */
@TakedownTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnitDocumentLanguagesTest {

  @Autowired ProcessDriver driver;
  @Autowired DocumentService documents;
  @Autowired RequestDrafts drafts;
  @Autowired ProviderRequests requests;
  @Autowired JdbcTemplate jdbc;
  @TempDir Path dir;

  String ref;
  List<String> items;

  @BeforeAll
  void anOperationAskedOfGermany() {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE"));
    tip.put("title", "Qakbot loader infrastructure");
    ref = driver.approveForAssignment(tip);
    items = driver.registerEvidence(ref, "Disk image of the C2 server");
    List<Long> ids = jdbc.queryForList("select i.id from indicator i join operation o on o.id = i.operation_id where o.reference = ? order by i.id",
        Long.class, ref);
    requests.draft(ref, "DE", List.of(new ProviderRequests.Group("AS64500", "Example Hosting GmbH", ids)));
  }

  void language(String code) {
    jdbc.update("update country_assignment set unit_language = ? where country = 'DE' and operation_id = (select id from operation where reference = ?)",
        code, ref);
  }

  /** The step's variables as the per-country process gives them. */
  VariableScope variables() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("country", "DE");
    values.put("evidenceItems", ProcessDriver.evidencePackage(items));
    values.put("releasedBy", "cora");
    return (VariableScope) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {VariableScope.class},
        (proxy, method, args) -> method.getName().equals("getVariable") ? values.get((String) args[0]) : null);
  }

  XWPFDocument generate(DocumentKind kind) throws IOException {
    Document document = documents.generate(kind, variables(), ref);
    // Kept in target/unit-documents/ to be opened and looked at.
    Path kept = Files.createDirectories(Path.of("target", "unit-documents"));
    Files.write(kept.resolve(document.getFileName().replace(".docx", "-" + document.getCountry() + "-"
        + jdbc.queryForObject("select unit_language from country_assignment where country = 'DE' and operation_id = (select id from operation"
        + " where reference = ?)", String.class, ref) + ".docx")), document.getContent());
    return new XWPFDocument(new ByteArrayInputStream(document.getContent()));
  }

  static String text(XWPFDocument docx) {
    return WordDocumentsTest.allText(docx).replaceAll("[\\u2066-\\u2069]", "");
  }

  static final Map<String, List<String>> BRIEF = Map.of(
      "fr", List.of("Note de mission nationale " , "Allemagne", "Destinataire\u00a0: ", "Actions autorisées\u00a0: PAP:GREEN\u00a0: Actions actives autorisées.",
          "Source\u00a0: un partenaire du secteur privé", "2 des 2 indicateurs de l’opération concernent le pays suivant\u00a0: Allemagne",
          "Diffusion limitée", "Accepter la mission"),
      "es", List.of("Nota de asignación nacional ", "Alemania", "Acciones permitidas: PAP:GREEN: Se permiten acciones activas.",
          "Fuente: un socio del sector privado", "2 de los 2 indicadores de la operación corresponden al siguiente país: Alemania",
          "Aceptar la asignación"),
      "ar", List.of("مذكرة المهمة الوطنية", "ألمانيا", "المصدر: شريك من القطاع الخاص", "يتعلق 2 من مؤشرات العملية البالغ عددها 2",
          "قبول المهمة"));

  static final Map<String, List<String>> RECEIPT = Map.of(
      "fr", List.of("Récépissé de remise de preuves ", "Allemagne", "Remis par\u00a0: Centre de fusion, pour l’opération ", "coordinateur\u00a0: cora",
          "Objet\u00a0: Neutralisation de l’infrastructure visée par l’opération", "Disk image of the C2 server", "Reçu par ("),
      "es", List.of("Acuse de entrega de pruebas ", "Alemania", "Entregado por: Centro de fusión, para la operación ", "Finalidad: Desmantelamiento",
          "Disk image of the C2 server", "Firma:"),
      "ar", List.of("إيصال تسليم الأدلة", "ألمانيا", "سلّمها: مركز دمج المعلومات، للعملية ", "المنسّق: cora", "الغرض: تفكيك البنية التحتية",
          "Disk image of the C2 server", "التوقيع:"));

  @ParameterizedTest
  @ValueSource(strings = {"fr", "es", "ar"})
  void theBriefAndTheReceiptReadInTheUnitsLanguage(String language) throws IOException {
    language(language);
    try (XWPFDocument brief = generate(DocumentKind.ASSIGNMENT_BRIEF)) {
      String text = text(brief);
      assertThat(text).as(language).contains(BRIEF.get(language));
      assertThat(text).contains(ref, "TLP:AMBER", "198.51.100.1", "c2.example.net", "Qakbot loader infrastructure")
          .doesNotContain("{{", "}}", "??", "[type]", "National assignment brief", "Permissible actions", "a private-sector partner", "vera", "Aegis Threat Research",
              "Three C2 servers");
      if (language.equals("ar")) {
        RequestDraftsTest.assertRightToLeftWithIndicatorsLeftToRight(brief, "ipv4-addr");
      }
    }
    try (XWPFDocument receipt = generate(DocumentKind.HANDOVER_RECEIPT)) {
      String text = text(receipt);
      assertThat(text).contains(RECEIPT.get(language)).contains(ref, items.get(0), "TLP:AMBER")
          .doesNotContain("{{", "}}", "??", "Evidence handover receipt", "Released by", "Fusion centre", "not yet decided");
      if (language.equals("ar")) {
        assertThat(receipt.getParagraphs().get(0).getCTP().getPPr().isSetBidi()).isTrue();
      }
    }
  }

  @Test
  void inEnglishTheyReadAsTheyAlwaysDid() throws IOException {
    language("en");
    try (XWPFDocument brief = generate(DocumentKind.ASSIGNMENT_BRIEF)) {
      assertThat(text(brief)).contains("National assignment brief " + ref + ": Germany", "Source: a private-sector partner",
          "2 of the operation's 2 indicators are routed to Germany").doesNotContain("{{", "??");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "fr", "es", "ar"})
  void theResultsListReadsInTheUnitsLanguage(String language) throws IOException {
    language(language);
    Document list = documents.generateResultsList(variables(), ref);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(list.getContent()))) {
      String sheet = Map.of("en", "Results", "fr", "Résultats", "es", "Resultados", "ar", "النتائج").get(language);
      assertThat(book.getSheetName(0)).isEqualTo(sheet);
      StringBuilder text = new StringBuilder();
      book.forEach(s -> s.forEach(row -> row.forEach(cell -> text.append(cell).append('\n'))));
      assertThat(text.toString()).contains(ref, "198.51.100.1", "TLP:AMBER").doesNotContain("??", "{0}");
      if (!language.equals("en")) {
        assertThat(text.toString()).doesNotContain("Results list", "Choose a result", "taken down", "through the API");
      }
    }
  }

  /** LibreOffice makes a PDF of the Arabic brief and preservation request, and the Arabic text is in it (pdftotext). */
  @Test
  void arabicDocumentsConvertToPdfWithTheirArabicText() throws Exception {
    String soffice = PdfConversionTest.soffice();
    Assumptions.assumeTrue(soffice != null, "soffice is not on the PATH: PDF conversion of Arabic documents skipped");
    language("ar");
    Path brief = dir.resolve("brief-ar.docx");
    Files.write(brief, documents.generate(DocumentKind.ASSIGNMENT_BRIEF, variables(), ref).getContent());
    ProviderRequest preservation = requests.forCountry(ref, "DE").stream().filter(r -> r.getKind() == ProviderRequestKind.PRESERVATION)
        .findFirst().orElseThrow();
    Path request = dir.resolve("preservation-ar.docx");
    Files.write(request, drafts.draft(preservation.getId()).content());
    List<String> command = new ArrayList<>(List.of(soffice, "-env:UserInstallation=" + dir.resolve("profile").toUri(), "--headless",
        "--convert-to", "pdf", "--outdir", dir.toString(), brief.toString(), request.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("soffice.log").toFile()).start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("soffice finished").isTrue();
    assertThat(process.exitValue()).as(Files.readString(dir.resolve("soffice.log"))).isZero();
    assertThat(pdfText(dir.resolve("brief-ar.pdf"))).contains("المؤشرات", "198.51.100.1", ref);
    assertThat(pdfText(dir.resolve("preservation-ar.pdf"))).contains("السلطة الطالبة", "198.51.100.1", "AS64500");
  }

  /** The PDF's text as pdftotext reads it (in logical order), or PDFBox where pdftotext is not installed. */
  static String pdfText(Path pdf) throws Exception {
    assertThat(pdf).exists();
    if (PdfConversionTest.onPath("pdftotext") != null) {
      Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", pdf.toString(), "-").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return text;
    }
    try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
      return new org.apache.pdfbox.text.PDFTextStripper().getText(document);
    }
  }
}
