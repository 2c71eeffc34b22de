package org.takedown.result;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.beans.factory.annotation.Autowired;
import org.takedown.system.InvalidInputException;
import org.takedown.system.Language;
import org.takedown.system.PartnerMessages;
import org.takedown.system.Tlp;
import org.takedown.tip.TipLimits;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The results list a unit is sent with its brief and uploads back (docs/results.md, "By spreadsheet"): one sheet of
 * its indicators with a Result column whose drop-down holds the configured statuses, and an Instructions sheet. Written
 * streamed (SXSSF, two shared styles), read back streamed (SAX), strictly: anything but the workbook as sent (another
 * format, macros, a password, another sheet or header) is refused in plain words before a line is looked at.
 */
@Component
public class ResultWorkbook {

  public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  public static final String RESULTS = "Results";
  public static final String INSTRUCTIONS = "Instructions";
  static final String[] HEADERS = {"Type", "Indicator", "Result", "Date"};
  /** The column header's row (Excel's numbering) and the first data row. */
  static final int HEADER_ROW = 6;
  /** The header row is looked for in this many rows at the top, so a row added above it does no harm. */
  private static final int HEADER_SEARCH = 12;
  /** The Instructions sheet's first row of the status list, which the drop-down reads. */
  private static final int STATUS_ROW = 12;
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private final ResultStatuses statuses;
  private final TipLimits limits;
  private final long maxBytes;
  /** The unit's language's words (documents.results.* and result.status.*); null: English only. */
  private final PartnerMessages messages;

  ResultWorkbook(ResultStatuses statuses, TipLimits limits, DataSize maxFileSize) {
    this(statuses, limits, maxFileSize, null);
  }

  @Autowired
  ResultWorkbook(ResultStatuses statuses, TipLimits limits,
      @Value("${takedown.results.max-file-size:20MB}") DataSize maxFileSize, PartnerMessages messages) {
    this.statuses = statuses;
    this.limits = limits;
    this.maxBytes = maxFileSize.toBytes();
    this.messages = messages;
  }

  /** A text of the list in a language: documents.results.* of templates/i18n/documents*.properties, else the English below. */
  private String text(Language language, String key, String english, Object... args) {
    String full = "documents.results." + key;
    if (messages != null && messages.has(Language.ENGLISH, full)) {
      return messages.text(language, full, args);
    }
    return java.text.MessageFormat.format(english.replace("'", "''"), args);
  }

  /**
   * The words the reader accepts, in every language the texts hold (a unit may open a French list in an English Excel,
   * or be sent an English list before it had a language): sheet names, the labels of rows 2 and 3, the column headers,
   * and each result's words, which it reads as that result's code.
   */
  private record Vocabulary(java.util.Set<String> sheets, java.util.Set<String> operation, java.util.Set<String> country,
      List<java.util.Set<String>> headers, java.util.Map<String, String> results) {

    boolean isHeader(String[] values) {
      for (int i = 0; i < headers.size(); i++) {
        String v = values[i] == null ? "" : values[i].toLowerCase(Locale.ROOT);
        boolean known = false;
        for (String h : headers.get(i)) {
          known |= v.equals(h) || v.startsWith(h + " (");
        }
        if (!known) {
          return false;
        }
      }
      return true;
    }

    /** The result's code where the text is a result's words in some language, else the text as it is. */
    String result(String text) {
      return text == null ? null : results.getOrDefault(text.strip().toLowerCase(Locale.ROOT), text);
    }
  }

  private Vocabulary vocabulary() {
    List<Language> languages = new ArrayList<>();
    languages.add(Language.ENGLISH);
    if (messages != null) {
      messages.languages().forEach(code -> languages.add(Language.of(code)));
    }
    java.util.Set<String> sheets = new java.util.HashSet<>();
    java.util.Set<String> operation = new java.util.HashSet<>();
    java.util.Set<String> country = new java.util.HashSet<>();
    List<java.util.Set<String>> headers = new ArrayList<>();
    for (int i = 0; i < HEADERS.length; i++) {
      headers.add(new java.util.HashSet<>());
    }
    java.util.Map<String, String> results = new java.util.HashMap<>();
    for (Language language : languages) {
      sheets.add(sheetName(language, "sheet.results", RESULTS).toLowerCase(Locale.ROOT));
      operation.add(text(language, "operation", "Operation").toLowerCase(Locale.ROOT));
      country.add(text(language, "country", "Country").toLowerCase(Locale.ROOT));
      String[] h = headers(language);
      for (int i = 0; i < h.length; i++) {
        headers.get(i).add(h[i].toLowerCase(Locale.ROOT));
      }
      if (!language.equals(Language.ENGLISH)) {
        // The configured English words and the codes are read by ResultStatuses.find; another language's words map to the code.
        statuses.reportable().forEach(st -> results.putIfAbsent(label(st, language).toLowerCase(Locale.ROOT), st.code()));
      }
    }
    // A result's English words (and its code) are read as ever, by ResultStatuses.find, whatever another language says.
    statuses.reportable().forEach(st -> {
      results.remove(st.label().toLowerCase(Locale.ROOT));
      results.remove(st.code().toLowerCase(Locale.ROOT));
    });
    return new Vocabulary(sheets, operation, country, headers, results);
  }

  private String label(ResultStatuses.Status status, Language language) {
    return messages == null ? status.label() : statuses.label(status.code(), language, messages);
  }

  /** The largest workbook an upload may bring. */
  public long maxBytes() {
    return maxBytes;
  }

  /** The rows the reader takes at most: a tip's limit of indicators. */
  public int maxRows() {
    return limits.maxIndicators();
  }

  /**
   * What the list's top says: the operation, the country and its unit, the TLP (its label in {@code tlpColour}, hex, on
   * black, as the other documents print it) and where to upload it.
   */
  public record Head(String reference, String country, String countryName, String unit, Tlp tlp, String tlpColour, String generatedAt,
      String uploadAt, Language language) {

    /** In English. */
    public Head(String reference, String country, String countryName, String unit, Tlp tlp, String tlpColour, String generatedAt,
        String uploadAt) {
      this(reference, country, countryName, unit, tlp, tlpColour, generatedAt, uploadAt, Language.ENGLISH);
    }
  }

  /** Writes the list: {@code rows} are the country's indicators as a unit sees them, with their current results. */
  public void write(Head head, List<IndicatorResults.Row> rows, OutputStream out) {
    SXSSFWorkbook workbook = new SXSSFWorkbook(500);
    try {
      CellStyle bold = workbook.createCellStyle();
      Font boldFont = workbook.createFont();
      boldFont.setBold(true);
      bold.setFont(boldFont);
      CellStyle header = workbook.createCellStyle();
      header.cloneStyleFrom(bold);
      header.setBorderBottom(BorderStyle.THIN);
      CellStyle text = workbook.createCellStyle();
      text.setDataFormat(workbook.createDataFormat().getFormat("@"));
      CellStyle quoted = workbook.createCellStyle();
      quoted.cloneStyleFrom(text);
      quoted.setQuotePrefixed(true);
      CellStyle tlp = tlpStyle(workbook, head.tlpColour());

      Language lang = head.language() == null ? Language.ENGLISH : head.language();
      String resultsName = sheetName(lang, "sheet.results", RESULTS);
      String instructionsName = sheetName(lang, "sheet.instructions", INSTRUCTIONS);
      Sheet sheet = workbook.createSheet(resultsName);
      Sheet instructions = workbook.createSheet(instructionsName);
      // Arabic reads right to left: the sheet's columns run from the right, as Excel shows them to an Arabic reader.
      sheet.setRightToLeft(lang.rightToLeft());
      instructions.setRightToLeft(lang.rightToLeft());
      sheet.setColumnWidth(0, 16 * 256);
      sheet.setColumnWidth(1, 60 * 256);
      sheet.setColumnWidth(2, 24 * 256);
      sheet.setColumnWidth(3, 14 * 256);
      // Dates typed into the column stay the text written (2026-11-30), whatever the reader's locale makes of dates.
      sheet.setDefaultColumnStyle(3, text);
      top(sheet, head, tlp, bold, text(lang, "title", "Results list: {0} in {1}", head.countryName(), head.reference()));
      Row note = sheet.createRow(3);
      note.createCell(0).setCellValue(text(lang, "how", "How"));
      note.createCell(1).setCellValue(text(lang, "howText", "Choose a result for each indicator you acted on (column C), leave the others "
          + "empty, save, and upload the file on your results page. The {0} sheet says more.", instructionsName));
      Row columns = sheet.createRow(HEADER_ROW - 1);
      String[] headers = headers(lang);
      for (int i = 0; i < headers.length; i++) {
        Cell cell = columns.createCell(i);
        cell.setCellValue(headers[i] + (i == 3 ? " " + text(lang, "header.dateHint", "(yyyy-mm-dd, optional)") : ""));
        cell.setCellStyle(header);
      }
      int r = HEADER_ROW;
      for (IndicatorResults.Row result : rows) {
        Row row = sheet.createRow(r++);
        row.createCell(0).setCellValue(result.type());
        Cell indicator = row.createCell(1);
        indicator.setCellValue(result.indicator());
        if (!result.indicator().isEmpty() && FORMULA_STARTS.indexOf(result.indicator().charAt(0)) >= 0) {
          indicator.setCellStyle(quoted);
        }
        if (!ResultStatuses.REQUESTED.equals(result.status())) {
          row.createCell(2).setCellValue(lang.equals(Language.ENGLISH) || messages == null ? result.statusLabel()
              : statuses.label(result.status(), lang, messages));
          if (result.statusAt() != null) {
            Cell date = row.createCell(3);
            date.setCellValue(result.statusAt().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString());
            date.setCellStyle(text);
          }
        }
      }
      int last = Math.max(HEADER_ROW, r - 1);
      DataValidationHelper helper = sheet.getDataValidationHelper();
      DataValidationConstraint list = helper.createFormulaListConstraint(
          (instructionsName.matches("\\w+") ? instructionsName : "'" + instructionsName.replace("'", "''") + "'") + "!$A$" + STATUS_ROW + ":$A$" + (STATUS_ROW + statuses.reportable().size() - 1));
      DataValidation validation = helper.createValidation(list, new CellRangeAddressList(HEADER_ROW, last, 2, 2));
      validation.setSuppressDropDownArrow(true);
      validation.setEmptyCellAllowed(true);
      validation.setShowErrorBox(true);
      validation.setErrorStyle(DataValidation.ErrorStyle.STOP);
      validation.createErrorBox(text(lang, "error.title", "Not a result"), text(lang, "error.text", "Choose one of the results in the list: {0}.",
          String.join(", ", statuses.reportable().stream().map(st -> label(st, lang)).toList())));
      validation.setShowPromptBox(false);
      sheet.addValidationData(validation);
      sheet.setAutoFilter(new CellRangeAddress(HEADER_ROW - 1, last, 0, HEADERS.length - 1));
      sheet.createFreezePane(0, HEADER_ROW);
      print(sheet, head, resultsName, this, lang);

      instructions.setColumnWidth(0, 24 * 256);
      instructions.setColumnWidth(1, 100 * 256);
      top(instructions, head, tlp, bold, text(lang, "instructions.title", "How to report your results"));
      String[] steps = {
          text(lang, "step1", "1. In the {0} sheet, choose a result for each indicator you have acted on, from the drop-down in column C. "
              + "Leave the others empty: they stay as they are.", resultsName),
          text(lang, "step2", "2. If you like, write the day it happened in column D, as 2026-11-30; without one, the day you upload counts."),
          text(lang, "step3", "3. Do not add or change indicators: a row naming an indicator that is not {0}'s is refused.", head.countryName()),
          text(lang, "step4", "4. Save the file as an Excel workbook (.xlsx), with its sheets and column headers as they are."),
          text(lang, "step5", "5. Upload it at {0}. You see what was read, line by line, before anything is recorded; "
              + "nothing is recorded until you confirm, and a file with a wrong row is not recorded at all.", head.uploadAt())};
      CellStyle wrapped = workbook.createCellStyle();
      wrapped.setWrapText(true);
      for (int i = 0; i < steps.length; i++) {
        Row step = instructions.createRow(4 + i);
        Cell cell = step.createCell(1);
        cell.setCellValue(steps[i]);
        cell.setCellStyle(wrapped);
        // A streamed sheet cannot measure text: a line per 100 characters of the column's width.
        step.setHeightInPoints(15f * ((steps[i].length() + 99) / 100));
      }
      Row legend = instructions.createRow(STATUS_ROW - 2);
      legend.createCell(0).setCellValue(headers[2]);
      legend.createCell(1).setCellValue(text(lang, "positive", "Counts as taken down"));
      legend.getCell(0).setCellStyle(header);
      legend.getCell(1).setCellStyle(header);
      int s = STATUS_ROW - 1;
      for (ResultStatuses.Status status : statuses.reportable()) {
        Row row = instructions.createRow(s++);
        row.createCell(0).setCellValue(label(status, lang));
        row.createCell(1).setCellValue(status.positive() ? text(lang, "yes", "yes") : text(lang, "no", "no"));
      }
      print(instructions, head, instructionsName, this, lang);
      workbook.setActiveSheet(0);
      workbook.write(out);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write the results list of " + head.reference() + ": " + e.getMessage(), e);
    } finally {
      workbook.dispose();
      try {
        workbook.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }

  /** Rows 1 to 3: the TLP label and the title, the operation, the country and its unit. */
  private void top(Sheet sheet, Head head, CellStyle tlp, CellStyle bold, String title) {
    Language lang = head.language() == null ? Language.ENGLISH : head.language();
    Row first = sheet.createRow(0);
    Cell label = first.createCell(0);
    label.setCellValue(head.tlp().label());
    label.setCellStyle(tlp);
    Cell heading = first.createCell(1);
    heading.setCellValue(title + " · " + head.tlp().label() + ": " + sharingRule(head.tlp(), lang));
    heading.setCellStyle(bold);
    Row operation = sheet.createRow(1);
    operation.createCell(0).setCellValue(text(lang, "operation", "Operation"));
    operation.createCell(1).setCellValue(head.reference());
    operation.createCell(2).setCellValue(text(lang, "generated", "Generated {0}", head.generatedAt()));
    Row country = sheet.createRow(2);
    country.createCell(0).setCellValue(text(lang, "country", "Country"));
    country.createCell(1).setCellValue(head.country());
    country.createCell(2).setCellValue(head.countryName() + (head.unit() == null ? "" : ", " + head.unit()));
  }

  /** Printed as the tracker prints: landscape, a page wide, the TLP label in the header and the footer. */
  private static void print(Sheet sheet, Head head, String name, ResultWorkbook texts, Language lang) {
    sheet.getPrintSetup().setLandscape(true);
    sheet.getPrintSetup().setFitWidth((short) 1);
    sheet.getPrintSetup().setFitHeight((short) 0);
    sheet.setFitToPage(true);
    sheet.setAutobreaks(true);
    String label = "&B" + head.tlp().label().replace("&", "&&") + "&B";
    sheet.getHeader().setLeft(label);
    sheet.getHeader().setCenter(head.reference() + " · " + head.countryName() + " · " + name);
    sheet.getFooter().setLeft(label);
    sheet.getFooter().setCenter(texts.sharingRule(head.tlp(), lang).replace("&", "&&"));
    sheet.getFooter().setRight(head.reference() + " · " + texts.text(lang, "page", "page {0} of {1}", "&P", "&N"));
  }

  /** The TLP's sharing rule in the language (documents.tlp.*); the label itself is never translated. */
  private String sharingRule(Tlp tlp, Language language) {
    String key = "documents.tlp." + tlp.name();
    return messages != null && !language.equals(Language.ENGLISH) && messages.has(language, key) ? messages.text(language, key) : tlp.sharingRule();
  }

  /** A sheet's name in the language: at most 31 characters, none of those Excel refuses. */
  private String sheetName(Language language, String key, String english) {
    String name = text(language, key, english).replaceAll("[\\\\/?*\\[\\]:]", " ").strip();
    return name.isEmpty() ? english : name.length() > 31 ? name.substring(0, 31) : name;
  }

  /** The column headers in the language. */
  private String[] headers(Language language) {
    return new String[] {text(language, "header.type", HEADERS[0]), text(language, "header.indicator", HEADERS[1]),
        text(language, "header.result", HEADERS[2]), text(language, "header.date", HEADERS[3])};
  }

  private static CellStyle tlpStyle(SXSSFWorkbook workbook, String hex) {
    XSSFCellStyle style = (XSSFCellStyle) workbook.createCellStyle();
    style.setFillForegroundColor(new XSSFColor(new byte[] {0, 0, 0}, null));
    style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    XSSFFont font = (XSSFFont) workbook.createFont();
    font.setBold(true);
    String h = hex == null || hex.length() != 6 ? "FFFFFF" : hex;
    font.setColor(new XSSFColor(new byte[] {(byte) Integer.parseInt(h.substring(0, 2), 16), (byte) Integer.parseInt(h.substring(2, 4), 16),
        (byte) Integer.parseInt(h.substring(4, 6), 16)}, null));
    style.setFont(font);
    return style;
  }

  /**
   * A workbook read: the operation and country its top names (null where that row was removed), its lines (each with
   * the row number Excel shows), and how many listed indicators were left without a result.
   */
  public record Parsed(String reference, String country, List<IndicatorResults.Line> lines, int unanswered) {}

  /** Reads an uploaded list; a file that is not one is refused (400) saying why, before any line is read. */
  public Parsed read(byte[] content) {
    if (content.length == 0) {
      throw refused("is empty: choose the results list (.xlsx) you filled in");
    }
    if (content.length > maxBytes) {
      throw refused("is " + DataSize.ofBytes(content.length).toMegabytes() + " MB; a results list may be at most "
          + DataSize.ofBytes(maxBytes).toMegabytes() + " MB");
    }
    FileMagic magic;
    try (InputStream in = FileMagic.prepareToCheckMagic(new ByteArrayInputStream(content))) {
      magic = FileMagic.valueOf(in);
    } catch (IOException e) {
      throw refused("cannot be read");
    }
    if (magic == FileMagic.OLE2) {
      if (encrypted(content)) {
        throw refused("is protected by a password: save it without one (File, Info, Protect Workbook) and upload it again");
      }
      throw refused("is an old Excel 97-2003 workbook (.xls) or another Office file: save it as an Excel workbook (.xlsx) and upload it again");
    }
    if (magic != FileMagic.OOXML) {
      throw refused("is not an Excel workbook (.xlsx): upload the results list you were sent, filled in and saved as .xlsx");
    }
    try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(content))) {
      if (!pkg.getPartsByContentType("application/vnd.ms-excel.sheet.macroEnabled.main+xml").isEmpty()
          || pkg.getPartsByName(java.util.regex.Pattern.compile("(?i)/xl/vbaProject\\.bin")).size() > 0) {
        throw refused("holds macros (.xlsm): save it as an Excel workbook without macros (.xlsx) and upload it again");
      }
      if (pkg.getPartsByContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml").isEmpty()) {
        throw refused("is not an Excel workbook (.xlsx) but another Office document: upload the results list you were sent");
      }
      XSSFReader reader = new XSSFReader(pkg);
      XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
      Vocabulary words = vocabulary();
      while (sheets.hasNext()) {
        try (InputStream sheet = sheets.next()) {
          if (words.sheets().contains(sheets.getSheetName().strip().toLowerCase(Locale.ROOT))) {
            return parse(reader, new ReadOnlySharedStringsTable(pkg), sheet, words);
          }
        }
      }
      throw refused("has no sheet named \"" + RESULTS + "\": upload the results list you were sent, with its sheets as they were");
    } catch (InvalidInputException e) {
      throw e;
    } catch (IOException | OpenXML4JException | SAXException | RuntimeException e) {
      TooMany many = tooMany(e);
      if (many != null) {
        throw refused("holds more than " + String.format(Locale.ENGLISH, "%,d", many.limit) + " rows of results; a list holds at most that many");
      }
      throw refused("cannot be read as an Excel workbook (" + (e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage()))
          + "): save it again as .xlsx and upload it again");
    }
  }

  private static TooMany tooMany(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TooMany many) {
        return many;
      }
      if (t instanceof SAXException sax && sax.getException() instanceof TooMany many) {
        return many;
      }
    }
    return null;
  }

  private static String oneLine(String message) {
    String m = message.replaceAll("\\s+", " ").strip();
    return m.length() > 120 ? m.substring(0, 119) + "…" : m;
  }

  private static boolean encrypted(byte[] content) {
    try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(content))) {
      return fs.getRoot().hasEntry("EncryptionInfo");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static InvalidInputException refused(String message) {
    return new InvalidInputException("file", message);
  }

  private static final class TooMany extends RuntimeException {
    final int limit;

    TooMany(int limit) {
      super(null, null, false, false);
      this.limit = limit;
    }
  }

  private Parsed parse(XSSFReader reader, ReadOnlySharedStringsTable strings, InputStream sheet, Vocabulary words)
      throws IOException, SAXException, InvalidFormatException {
    StylesTable styles = reader.getStylesTable();
    Rows rows = new Rows(maxRows(), words);
    XMLReader xml;
    try {
      xml = XMLHelper.newXMLReader();
    } catch (javax.xml.parsers.ParserConfigurationException e) {
      throw new IOException(e);
    }
    xml.setContentHandler(new XSSFSheetXMLHandler(styles, strings, rows, new IsoDates(), false));
    xml.parse(new InputSource(sheet));
    if (!rows.headerFound) {
      throw refused("has no header row " + String.join(" | ", HEADERS) + " in the first " + HEADER_SEARCH + " rows of its \"" + RESULTS
          + "\" sheet: upload the results list you were sent, with its columns as they were");
    }
    return new Parsed(rows.reference, rows.country, List.copyOf(rows.lines), rows.unanswered);
  }

  /** Dates formatted as Excel shows them would depend on the format; a date cell reads as 2026-11-30 whatever it is. */
  private static final class IsoDates extends DataFormatter {
    IsoDates() {
      super(Locale.ENGLISH);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        return DateUtil.getLocalDateTime(value, use1904Windowing).toLocalDate().toString();
      }
      return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
    }
  }

  /** Collects the rows: above the header the operation and the country, below it one line per row that gives a result. */
  private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final int max;
    private final Vocabulary words;
    final List<IndicatorResults.Line> lines = new ArrayList<>();
    String reference;
    String country;
    boolean headerFound;
    int unanswered;
    private final String[] values = new String[HEADERS.length];
    private int row;
    private int nextColumn;

    Rows(int max, Vocabulary words) {
      this.max = max;
      this.words = words;
    }

    @Override
    public void startRow(int rowNum) {
      row = rowNum;
      nextColumn = 0;
      java.util.Arrays.fill(values, null);
    }

    @Override
    public void cell(String cellReference, String formattedValue, XSSFComment comment) {
      int column = cellReference == null ? nextColumn : new CellReference(cellReference).getCol();
      nextColumn = column + 1;
      if (column < values.length) {
        values[column] = formattedValue == null ? null : formattedValue.strip();
      }
    }

    @Override
    public void endRow(int rowNum) {
      if (!headerFound) {
        if (rowNum >= HEADER_SEARCH) {
          return;
        }
        String a = values[0] == null ? "" : values[0].toLowerCase(Locale.ROOT);
        if (words.operation().contains(a)) {
          reference = blankToNull(values[1]);
        } else if (words.country().contains(a)) {
          country = blankToNull(values[1]);
        } else if (words.isHeader(values)) {
          headerFound = true;
        }
        return;
      }
      String indicator = blankToNull(values[1]);
      String status = words.result(blankToNull(values[2]));
      String date = blankToNull(values[3]);
      if (status == null && date == null) {
        if (indicator != null) {
          unanswered++;
        }
        return;
      }
      if (lines.size() == max) {
        throw new TooMany(max);
      }
      // The row a person sees in Excel: the handler counts from 0.
      lines.add(new IndicatorResults.Line(row + 1, indicator, status, date));
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.strip();
    }
  }
}
