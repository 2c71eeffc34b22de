package org.takedown.briefing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a Word template as plain WordprocessingML: the parts poi-tl and {@link RepeatedRows} read (tags in runs,
 * repeated table rows), the TLP header and footer of every document of templates/word/, and for a right-to-left
 * language (Arabic) bidi paragraphs, right-to-left runs for its words, tables laid out right to left, and left-to-right
 * runs and paragraphs for what stays left to right (references, indicators, hashes, e-mail addresses).
 *
 * <p>A tool, not a test: {@link WordTemplates} says what each template holds in each language. The .docx files it
 * wrote are committed, and operators edit those in Word afterwards.
 */
final class WordTemplateWriter {

  private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  private static final String R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  /** Table width in twips: A4 (11,906) less two margins of 2 cm (1,134 each). */
  private static final int TEXT_WIDTH = 9638;
  static final String HEADING_COLOUR = "1F3864";
  static final String HEADER_FILL = "D9E2F3";

  /** A piece of a paragraph. */
  sealed interface Part permits Text, Tag {}

  /** Fixed text in the template's language (right to left in Arabic). */
  record Text(String text, boolean bold, boolean italic) implements Part {}

  /**
   * A poi-tl tag. {@code ltr}: what it is replaced with stays left to right (a reference, an e-mail address, an
   * indicator); otherwise it is a text in the template's language (a date, a country, a computed sentence).
   */
  record Tag(String tag, boolean ltr, boolean bold) implements Part {}

  /** A column of a repeated table: its header, its share of the width (of 5,000), the row's field, and its direction. */
  record Column(String header, int pct, String field, boolean ltr, int size) {}

  static Text text(String text) {
    return new Text(text, false, false);
  }

  static Text bold(String text) {
    return new Text(text, true, false);
  }

  static Text italic(String text) {
    return new Text(text, false, true);
  }

  /** A tag whose value stays left to right. */
  static Tag ltr(String name) {
    return new Tag("{{" + name + "}}", true, false);
  }

  /** A tag whose value is written in the template's language. */
  static Tag words(String name) {
    return new Tag("{{" + name + "}}", false, false);
  }

  static Tag boldWords(String name) {
    return new Tag("{{" + name + "}}", false, true);
  }

  /** A poi-tl control tag (section start or end): no text of its own. */
  static Tag control(String tag) {
    return new Tag(tag, true, false);
  }

  private final boolean rtl;
  private final String bidiLanguage;
  private final StringBuilder body = new StringBuilder();
  private List<Part> footer = List.of();

  WordTemplateWriter(String language) {
    this.rtl = List.of("ar", "fa", "he", "ur").contains(language);
    this.bidiLanguage = switch (language) {
      case "ar" -> "ar-SA";
      case "fa" -> "fa-IR";
      case "he" -> "he-IL";
      default -> null;
    };
  }

  WordTemplateWriter title(Part... parts) {
    paragraph(body, false, "<w:spacing w:after=\"200\"/>", 36, HEADING_COLOUR, true, parts);
    return this;
  }

  WordTemplateWriter subtitle(Part... parts) {
    paragraph(body, false, "<w:spacing w:after=\"200\"/>", 24, HEADING_COLOUR, false, parts);
    return this;
  }

  WordTemplateWriter heading(String text) {
    paragraph(body, false, "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"80\"/>", 26, HEADING_COLOUR, true, text(text));
    return this;
  }

  /** A bold label and its value: "Reference: OP-2026-0001". */
  WordTemplateWriter field(String label, Part... value) {
    List<Part> parts = new ArrayList<>();
    parts.add(bold(label));
    parts.addAll(List.of(value));
    paragraph(body, false, "<w:spacing w:after=\"60\"/>", 22, null, false, parts.toArray(Part[]::new));
    return this;
  }

  WordTemplateWriter paragraph(Part... parts) {
    paragraph(body, false, "<w:spacing w:after=\"120\"/>", 22, null, false, parts);
    return this;
  }

  /** A smaller italic note. */
  WordTemplateWriter note(Part... parts) {
    List<Part> italic = new ArrayList<>();
    for (Part p : parts) {
      italic.add(p instanceof Text t ? new Text(t.text(), t.bold(), true) : p);
    }
    paragraph(body, false, "<w:spacing w:after=\"120\"/>", 20, null, false, italic.toArray(Part[]::new));
    return this;
  }

  /** A paragraph written left to right whatever the language (a line of dots to fill in). */
  WordTemplateWriter ltrParagraph(Part... parts) {
    paragraph(body, true, "<w:spacing w:after=\"120\"/>", 22, null, false, parts);
    return this;
  }

  /** A table whose second row repeats once per element of the list {@code tag}. */
  WordTemplateWriter table(String tag, Column... columns) {
    body.append("<w:tbl>");
    tableProperties(body, true);
    body.append("<w:tblGrid>");
    for (Column c : columns) {
      body.append("<w:gridCol w:w=\"").append(c.pct() * TEXT_WIDTH / 5000).append("\"/>");
    }
    body.append("</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>");
    for (int i = 0; i < columns.length; i++) {
      Column c = columns[i];
      cell(body, c.pct(), HEADER_FILL);
      paragraph(body, false, null, 20, null, true, i == 0 ? new Part[] {control("{{" + tag + "}}"), text(c.header())} : new Part[] {text(c.header())});
      body.append("</w:tc>");
    }
    body.append("</w:tr><w:tr>");
    for (Column c : columns) {
      cell(body, c.pct(), null);
      paragraph(body, c.ltr(), null, c.size(), null, false, c.ltr() ? control("[" + c.field() + "]") : text("[" + c.field() + "]"));
      body.append("</w:tc>");
    }
    body.append("</w:tr></w:tbl>");
    return this;
  }

  /** The signature block: a heading row, then a row per line to fill in, a blank cell beside each label. */
  WordTemplateWriter signature(String heading, String... lines) {
    body.append("<w:tbl>");
    tableProperties(body, true);
    body.append("<w:tblGrid><w:gridCol w:w=\"").append(1800 * TEXT_WIDTH / 5000).append("\"/><w:gridCol w:w=\"")
        .append(3200 * TEXT_WIDTH / 5000).append("\"/></w:tblGrid>");
    body.append("<w:tr>");
    cell(body, 1800, HEADER_FILL);
    paragraph(body, false, null, 20, null, true, text(heading));
    body.append("</w:tc>");
    cell(body, 3200, HEADER_FILL);
    paragraph(body, false, null, 20, null, true);
    body.append("</w:tc></w:tr>");
    for (String line : lines) {
      body.append("<w:tr><w:trPr><w:trHeight w:val=\"560\"/></w:trPr>");
      cell(body, 1800, null);
      paragraph(body, false, null, 20, null, false, text(line));
      body.append("</w:tc>");
      cell(body, 3200, null);
      paragraph(body, false, null, 20, null, false);
      body.append("</w:tc></w:tr>");
    }
    body.append("</w:tbl>");
    return this;
  }

  /** The line under the TLP table of the footer. */
  WordTemplateWriter footer(Part... parts) {
    this.footer = List.of(parts);
    return this;
  }

  void write(Path file) {
    try {
      Files.write(file, docx());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] docx() {
    String document = xml("<w:document xmlns:w=\"" + W + "\" xmlns:r=\"" + R + "\"><w:body>" + body
        + "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId2\"/><w:footerReference w:type=\"default\" r:id=\"rId3\"/>"
        + "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\""
        + " w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>" + (rtl ? "<w:bidi/>" : "") + "</w:sectPr></w:body></w:document>");
    StringBuilder tlp = new StringBuilder("<w:tbl>");
    tableProperties(tlp, false);
    tlp.append("<w:tblGrid><w:gridCol w:w=\"").append(1800 * TEXT_WIDTH / 5000).append("\"/><w:gridCol w:w=\"")
        .append(3200 * TEXT_WIDTH / 5000).append("\"/></w:tblGrid><w:tr>");
    // The TLP label is never translated and reads left to right, in its colour on black.
    cell(tlp, 1800, "000000");
    paragraph(tlp, true, null, 20, null, true, control("{{tlpLabel}}"));
    tlp.append("</w:tc>");
    cell(tlp, 3200, null);
    paragraph(tlp, false, null, 18, null, false, words("tlpRule"));
    tlp.append("</w:tc></w:tr></w:tbl>");
    String header = xml("<w:hdr xmlns:w=\"" + W + "\">" + tlp + "</w:hdr>");
    StringBuilder footerLine = new StringBuilder();
    paragraph(footerLine, false, null, 16, null, false, footer.toArray(Part[]::new));
    String footerXml = xml("<w:ftr xmlns:w=\"" + W + "\">" + tlp + footerLine + "</w:ftr>");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      entry(zip, "[Content_Types].xml", xml("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
          + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
          + "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
          + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
          + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
          + "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
          + "<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
          + "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
          + "</Types>"));
      entry(zip, "_rels/.rels", xml("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          + "<Relationship Id=\"rId1\" Type=\"" + R + "/officeDocument\" Target=\"word/document.xml\"/>"
          + "<Relationship Id=\"rId2\" Type=\"" + R + "/extended-properties\" Target=\"docProps/app.xml\"/>"
          + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\""
          + " Target=\"docProps/core.xml\"/></Relationships>"));
      entry(zip, "docProps/app.xml", xml("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
          + "<Application>Takedown</Application></Properties>"));
      entry(zip, "docProps/core.xml", xml("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
          + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>Takedown</dc:creator></cp:coreProperties>"));
      entry(zip, "word/document.xml", document);
      entry(zip, "word/_rels/document.xml.rels", xml("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          + "<Relationship Id=\"rId1\" Type=\"" + R + "/settings\" Target=\"settings.xml\"/>"
          + "<Relationship Id=\"rId2\" Type=\"" + R + "/header\" Target=\"header1.xml\"/>"
          + "<Relationship Id=\"rId3\" Type=\"" + R + "/footer\" Target=\"footer1.xml\"/></Relationships>"));
      entry(zip, "word/settings.xml", xml("<w:settings xmlns:w=\"" + W + "\"/>"));
      entry(zip, "word/header1.xml", header);
      entry(zip, "word/footer1.xml", footerXml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  private static String xml(String root) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + root;
  }

  /** Borders, full width, fixed layout; in a right-to-left document the first column is on the right. */
  private void tableProperties(StringBuilder out, boolean fixed) {
    out.append("<w:tblPr>").append(rtl ? "<w:bidiVisual/>" : "").append("<w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>")
        .append("<w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/>")
        .append("<w:right w:val=\"single\" w:sz=\"4\"/><w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/>")
        .append("</w:tblBorders>").append(fixed ? "<w:tblLayout w:type=\"fixed\"/>" : "")
        .append("<w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>");
  }

  private static void cell(StringBuilder out, int pct, String fill) {
    out.append("<w:tc><w:tcPr><w:tcW w:w=\"").append(pct).append("\" w:type=\"pct\"/>");
    if (fill != null) {
      out.append("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"").append(fill).append("\"/>");
    }
    out.append("</w:tcPr>");
  }

  /**
   * A paragraph: bidi in a right-to-left language unless {@code ltrParagraph}; each part a run. The template's own
   * words are right-to-left runs in Arabic (w:rtl, with the complex-script size and weight Word uses for them); tags
   * whose values stay left to right are plain runs.
   */
  private void paragraph(StringBuilder out, boolean ltrParagraph, String spacing, int size, String colour, boolean allBold, Part... parts) {
    out.append("<w:p>");
    boolean bidi = rtl && !ltrParagraph;
    if (spacing != null || bidi) {
      out.append("<w:pPr>");
      String s = spacing == null ? "" : spacing;
      // keepNext comes before bidi, spacing after it (the schema's order).
      if (s.startsWith("<w:keepNext/>")) {
        out.append("<w:keepNext/>");
        s = s.substring("<w:keepNext/>".length());
      }
      out.append(bidi ? "<w:bidi/>" : "").append(s).append("</w:pPr>");
    }
    for (Part part : parts) {
      if (part instanceof Text t) {
        run(out, t.text(), allBold || t.bold(), t.italic(), size, colour, rtl && !ltrParagraph);
      } else if (part instanceof Tag t) {
        run(out, t.tag(), allBold || t.bold(), false, size, colour, rtl && !t.ltr() && !ltrParagraph);
      }
    }
    out.append("</w:p>");
  }

  private void run(StringBuilder out, String text, boolean bold, boolean italic, int size, String colour, boolean rightToLeft) {
    out.append("<w:r><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:eastAsia=\"Calibri\" w:cs=\"")
        .append(rtl ? "Arial" : "Calibri").append("\"/>");
    if (bold) {
      out.append("<w:b/><w:bCs/>");
    }
    if (italic) {
      out.append("<w:i/><w:iCs/>");
    }
    if (colour != null) {
      out.append("<w:color w:val=\"").append(colour).append("\"/>");
    }
    out.append("<w:sz w:val=\"").append(size).append("\"/><w:szCs w:val=\"").append(size).append("\"/>");
    if (rightToLeft) {
      out.append("<w:rtl/>");
    }
    if (bidiLanguage != null) {
      out.append("<w:lang w:bidi=\"").append(bidiLanguage).append("\"/>");
    }
    out.append("</w:rPr><w:t xml:space=\"preserve\">").append(escape(text)).append("</w:t></w:r>");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
