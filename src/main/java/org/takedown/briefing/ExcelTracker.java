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
      Rows evidence, Rows timeline) {}

  public void write(Contents contents, OutputStream out) {
    write(contents, out, true);
  }

  /** @param streaming false builds the whole workbook in memory (XSSF): the baseline of the benchmark */
  void write(Contents contents, OutputStream out, boolean streaming) {
    Resource template = resources.getResource(location);
    try (InputStream in = template.getInputStream()) {
      XSSFWorkbook base = new XSSFWorkbook(in);
      Workbook workbook = streaming ? new SXSSFWorkbook(base, 200, true) : base;
      try {
        CellStyle quoted = workbook.createCellStyle();
        quoted.setQuotePrefixed(true);
        fill(workbook, base, "Summary", contents, Rows.of(contents.summary()), quoted);
        Row tlpRow = workbook.getSheet("Summary").createRow(contents.summary().size() + 1);
        tlpRow.createCell(0).setCellValue("TLP");
        Cell label = tlpRow.createCell(1);
        label.setCellValue(contents.tlp().label());
        label.setCellStyle(tlpStyle(workbook, contents.tlp()));
        fill(workbook, base, "Indicators", contents, contents.indicators(), quoted);
        fill(workbook, base, "Countries", contents, contents.countries(), quoted);
        fill(workbook, base, "Evidence", contents, contents.evidence(), quoted);
        fill(workbook, base, "Timeline", contents, contents.timeline(), quoted);
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

  private static void fill(Workbook workbook, XSSFWorkbook template, String name, Contents contents, Rows rows, CellStyle quoted) {
    Sheet sheet = workbook.getSheet(name);
    // The header row is the template's: a streaming sheet cannot read it back, the template can.
    int columns = template.getSheet(name).getRow(0).getLastCellNum();
    int[] next = {1};
    rows.each(values -> {
      Row row = sheet.createRow(next[0]++);
      for (int i = 0; i < values.length; i++) {
        text(row.createCell(i), values[i], quoted);
      }
    });
    sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, next[0] - 1), 0, Math.max(0, columns - 1)));
    sheet.createFreezePane(0, 1);
    // Printed: landscape, each sheet as wide as the page and as many pages long as it needs, header row on every page.
    sheet.getPrintSetup().setLandscape(true);
    sheet.getPrintSetup().setFitWidth((short) 1);
    sheet.getPrintSetup().setFitHeight((short) 0);
    sheet.setFitToPage(true);
    sheet.setAutobreaks(true);
    sheet.setRepeatingRows(CellRangeAddress.valueOf("1:1"));
    // Header and footer cannot have a black background: the label is bold black there (readable on any
    // printer); the coloured-on-black label is the Summary sheet's TLP cell. One item per section, no overlap.
    String label = "&B" + contents.tlp().label().replace("&", "&&") + "&B";
    sheet.getHeader().setLeft(label);
    sheet.getHeader().setCenter(contents.reference() + " · Operation tracker · " + name);
    sheet.getHeader().setRight(contents.tlp().sharingRule());
    sheet.getFooter().setLeft(label);
    sheet.getFooter().setCenter(contents.reference() + " · page &P of &N");
    sheet.getFooter().setRight("Generated " + contents.generatedAt());
  }

  /** Text only, never a formula. */
  static void text(Cell cell, String value, CellStyle quoted) {
    String text = value == null ? "" : value;
    cell.setCellValue(text);
    if (!text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
      cell.setCellStyle(quoted);
    }
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
