package org.takedown.briefing;

import com.deepoove.poi.XWPFTemplate;
import com.deepoove.poi.config.Configure;
import com.deepoove.poi.plugin.table.LoopRowTableRenderPolicy;
import com.deepoove.poi.policy.RenderPolicy;
import com.deepoove.poi.policy.TextRenderPolicy;
import com.deepoove.poi.resolver.TemplateResolver;
import com.deepoove.poi.template.ElementTemplate;
import com.deepoove.poi.template.MetaTemplate;
import com.deepoove.poi.template.run.RunTemplate;
import com.deepoove.poi.util.TableTools;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.xmlbeans.XmlCursor;

/**
 * Repeated table rows ({{rows}} in the header row, [field] in the row below), made for large tables: what poi-tl's
 * {@link LoopRowTableRenderPolicy} makes, without its cost per row (a copy of the row in the XML tree, resolved and
 * filled as a template of its own: about 0.5 ms a row at 30,000 rows, and 300 MB of heap).
 *
 * <p>While poi-tl fills the document, the template row is resolved once and each of its fields is replaced by a
 * marker; the rows are not made. When poi-tl has written the document, {@link #write} copies it and writes, in place
 * of each marked row, the row's XML once per element with the element's values, streamed into the output: memory
 * stays that of the model and the output, and a row costs a few microseconds. The text is written as poi-tl writes it
 * (TextRenderPolicy): a line break ({@code \n} or {@code \r\n}) becomes a text-wrapping break, spaces at either end are
 * kept (xml:space="preserve"), and characters XML cannot hold are written as XmlBeans writes them ({@code ?}; CR as
 * {@code &#13;}). Everything else of the row (cell and run properties,
 * borders, shading, fonts, the row's own properties such as a repeated header or right-to-left) is the template's,
 * copied as it is.
 *
 * <p>A table this cannot make exactly as poi-tl would (a field other than plain text, a nested table, a value that is
 * missing or null, or not text, a number or a truth value, an element that is not a map) is left to poi-tl's policy,
 * as before. One instance
 * per document: it keeps the tables it marked until {@link #write}.
 */
final class RepeatedRows implements RenderPolicy {

  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

  private final LoopRowTableRenderPolicy poiTl = new LoopRowTableRenderPolicy();
  /** Unguessable, so that no text of the document can pass for a marker. */
  private final String nonce = "TKDROWS" + UUID.randomUUID().toString().replace("-", "");
  private final Pattern marker = Pattern.compile(nonce + "_(\\d+)_(\\d+)_");
  private final List<Table> tables = new ArrayList<>();

  /** A marked table: its fields, in the order of their markers' numbers, and its elements. */
  private record Table(List<String> fields, Collection<?> elements) {
  }

  /** Whether some table's rows are still to be written by {@link #write}. */
  boolean pending() {
    return !tables.isEmpty();
  }

  /** How many tables this writes (those left to poi-tl and those without rows not counted). */
  int tables() {
    return tables.size();
  }

  @Override
  public void render(ElementTemplate element, Object data, XWPFTemplate template) {
    List<RunTemplate> fields = fields(element, data, template);
    if (fields == null) {
      poiTl.render(element, data, template);
      return;
    }
    XWPFRun tag = ((RunTemplate) element).getRun();
    XWPFTableRow header = ((XWPFTableCell) ((XWPFParagraph) tag.getParent()).getBody()).getTableRow();
    XWPFTable table = header.getTable();
    int row = table.getRows().indexOf(header) + 1;
    tag.setText("", 0);
    Collection<?> elements = (Collection<?>) data;
    if (elements.isEmpty()) {
      table.removeRow(row);
      return;
    }
    List<String> names = new ArrayList<>();
    for (RunTemplate field : fields) {
      field.getRun().setText(nonce + "_" + tables.size() + "_" + names.size() + "_", 0);
      names.add(field.getTagName());
    }
    tables.add(new Table(names, elements));
  }

  /**
   * The template row's fields, resolved as poi-tl resolves them; null when this table is for poi-tl's policy: no
   * list, no row below the tag, or something in the row or the elements that only poi-tl fills as it should.
   */
  private static List<RunTemplate> fields(ElementTemplate element, Object data, XWPFTemplate template) {
    if (!(data instanceof Collection<?>) || !(element instanceof RunTemplate tag) || !TableTools.isInsideTable(tag.getRun())) {
      return null;
    }
    XWPFTableRow header = ((XWPFTableCell) ((XWPFParagraph) tag.getRun().getParent()).getBody()).getTableRow();
    XWPFTable table = header.getTable();
    int index = table.getRows().indexOf(header) + 1;
    if (index <= 0 || index >= table.getRows().size()) {
      return null;
    }
    Configure config;
    try {
      config = template.getConfig().copy("[", "]");
    } catch (CloneNotSupportedException e) {
      return null;
    }
    if (!config.getPreRenderDataCastors().isEmpty()) {
      return null;
    }
    List<RunTemplate> fields = new ArrayList<>();
    TemplateResolver resolver = new TemplateResolver(config);
    for (XWPFTableCell cell : table.getRow(index).getTableCells()) {
      // poi-tl continues a vertical merge down its copies: left to it.
      if (!cell.getTables().isEmpty() || cell.getCTTc().isSetTcPr() && cell.getCTTc().getTcPr().isSetVMerge()) {
        return null;
      }
      for (MetaTemplate found : resolver.resolveBodyElements(cell.getBodyElements())) {
        if (found.getClass() != RunTemplate.class) {
          return null;
        }
        RunTemplate field = (RunTemplate) found;
        if (!FIELD_NAME.matcher(field.getTagName()).matches() || field.findPolicy(config).getClass() != TextRenderPolicy.class
            || !onlyOneText(field.getRun())) {
          return null;
        }
        fields.add(field);
      }
    }
    for (Object each : (Collection<?>) data) {
      if (!(each instanceof Map<?, ?> values)) {
        return null;
      }
      for (RunTemplate field : fields) {
        Object value = values.get(field.getTagName());
        // poi-tl clears a field without a value (ClearHandler), which may remove its paragraph: left to poi-tl.
        if (value == null || !(value instanceof CharSequence || value instanceof Number || value instanceof Boolean
            || value instanceof Character)) {
          return null;
        }
      }
    }
    return fields;
  }

  /** A run of run properties and one text, as the resolver leaves a field: its text is replaced where it stands. */
  private static boolean onlyOneText(XWPFRun run) {
    try (XmlCursor children = run.getCTR().newCursor()) {
      int texts = 0;
      for (boolean more = children.toFirstChild(); more; more = children.toNextSibling()) {
        String name = children.getName().getLocalPart();
        if (name.equals("t")) {
          texts++;
        } else if (!name.equals("rPr")) {
          return false;
        }
      }
      return texts == 1;
    }
  }

  /** The document poi-tl wrote, with every marked table's rows written in, into out. */
  void write(byte[] document, OutputStream out) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(document));
         ZipOutputStream zip = new ZipOutputStream(new FilterOutputStream(out) {
           @Override
           public void write(byte[] b, int off, int len) throws IOException {
             out.write(b, off, len);
           }

           @Override
           public void close() throws IOException {
             flush(); // the caller's stream stays open
           }
         })) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        byte[] content = in.readAllBytes();
        zip.putNextEntry(new ZipEntry(entry.getName()));
        String xml = entry.getName().endsWith(".xml") ? new String(content, StandardCharsets.UTF_8) : null;
        if (xml != null && xml.contains(nonce)) {
          Writer writer = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16);
          expand(xml, writer);
          writer.flush();
        } else {
          zip.write(content);
        }
        zip.closeEntry();
      }
    }
  }

  /** One part's XML with each marked row written once per element of its table. */
  private void expand(String xml, Writer out) throws IOException {
    Matcher found = marker.matcher(xml);
    int from = 0;
    while (found.find(from)) {
      Table table = tables.get(Integer.parseInt(found.group(1)));
      int[] start = rowStart(xml, from, found.start());
      String prefix = xml.substring(start[1], start[2]);
      String end = "</" + prefix + "tr>";
      int rowEnd = xml.indexOf(end, found.end());
      if (rowEnd < 0) {
        throw new IllegalStateException("A repeated row's end is missing");
      }
      rowEnd += end.length();
      out.write(xml, from, start[0] - from);
      // poi-tl gives the cells of every row but the first cell properties (empty ones), where the template has none.
      String first = xml.substring(start[0], rowEnd);
      Row row = new Row(first, prefix);
      Row others = new Row(Pattern.compile("(<" + Pattern.quote(prefix) + "tc(?:\\s[^>]*)?>)(?!<" + Pattern.quote(prefix) + "tcPr[\\s>/])")
          .matcher(first).replaceAll("$1<" + Matcher.quoteReplacement(prefix) + "tcPr/>"), prefix);
      for (Object element : table.elements()) {
        row.write(table.fields(), (Map<?, ?>) element, out);
        row = others;
      }
      from = rowEnd;
    }
    out.write(xml, from, xml.length() - from);
  }

  private static final Pattern ROW_START = Pattern.compile("<((?:[A-Za-z_][\\w.-]*:)?)tr[\\s>]");

  /** Where the row that holds the marker at {@code marker} starts, and its namespace prefix (start, end in xml). */
  private static int[] rowStart(String xml, int from, int marker) {
    Matcher row = ROW_START.matcher(xml).region(from, marker);
    int[] last = null;
    while (row.find()) {
      last = new int[] {row.start(), row.start(1), row.end(1)};
    }
    if (last == null) {
      throw new IllegalStateException("A repeated row's start is missing");
    }
    return last;
  }

  /** A marked row's XML split at its fields: the text before each field (up to its w:t start tag), the tag (also with xml:space="preserve"), the field. */
  private final class Row {
    private final List<String> before = new ArrayList<>();
    private final List<String> startTags = new ArrayList<>();
    private final List<String> preservedStartTags = new ArrayList<>();
    private final List<Integer> fields = new ArrayList<>();
    private final String after;
    private final String breakThenText;
    private final String text;
    private final String preservedText;

    Row(String xml, String prefix) {
      Pattern startTag = Pattern.compile("<" + Pattern.quote(prefix) + "t(\\s[^>]*)?>$");
      String endTag = "</" + prefix + "t>";
      Matcher found = marker.matcher(xml);
      int from = 0;
      while (found.find()) {
        Matcher tag = startTag.matcher(xml.substring(from, found.start()));
        if (!tag.find() || !xml.startsWith(endTag, found.end())) {
          throw new IllegalStateException("A repeated row's field is not the whole text of its run");
        }
        before.add(xml.substring(from, from + tag.start()));
        startTags.add(tag.group());
        preservedStartTags.add(tag.group().contains("xml:space") ? tag.group()
            : tag.group().substring(0, tag.group().length() - 1) + " xml:space=\"preserve\">");
        fields.add(Integer.parseInt(found.group(2)));
        from = found.end();
      }
      after = xml.substring(from);
      text = "<" + prefix + "t>";
      preservedText = "<" + prefix + "t xml:space=\"preserve\">";
      breakThenText = endTag + "<" + prefix + "br " + prefix + "type=\"textWrapping\"/>";
    }

    /** One element's row. */
    void write(List<String> names, Map<?, ?> values, Writer out) throws IOException {
      for (int i = 0; i < fields.size(); i++) {
        out.write(before.get(i));
        String[] lines = LINE_BREAK.split(values.get(names.get(fields.get(i))).toString(), -1);
        out.write(preserve(lines[0]) ? preservedStartTags.get(i) : startTags.get(i));
        escape(lines[0], out);
        for (int l = 1; l < lines.length; l++) {
          out.write(breakThenText);
          out.write(preserve(lines[l]) ? preservedText : text);
          escape(lines[l], out);
        }
      }
      out.write(after);
    }
  }

  /** As poi-tl's TextRenderPolicy splits a value into lines. */
  private static final Pattern LINE_BREAK = Pattern.compile("\\n|(\\r\\n)");

  /** As POI marks a text (XWPFRun.preserveSpaces): when it starts or ends with white space. */
  private static boolean preserve(String text) {
    return !text.isEmpty() && (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1)));
  }

  /** Text as XmlBeans writes it: markup escaped, CR as a reference, a character XML cannot hold as '?'. */
  static void escape(String text, Writer out) throws IOException {
    int clean = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '\r' -> "&#13;";
        case '\t', '\n' -> null;
        default -> c < 0x20 || c == 0xFFFE || c == 0xFFFF ? "?" : null;
      };
      if (replacement != null) {
        out.write(text, clean, i - clean);
        out.write(replacement);
        clean = i + 1;
      }
    }
    out.write(text, clean, text.length() - clean);
  }
}
