package org.takedown.briefing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.takedown.system.Tlp;

/**
 * The Excel operation tracker, written into the template an operator styles in Excel
 * (templates/excel/operation-tracker.xlsx: sheets, header rows, widths). Rows are streamed with
 * SXSSF, so an operation with a hundred thousand indicators stays in bounded memory. Every value
 * is a text cell; one that Excel could take for a formula (= + - @ tab CR) is also quote-prefixed.
 */
@Component
public class ExcelTracker {

  public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final String FORMULA_STARTS = "=+-@\t\r";

  private final ResourceLoader resources;
  private final String location;

  ExcelTracker(ResourceLoader resources, @Value("${takedown.documents.tracker-template:file:templates/excel/operation-tracker.xlsx}") String location) {
    this.resources = resources;
    this.location = location;
  }

  /** Rows pushed one at a time, so that none of the sheets needs all its rows in memory. */
  public interface Rows {
    void each(Consumer<String[]> row);

    static Rows of(List<String[]> rows) {
      return rows::forEach;
    }
  }

  public record Contents(String reference, Tlp tlp, String generatedAt, List<String[]> summary, Rows indicators, Rows countries,
      Rows evidence, Rows timeline, Results results) {

    /** Without results: the Results sheet keeps only its headers. */
    public Contents(String reference, Tlp tlp, String generatedAt, List<String[]> summary, Rows indicators, Rows countries, Rows evidence,
        Rows timeline) {
      this(reference, tlp, generatedAt, summary, indicators, countries, evidence, timeline, null);
    }
  }

  /** A share, written as a number in a percentage cell (0.67 shows "67%"). */
  public record Percent(double value) {}

  /**
   * The Results sheet: the headline, and a row per country whose values are text, whole numbers (written as numbers),
   * a {@link Percent}, or null (an empty cell). A few hundred rows at most, so written before the streaming starts.
   */
  public record Results(String headline, List<Object[]> countries) {}

  public void write(Contents contents, OutputStream out) {
    write(contents, out, true);
  }

  /** @param streaming false builds the whole workbook in memory (XSSF): the baseline of the benchmark */
  void write(Contents contents, OutputStream out, boolean streaming) {
    Resource template = resources.getResource(location);
    try (InputStream in = template.getInputStream()) {
      XSSFWorkbook base = new XSSFWorkbook(in);
      // The Results sheet's headline sits above its table, in rows of the template: written before streaming starts.
      results(base, contents);
      Workbook workbook = streaming ? new SXSSFWorkbook(base, 200, true) : base;
      try {
        // Long and multi-line values wrap within their column, from the top of a row made tall enough for them.
        Styles styles = Styles.of(workbook);
        fill(workbook, base, "Summary", contents, Rows.of(contents.summary()), styles);
        Row tlpRow = workbook.getSheet("Summary").createRow(contents.summary().size() + 1);
        tlpRow.createCell(0).setCellValue("TLP");
        Cell label = tlpRow.createCell(1);
        label.setCellValue(contents.tlp().label());
        label.setCellStyle(tlpStyle(workbook, contents.tlp()));
        fill(workbook, base, "Indicators", contents, contents.indicators(), styles);
        fill(workbook, base, "Countries", contents, contents.countries(), styles);
        fill(workbook, base, "Evidence", contents, contents.evidence(), styles);
        fill(workbook, base, "Timeline", contents, contents.timeline(), styles);
        workbook.write(out);
      } finally {
        if (workbook instanceof SXSSFWorkbook streamed) {
          streamed.dispose();
        }
        workbook.close();
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write the tracker from " + template.getDescription() + ": " + e.getMessage(), e);
    }
  }

  private record Styles(CellStyle plain, CellStyle quoted) {

    /** Text that wraps within its column from the top of its row; "quoted" also keeps a leading = or + as text. */
    static Styles of(Workbook workbook) {
      CellStyle plain = workbook.createCellStyle();
      plain.setWrapText(true);
      plain.setVerticalAlignment(VerticalAlignment.TOP);
      CellStyle quoted = workbook.createCellStyle();
      quoted.cloneStyleFrom(plain);
      quoted.setQuotePrefixed(true);
      return new Styles(plain, quoted);
    }
  }

  private static void fill(Workbook workbook, XSSFWorkbook template, String name, Contents contents, Rows rows, Styles styles) {
    Sheet sheet = workbook.getSheet(name);
    // The header row and the column widths are the template's: a streaming sheet cannot read them back, the template can.
    Sheet styled = template.getSheet(name);
    int columns = styled.getRow(0).getLastCellNum();
    int[] next = {1};
    rows.each(values -> {
      Row row = sheet.createRow(next[0]++);
      int lines = 1;
      for (int i = 0; i < values.length; i++) {
        text(row.createCell(i), values[i], styles);
        lines = Math.max(lines, lines(values[i], styled.getColumnWidth(i) / 256));
      }
      if (lines > 1) {
        row.setHeightInPoints(Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT));
      }
    });
    sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, next[0] - 1), 0, Math.max(0, columns - 1)));
    sheet.createFreezePane(0, 1);
    print(sheet, name, contents, 0);
  }

  /** Printed as every sheet is; the header row (0-based) repeated on each page. */
  private static void print(Sheet sheet, String name, Contents contents, int headerRow) {
    // Printed: landscape, each sheet as wide as the page and as many pages long as it needs, header row on every page.
    sheet.getPrintSetup().setLandscape(true);
    sheet.getPrintSetup().setFitWidth((short) 1);
    sheet.getPrintSetup().setFitHeight((short) 0);
    sheet.setFitToPage(true);
    sheet.setAutobreaks(true);
    sheet.setRepeatingRows(CellRangeAddress.valueOf((headerRow + 1) + ":" + (headerRow + 1)));
    // Header and footer cannot have a black background: the label is bold black there (readable on any
    // printer); the coloured-on-black label is the Summary sheet's TLP cell. Sections do not wrap, so the long
    // sharing rule has the footer's centre to itself, between two short items; the header holds short items only.
    String label = "&B" + contents.tlp().label().replace("&", "&&") + "&B";
    sheet.getHeader().setLeft(label);
    sheet.getHeader().setCenter(contents.reference() + " · Operation tracker · " + name);
    sheet.getHeader().setRight("Generated " + contents.generatedAt());
    sheet.getFooter().setLeft(label);
    sheet.getFooter().setCenter(contents.tlp().sharingRule().replace("&", "&&"));
    sheet.getFooter().setRight(contents.reference() + " · page &P of &N");
  }

  /** The Results sheet's header row (0-based): the headline is above it. */
  static final int RESULTS_HEADER = 2;

  /** The headline beside its label, and a row per country under the table's header: numbers as numbers. */
  private static void results(XSSFWorkbook workbook, Contents contents) {
    Sheet sheet = workbook.getSheet("Results");
    if (sheet == null) {
      return; // a template restyled without the sheet
    }
    Styles styles = Styles.of(workbook);
    CellStyle number = workbook.createCellStyle();
    number.setVerticalAlignment(VerticalAlignment.TOP);
    number.setDataFormat(workbook.createDataFormat().getFormat("#,##0"));
    CellStyle percent = workbook.createCellStyle();
    percent.setVerticalAlignment(VerticalAlignment.TOP);
    percent.setDataFormat(workbook.createDataFormat().getFormat("0%"));
    Results results = contents.results();
    Row top = sheet.getRow(0) == null ? sheet.createRow(0) : sheet.getRow(0);
    text(top.getCell(1) == null ? top.createCell(1) : top.getCell(1), results == null ? "" : results.headline(), styles);
    int columns = sheet.getRow(RESULTS_HEADER) == null ? 1 : sheet.getRow(RESULTS_HEADER).getLastCellNum();
    int next = RESULTS_HEADER + 1;
    for (Object[] values : results == null ? List.<Object[]>of() : results.countries()) {
      Row row = sheet.createRow(next++);
      for (int i = 0; i < values.length; i++) {
        Cell cell = row.createCell(i);
        Object value = values[i];
        if (value instanceof Percent p) {
          cell.setCellValue(p.value());
          cell.setCellStyle(percent);
        } else if (value instanceof Number n) {
          cell.setCellValue(n.doubleValue());
          cell.setCellStyle(number);
        } else {
          text(cell, value == null ? null : value.toString(), styles);
        }
      }
    }
    sheet.setAutoFilter(new CellRangeAddress(RESULTS_HEADER, Math.max(RESULTS_HEADER, next - 1), 0, Math.max(0, columns - 1)));
    sheet.createFreezePane(0, RESULTS_HEADER + 1);
    print(sheet, "Results", contents, RESULTS_HEADER);
  }

  /** Text only, never a formula. */
  private static void text(Cell cell, String value, Styles styles) {
    String text = value == null ? "" : value;
    cell.setCellValue(text);
    cell.setCellStyle(!text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? styles.quoted() : styles.plain());
  }

  /** Points per line of the template's 11 pt font, and the most a row may have. */
  static final float LINE_HEIGHT = 15f;
  private static final float MAX_ROW_HEIGHT = 409f;

  /**
   * How many lines a value takes wrapped in a column this many characters wide. A width counts the widest
   * characters (digits); most text is narrower, which makes up for what wrapping at spaces leaves at line ends.
   */
  static int lines(String value, int width) {
    if (value == null || value.isEmpty()) {
      return 1;
    }
    int perLine = Math.max(1, width);
    int lines = 0;
    for (String paragraph : value.split("\r?\n", -1)) {
      lines += Math.max(1, (paragraph.length() + perLine - 1) / perLine);
    }
    return lines;
  }

  private static CellStyle tlpStyle(Workbook workbook, Tlp tlp) {
    XSSFCellStyle style = (XSSFCellStyle) workbook.createCellStyle();
    style.setFillForegroundColor(new XSSFColor(new byte[] {0, 0, 0}, null));
    style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    XSSFFont font = (XSSFFont) workbook.createFont();
    font.setBold(true);
    String hex = WordDocuments.colour(tlp);
    font.setColor(new XSSFColor(new byte[] {(byte) Integer.parseInt(hex.substring(0, 2), 16),
        (byte) Integer.parseInt(hex.substring(2, 4), 16), (byte) Integer.parseInt(hex.substring(4, 6), 16)}, null));
    style.setFont(font);
    return style;
  }
}
