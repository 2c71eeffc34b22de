package org.takedown.dossier.statistics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.takedown.dossier.statistics.StatisticsReport.DurationRow;
import org.takedown.dossier.statistics.StatisticsReport.Share;
import org.takedown.result.ResultFigures.Figures;
import org.takedown.result.ResultFigures.OperationRate;
import org.takedown.result.ResultFigures.Programme;
import org.takedown.result.ResultFigures.Rate;
import org.takedown.result.ResultFigures.Times;

/** The report as one table, for after-action reports: CSV and Excel have the same columns. */
final class StatisticsExports {

  static final List<String> HEADER = List.of("section", "item", "country", "count", "median (hours)", "p90 (hours)", "share (%)");
  static final String STAGE_SECTION = "Stage cycle time";
  static final String RESPONSE_SECTION = "Unit response time";
  static final String SHARE_SECTION = "Assignment outcome";

  private StatisticsExports() {}

  /** One line of the table: text, then numbers (null where the row has none). */
  record Line(String section, String item, String country, Integer count, Double medianHours, Double p90Hours, Double sharePercent) {}

  static List<Line> lines(StatisticsReport report) {
    List<Line> lines = new ArrayList<>();
    for (DurationRow row : report.stages()) {
      lines.add(durationLine(STAGE_SECTION, row));
    }
    for (DurationRow row : report.responses()) {
      lines.add(durationLine(RESPONSE_SECTION, row));
    }
    for (Share share : report.shares().list()) {
      lines.add(new Line(SHARE_SECTION, share.outcome(), StatisticsReport.ALL_COUNTRIES, share.count(), null, null,
          share.of() == 0 ? null : share.percent()));
    }
    return lines;
  }

  private static Line durationLine(String section, DurationRow row) {
    return new Line(section, row.item(), row.country() == null ? StatisticsReport.ALL_COUNTRIES : row.country(), row.count(),
        StatisticsReport.hours(row.median()), StatisticsReport.hours(row.p90()), null);
  }

  static String csv(StatisticsReport report) {
    StringBuilder out = new StringBuilder();
    out.append(String.join(",", HEADER.stream().map(StatisticsExports::csvText).toList())).append("\r\n");
    for (Line line : lines(report)) {
      out.append(csvText(line.section())).append(',').append(csvText(line.item())).append(',').append(csvText(line.country())).append(',')
          .append(number(line.count())).append(',').append(number(line.medianHours())).append(',').append(number(line.p90Hours()))
          .append(',').append(number(line.sharePercent())).append("\r\n");
    }
    return out.toString();
  }

  /**
   * A text field: quoted when it holds a separator, a quote or a line break; prefixed with ' when it
   * begins like a formula (=, +, -, @, tab, carriage return), so a spreadsheet shows it as text.
   */
  static String csvText(String value) {
    if (value == null) {
      return "";
    }
    String text = value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r") || text.contains(";")) {
      text = "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  private static String number(Number value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Integer i) {
      return Integer.toString(i);
    }
    return String.format(Locale.ROOT, "%.2f", value.doubleValue());
  }

  static final List<String> RESULTS_HEADER = List.of("Breakdown", "Key", "Name", "Indicators", "Reported", "Taken down", "Rate (%)",
      "First action median (hours)", "First action p90 (hours)", "Takedown median (hours)", "Takedown p90 (hours)");

  /** A row of the Results sheet: numbers as numbers, null where the row has none. */
  record ResultLine(String breakdown, String key, String name, Rate rate, Times times) {}

  static List<ResultLine> resultLines(Programme programme) {
    Figures f = programme.figures();
    List<ResultLine> lines = new ArrayList<>();
    lines.add(new ResultLine("Total", "", StatisticsReport.ALL_COUNTRIES, f.total(), f.times()));
    f.byCountry().forEach(r -> lines.add(new ResultLine("Country", r.key(), r.label(), r, f.timesByCountry().get(r.key()))));
    f.byVendor().forEach(r -> lines.add(new ResultLine("Vendor", r.key(), r.label(), r, null)));
    f.byType().forEach(r -> lines.add(new ResultLine("Indicator type", r.key(), r.label(), r, null)));
    for (OperationRate o : programme.highlights()) {
      lines.add(new ResultLine("Operation (most takedowns)", o.reference(), o.title(), o.rate(), null));
    }
    return lines;
  }

  static byte[] xlsx(StatisticsReport report, Programme programme) {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Font bold = book.createFont();
      bold.setBold(true);
      CellStyle header = book.createCellStyle();
      header.setFont(bold);
      CellStyle decimal = book.createCellStyle();
      decimal.setDataFormat(book.createDataFormat().getFormat("0.00"));

      Sheet sheet = book.createSheet("Statistics");
      Row top = sheet.createRow(0);
      for (int i = 0; i < HEADER.size(); i++) {
        Cell cell = top.createCell(i);
        cell.setCellValue(capitalised(HEADER.get(i)));
        cell.setCellStyle(header);
      }
      int r = 1;
      for (Line line : lines(report)) {
        Row row = sheet.createRow(r++);
        row.createCell(0).setCellValue(line.section());
        row.createCell(1).setCellValue(line.item());
        row.createCell(2).setCellValue(line.country());
        if (line.count() != null) {
          row.createCell(3).setCellValue(line.count());
        }
        decimal(row, 4, line.medianHours(), decimal);
        decimal(row, 5, line.p90Hours(), decimal);
        decimal(row, 6, line.sharePercent(), decimal);
      }
      sheet.createFreezePane(0, 1);
      int[] widths = {20, 22, 16, 8, 16, 14, 11};
      for (int i = 0; i < widths.length; i++) {
        sheet.setColumnWidth(i, widths[i] * 256);
      }

      Sheet about = book.createSheet("Period");
      Row aboutHeader = about.createRow(0);
      String[] names = {"From (UTC)", "To (UTC, included)", "Days"};
      for (int i = 0; i < names.length; i++) {
        Cell cell = aboutHeader.createCell(i);
        cell.setCellValue(names[i]);
        cell.setCellStyle(header);
      }
      Row values = about.createRow(1);
      values.createCell(0).setCellValue(report.period().from().toString());
      values.createCell(1).setCellValue(report.period().to().toString());
      values.createCell(2).setCellValue(report.period().days());
      about.createRow(3).createCell(0).setCellValue("Median and p90 (nearest rank) of the steps finished in the period; "
          + "assignment outcomes of the national assignments started in it. A country may count under more than one outcome.");
      about.setColumnWidth(0, 14 * 256);
      about.setColumnWidth(1, 20 * 256);
      results(book, header, decimal, programme);
      Row operations = about.createRow(5);
      operations.createCell(0).setCellValue("Operations");
      operations.getCell(0).setCellStyle(header);
      operations.createCell(1).setCellValue(programme.operations());
      Row headline = about.createRow(6);
      headline.createCell(0).setCellValue("Results");
      headline.getCell(0).setCellStyle(header);
      headline.createCell(1).setCellValue(programme.figures().headline());
      about.createRow(7).createCell(0).setCellValue("Results: the operations whose units were first asked in the period. Rate: indicators "
          + "taken down of those routed to a country; a country counts its own, a vendor and a type each indicator once.");
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void results(XSSFWorkbook book, CellStyle header, CellStyle decimal, Programme programme) {
    Sheet sheet = book.createSheet("Results");
    Row top = sheet.createRow(0);
    for (int i = 0; i < RESULTS_HEADER.size(); i++) {
      Cell cell = top.createCell(i);
      cell.setCellValue(RESULTS_HEADER.get(i));
      cell.setCellStyle(header);
    }
    int r = 1;
    for (ResultLine line : resultLines(programme)) {
      Row row = sheet.createRow(r++);
      row.createCell(0).setCellValue(line.breakdown());
      row.createCell(1).setCellValue(line.key());
      row.createCell(2).setCellValue(line.name());
      row.createCell(3).setCellValue(line.rate().routed());
      row.createCell(4).setCellValue(line.rate().reported());
      row.createCell(5).setCellValue(line.rate().positive());
      if (line.rate().routed() > 0) {
        row.createCell(6).setCellValue(line.rate().percent());
      }
      if (line.times() != null) {
        decimal(row, 7, hours(line.times().firstActionMedian()), decimal);
        decimal(row, 8, hours(line.times().firstActionP90()), decimal);
        decimal(row, 9, hours(line.times().takedownMedian()), decimal);
        decimal(row, 10, hours(line.times().takedownP90()), decimal);
      }
    }
    sheet.createFreezePane(0, 1);
    int[] widths = {26, 16, 30, 11, 11, 11, 9, 14, 14, 14, 14};
    for (int i = 0; i < widths.length; i++) {
      sheet.setColumnWidth(i, widths[i] * 256);
    }
  }

  private static Double hours(Long seconds) {
    return StatisticsReport.hours(ResultsSection.seconds(seconds));
  }

  private static void decimal(Row row, int column, Double value, CellStyle style) {
    if (value != null) {
      Cell cell = row.createCell(column);
      cell.setCellValue(value);
      cell.setCellStyle(style);
    }
  }

  private static String capitalised(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
