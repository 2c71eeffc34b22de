package org.takedown.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.DefaultResourceLoader;
import org.takedown.system.Tlp;

/** The Word templates of templates/word/, filled and opened again with POI. */
class WordDocumentsTest {

  private final WordDocuments word = new WordDocuments(new DefaultResourceLoader(), "file:templates/word/");

  static Map<String, Object> model(int indicators) {
    Map<String, Object> model = new HashMap<>();
    model.put("reference", "OP-2026-0042");
    model.put("title", "Kit <b>panel</b> & \"friends\"");
    model.put("summary", "=HYPERLINK(\"http://evil\") is just text here");
    model.put("generatedAt", "2026-11-28 10:00 UTC");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < indicators; i++) {
      rows.add(Map.of("type", "ipv4-addr", "value", "198.51.100." + i));
    }
    model.put("indicators", rows);
    model.put("countries", List.of(Map.of("name", "Germany (DE)", "nationalUnit", "BKA", "status", "ACCEPTED", "outcome", "")));
    model.put("timeline", List.of());
    return model;
  }

  static XWPFDocument open(byte[] content) throws IOException {
    return new XWPFDocument(new ByteArrayInputStream(content));
  }

  static String allText(XWPFDocument document) {
    StringBuilder text = new StringBuilder();
    document.getHeaderList().forEach(h -> text.append(h.getText()).append('\n'));
    document.getParagraphs().forEach(p -> text.append(p.getText()).append('\n'));
    document.getTables().forEach(t -> text.append(t.getText()).append('\n'));
    document.getFooterList().forEach(f -> text.append(f.getText()).append('\n'));
    return text.toString();
  }

  /** A list over pages (a unit's 316 indicators are seven) repeats its header row on each page, as Word and LibreOffice show it. */
  @Test
  void everyListingTableRepeatsItsHeaderRowOnEachPage() throws IOException {
    try (var templates = java.nio.file.Files.list(Path.of("templates/word"))) {
      for (Path template : templates.filter(t -> t.toString().endsWith(".docx")).toList()) {
        try (XWPFDocument docx = new XWPFDocument(java.nio.file.Files.newInputStream(template))) {
          for (XWPFTable table : docx.getTables()) {
            if (table.getRow(0).getCell(0).getText().startsWith("{{")) {
              assertThat(table.getRow(0).isRepeatHeader()).as(template + ": " + table.getRow(0).getCell(0).getText()).isTrue();
            }
          }
        }
      }
    }
  }

  /** Without column widths a table's columns come out equal, and a unit's name breaks inside its words ("Bundeskriminal amt"). */
  @Test
  void everyTableOfEveryTemplateSetsItsColumnWidths() throws IOException {
    try (var templates = java.nio.file.Files.list(Path.of("templates/word"))) {
      for (Path template : templates.filter(t -> t.toString().endsWith(".docx")).toList()) {
        try (XWPFDocument docx = new XWPFDocument(java.nio.file.Files.newInputStream(template))) {
          for (XWPFTable table : docx.getTables()) {
            assertThat(table.getCTTbl().getTblGrid()).as(template + ": " + table.getText().lines().findFirst().orElse("")).isNotNull();
            assertThat(table.getCTTbl().getTblGrid().sizeOfGridColArray()).as(template + " grid columns")
                .isEqualTo(table.getRow(0).getTableCells().size());
          }
        }
      }
    }
  }

  @Test
  void knowsWhichTemplatesPrintWhichTags() throws IOException {
    assertThat(word.uses("closure-report", "timeline")).isTrue();
    assertThat(word.uses("operation-briefing", "timeline")).isTrue();
    assertThat(word.uses("national-assignment-brief", "timeline")).as("the brief has no timeline").isFalse();
    assertThat(word.uses("evidence-handover-receipt", "timeline")).isFalse();
    assertThat(word.uses("evidence-handover-receipt", "items")).as("a table's tag").isTrue();
    assertThat(word.uses("legal-review-memo", "fourEyes")).as("a section's tag").isTrue();
    assertThat(word.uses("legal-review-memo", "tlpLabel")).as("a header's tag").isTrue();
  }

  @ParameterizedTest(name = "{0} indicator rows")
  @ValueSource(ints = {0, 1, 25})
  void tableRowsRepeatForZeroOneAndMany(int indicators) throws IOException {
    try (XWPFDocument document = open(word.render("operation-briefing", Tlp.AMBER, model(indicators)))) {
      XWPFTable table = document.getTables().get(0);
      assertThat(table.getRows()).hasSize(1 + indicators);
      assertThat(table.getRow(0).getCell(0).getText()).isEqualTo("Type");
      if (indicators > 0) {
        assertThat(table.getRow(indicators).getCell(1).getText()).isEqualTo("198.51.100." + (indicators - 1));
      }
      assertThat(allText(document)).doesNotContain("{{", "}}", "[type]", "[value]");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"operation-briefing", "legal-review-memo", "national-assignment-brief", "evidence-handover-receipt", "closure-report"})
  void everyTemplateCarriesTheTlpInHeaderAndFooterAndLeavesNoPlaceholder(String template) throws IOException {
    Map<String, Object> model = model(2);
    model.put("items", List.of(Map.of("label", "E1", "description", "disk image", "sha256", "ab".repeat(32), "size", "1.0 kB (1,024 bytes)")));
    model.put("informationRequests", List.of());
    try (XWPFDocument document = open(word.render(template, Tlp.RED, model))) {
      assertThat(document.getHeaderList()).singleElement().satisfies(h -> assertThat(h.getText()).contains("TLP:RED", "Named recipients only"));
      assertThat(document.getFooterList()).singleElement().satisfies(f -> assertThat(f.getText()).contains("TLP:RED", "OP-2026-0042", "generated 2026-11-28"));
      XWPFRun label = document.getHeaderList().get(0).getTables().get(0).getRow(0).getCell(0).getParagraphs().get(0).getRuns().get(0);
      assertThat(label.getColor()).isEqualTo("FF2B2B");
      assertThat(document.getHeaderList().get(0).getTables().get(0).getRow(0).getCell(0).getColor()).isEqualTo("000000");
      String text = allText(document);
      assertThat(text).doesNotContain("{{", "}}", "[name]", "[value]", "[description]", "[label]", "[sha256]", "[size]");
      assertThat(text).doesNotContain("Legal basis for sharing", "Second approval");
      if (template.equals("operation-briefing")) {
        // Partner text is data: written literally, not interpreted.
        assertThat(text).contains("Kit <b>panel</b> & \"friends\"", "=HYPERLINK(\"http://evil\") is just text here");
      }
    }
  }

  @Test
  void conditionalSectionsAppearOnlyWithTheirValues() throws IOException {
    Map<String, Object> model = model(1);
    model.put("legal", Map.of("basis", "Art. 4 mandate", "releaseTlp", "TLP:AMBER"));
    try (XWPFDocument document = open(word.render("operation-briefing", Tlp.AMBER, model))) {
      assertThat(allText(document)).contains("Legal basis for sharing: Art. 4 mandate (release at TLP:AMBER)");
    }
    model.put("fourEyes", Map.of("by", "leon"));
    model.put("informationRequests", List.of());
    try (XWPFDocument document = open(word.render("legal-review-memo", Tlp.AMBER, model))) {
      assertThat(allText(document)).contains("Second approval (four eyes) by leon.");
    }
  }

  @Test
  void theMemoPrintsItsInformationRequestsOrSaysNone() throws IOException {
    Map<String, Object> model = model(0);
    model.put("informationRequests", List.of(Map.of("question", "Which hoster runs srv-2?", "requestedBy", "lena", "status", "Answered",
        "answer", "Hetzner")));
    model.put("informationRequested", true);
    try (XWPFDocument document = open(word.render("legal-review-memo", Tlp.AMBER, model))) {
      assertThat(allText(document)).contains("Question\tAsked by\tStatus\tAnswer\nWhich hoster runs srv-2?\tlena\tAnswered\tHetzner")
          .doesNotContain("None:");
    }
    model.put("informationRequests", List.of());
    model.put("informationRequested", false);
    model.put("noInformationRequests", true);
    try (XWPFDocument document = open(word.render("legal-review-memo", Tlp.AMBER, model))) {
      String text = allText(document);
      assertThat(text).contains("Information requests to the vendor\nNone: the vendor was not asked for information.\nCountries")
          .doesNotContain("Question\tAsked by");
      assertThat(document.getTables()).as("only the countries' table").hasSize(1);
    }
  }

  @Test
  void aPlaceholderThatWordSplitAcrossRunsStillRendersAndKeepsItsFormatting(@TempDir Path templates) throws IOException {
    try (XWPFDocument template = new XWPFDocument()) {
      XWPFParagraph paragraph = template.createParagraph();
      XWPFRun before = paragraph.createRun();
      before.setText("Operation ");
      String[] pieces = {"{{", "ti", "tle}}"};
      for (String piece : pieces) {
        XWPFRun run = paragraph.createRun();
        run.setText(piece);
        run.setBold(true);
        run.setColor("C00000");
      }
      try (OutputStream out = new FileOutputStream(templates.resolve("split.docx").toFile())) {
        template.write(out);
      }
    }
    WordDocuments fromTemp = new WordDocuments(new DefaultResourceLoader(), "file:" + templates + "/");
    try (XWPFDocument document = open(fromTemp.render("split", Tlp.GREEN, Map.of("title", "Botnet panel")))) {
      XWPFParagraph paragraph = document.getParagraphs().get(0);
      assertThat(paragraph.getText()).isEqualTo("Operation Botnet panel");
      XWPFRun filled = paragraph.getRuns().stream().filter(r -> r.text().contains("Botnet")).findFirst().orElseThrow();
      assertThat(filled.isBold()).isTrue();
      assertThat(filled.getColor()).isEqualTo("C00000");
    }
  }
}
