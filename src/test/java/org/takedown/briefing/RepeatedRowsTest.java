package org.takedown.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import com.deepoove.poi.XWPFTemplate;
import com.deepoove.poi.config.Configure;
import com.deepoove.poi.config.ConfigureBuilder;
import com.deepoove.poi.data.Texts;
import com.deepoove.poi.plugin.table.LoopRowTableRenderPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHeaderFooter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.DefaultResourceLoader;
import org.takedown.system.Tlp;

/**
 * The repeated rows of {@link RepeatedRows}: the same document as poi-tl's own row policy makes, for every template and
 * awkward text, and every value of a large table in its place.
 */
class RepeatedRowsTest {

  private final WordDocuments word = new WordDocuments(new DefaultResourceLoader(), "file:templates/word/");

  /** Text a row may hold: markup, line breaks of every kind, tabs, spaces at the ends, right-to-left and bidi controls, characters XML cannot hold, surrogates. */
  static final List<String> AWKWARD = List.of("plain", "<b>bold</b> & \"quoted\" 'single' ]]> end", "two\nlines", "windows\r\nlines",
      "lone\rcarriage return", "tab\tinside", "  leading and trailing  ", " ", "", "\n", "ends with a break\n", "عنوان الخادم ‎C2‏",
      "שרת שליטה", "gnp\u202Eexe.png", "nul\u0000 bell\u0007 \uFFFE\uFFFF", "emoji \uD83D\uDE00 lone \uD800 surrogate",
      "=HYPERLINK(\"http://evil\")", "a".repeat(300));

  /** Every table of every template filled with the awkward texts, one per row and field, and sections around some. */
  static Map<String, Object> awkwardModel() {
    Map<String, Object> model = WordDocumentsTest.model(0);
    Map<String, List<String>> tables = new LinkedHashMap<>();
    tables.put("indicators", List.of("type", "value"));
    tables.put("countries", List.of("name", "nationalUnit", "status", "outcome"));
    tables.put("timeline", List.of("activity", "assignee", "start", "end", "duration"));
    tables.put("informationRequests", List.of("question", "requestedBy", "status", "answer"));
    tables.put("items", List.of("label", "description", "sha256", "size"));
    tables.put("evidence", List.of("country", "item", "reportedSha256", "receipt"));
    tables.put("register", List.of("label", "description", "type", "sha256", "size", "status"));
    tables.put("breaks", List.of("item", "entry", "problem", "expected", "found"));
    tables.put("chain", List.of("seq", "event", "at", "actor", "parties", "purpose", "where", "hashes"));
    tables.forEach((table, fields) -> model.put(table, rows(fields, 0)));
    model.put("informationRequested", true);
    model.put("fourEyes", Map.of("by", "leon"));
    List<Map<String, Object>> custody = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Map<String, Object> item = new HashMap<>();
      item.put("heading", "E" + i);
      item.put("chain", rows(tables.get("chain"), i));
      custody.add(item);
    }
    model.put("custodyItems", custody);
    return model;
  }

  private static List<Map<String, Object>> rows(List<String> fields, int shift) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int r = 0; r < AWKWARD.size(); r++) {
      Map<String, Object> row = new HashMap<>();
      for (int f = 0; f < fields.size(); f++) {
        row.put(fields.get(f), AWKWARD.get((r + f + shift) % AWKWARD.size()));
      }
      rows.add(row);
    }
    // Numbers and truth values are written as text.
    Map<String, Object> other = new HashMap<>();
    for (int f = 0; f < fields.size(); f++) {
      other.put(fields.get(f), f % 2 == 0 ? (Object) (42 + f) : (Object) Boolean.TRUE);
    }
    rows.add(other);
    return rows;
  }

  /** The model as WordDocuments hands it to poi-tl, with the TLP label and rule. */
  static Map<String, Object> data(Tlp tlp, Map<String, Object> model) {
    Map<String, Object> data = new HashMap<>(model);
    data.put("tlpLabel", Texts.of(tlp.label()).bold().color(WordDocuments.colour(tlp)).create());
    data.put("tlpRule", tlp.sharingRule());
    return data;
  }

  /** The document as poi-tl's own row policy (LoopRowTableRenderPolicy) makes it, as WordDocuments did before. */
  static byte[] byPoiTl(String template, Tlp tlp, Map<String, Object> model) throws IOException {
    ConfigureBuilder builder = Configure.builder();
    LoopRowTableRenderPolicy rows = new LoopRowTableRenderPolicy();
    WordDocuments.TABLES.forEach(table -> builder.bind(table, rows));
    try (InputStream in = template(template);
         XWPFTemplate document = XWPFTemplate.compile(in, builder.build()).render(data(tlp, model));
         ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      document.write(out);
      return out.toByteArray();
    }
  }

  /** The document as WordDocuments makes it, with rows: how many tables it wrote, the others left to poi-tl. */
  static byte[] fast(String template, Tlp tlp, Map<String, Object> model, RepeatedRows rows) throws IOException {
    try (InputStream in = template(template)) {
      return WordDocuments.fill(in, data(tlp, model), rows);
    }
  }

  private static InputStream template(String name) throws IOException {
    return Files.newInputStream(Path.of("templates/word", name + ".docx"));
  }

  /** Every part a person sees, as XML read back by POI: the body, the headers and the footers. */
  static List<String> parts(byte[] content) throws IOException {
    try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(content))) {
      List<String> parts = new ArrayList<>();
      parts.add(document.getDocument().xmlText());
      document.getHeaderList().stream().map(XWPFHeaderFooter::_getHdrFtr).forEach(h -> parts.add(h.xmlText()));
      document.getFooterList().stream().map(XWPFHeaderFooter::_getHdrFtr).forEach(f -> parts.add(f.xmlText()));
      return parts;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"operation-briefing", "legal-review-memo", "national-assignment-brief", "evidence-handover-receipt",
      "closure-report", "custody-report"})
  void everyTemplateComesOutAsPoiTlsOwnRowPolicyMadeIt(String template) throws IOException {
    Map<String, Object> model = awkwardModel();
    RepeatedRows rows = new RepeatedRows();
    byte[] fast = fast(template, Tlp.AMBER, model, rows);
    List<String> expected = parts(byPoiTl(template, Tlp.AMBER, model));
    assertThat(parts(fast)).isEqualTo(expected);
    assertThat(expected.get(0)).as("the tables were filled").contains("tab\tinside", "שרת שליטה", "two</w:t><w:br w:type=\"textWrapping\"/><w:t>lines");
    assertThat(rows.tables()).as("tables written without poi-tl's policy").isEqualTo(switch (template) {
      case "operation-briefing" -> 3; // indicators, countries, timeline
      case "legal-review-memo" -> 2; // information requests, countries
      case "national-assignment-brief", "evidence-handover-receipt" -> 1;
      case "closure-report" -> 4; // countries, evidence, register, timeline
      default -> 2 + 3; // custody report: register, breaks, and each of the three items' chain
    });
  }

  @Test
  void aTableWithAMissingValueIsLeftToPoiTlAndStillComesOutTheSame() throws IOException {
    Map<String, Object> model = WordDocumentsTest.model(3);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> indicators = new ArrayList<>((List<Map<String, Object>>) model.get("indicators"));
    indicators.set(1, Map.of("type", "domain-name"));
    Map<String, Object> nullValue = new HashMap<>();
    nullValue.put("type", "url");
    nullValue.put("value", null);
    indicators.add(nullValue);
    model.put("indicators", indicators);
    RepeatedRows rows = new RepeatedRows();
    assertThat(parts(fast("operation-briefing", Tlp.GREEN, model, rows))).isEqualTo(parts(byPoiTl("operation-briefing", Tlp.GREEN, model)));
    assertThat(rows.tables()).as("only the countries' table").isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void noOneAndTwoRows(int indicators) throws IOException {
    Map<String, Object> model = WordDocumentsTest.model(indicators);
    assertThat(parts(fast("national-assignment-brief", Tlp.GREEN, model, new RepeatedRows())))
        .isEqualTo(parts(byPoiTl("national-assignment-brief", Tlp.GREEN, model)));
  }

  @Test
  void aLargeTableCarriesEveryValueInItsRowInOrder() throws Exception {
    int count = 30_000;
    Map<String, Object> model = WordDocumentsTest.model(0);
    List<Map<String, Object>> indicators = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      indicators.add(Map.of("type", i % 3 == 0 ? "domain-name" : "ipv4-addr", "value", i % 3 == 0 ? "host-" + i + ".example" : "10." + (i >> 16)
          + "." + (i >> 8 & 255) + "." + (i & 255)));
    }
    model.put("indicators", indicators);
    List<List<String>> tables = tables(word.render("operation-briefing", Tlp.AMBER, model));
    List<String> rows = tables.get(0);
    assertThat(rows).hasSize(1 + count);
    assertThat(rows.get(0)).isEqualTo("Type|Value");
    for (int i = 0; i < count; i++) {
      Map<String, Object> indicator = indicators.get(i);
      assertThat(rows.get(1 + i)).as("row %d", i + 1).isEqualTo(indicator.get("type") + "|" + indicator.get("value"));
    }
    assertThat(tables.get(1)).as("the countries' table after it").containsExactly("Country|National unit|Status", "Germany (DE)|BKA|ACCEPTED");
  }

  /** Each table of the body as its rows, each row its cells' text joined by '|', read as a stream (a 30,000-row table is too much for POI's tree in a test). */
  static List<List<String>> tables(byte[] docx) throws Exception {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docx))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        if (entry.getName().equals("word/document.xml")) {
          return tables(XMLInputFactory.newFactory().createXMLStreamReader(zip));
        }
      }
    }
    throw new AssertionError("no word/document.xml");
  }

  private static List<List<String>> tables(XMLStreamReader xml) throws Exception {
    String w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    List<List<String>> tables = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    boolean inText = false;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT && w.equals(xml.getNamespaceURI())) {
        switch (xml.getLocalName()) {
          case "tbl" -> tables.add(new ArrayList<>());
          case "tr" -> cells.clear();
          case "tc" -> text.setLength(0);
          case "t" -> inText = true;
          case "br" -> text.append('\n');
          default -> { }
        }
      } else if (event == XMLStreamConstants.END_ELEMENT && w.equals(xml.getNamespaceURI())) {
        switch (xml.getLocalName()) {
          case "t" -> inText = false;
          case "tc" -> cells.add(text.toString());
          case "tr" -> tables.get(tables.size() - 1).add(String.join("|", cells));
          default -> { }
        }
      } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && inText) {
        text.append(xml.getText());
      }
    }
    return tables;
  }
}
