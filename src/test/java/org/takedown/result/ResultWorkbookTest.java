package org.takedown.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.takedown.system.InvalidInputException;
import org.takedown.system.Tlp;

/** The results list read back strictly: the rows a person sees, and a plain refusal for every file that is not the list. */
class ResultWorkbookTest {

  static ResultWorkbook workbook(int maxRows) throws Exception {
    Class<?> limits = Class.forName("org.takedown.tip.TipLimits");
    Constructor<?> newLimits = limits.getDeclaredConstructor(int.class, int.class);
    newLimits.setAccessible(true);
    Constructor<ResultWorkbook> c = ResultWorkbook.class.getDeclaredConstructor(ResultStatuses.class, limits, DataSize.class);
    c.setAccessible(true);
    return c.newInstance(new ResultStatuses(), newLimits.newInstance(maxRows, 250), DataSize.ofMegabytes(20));
  }

  static byte[] sent(ResultWorkbook workbook) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    workbook.write(new ResultWorkbook.Head("OP-2026-0007", "DE", "Germany", "BKA", Tlp.AMBER, "FFC000", "2026-12-07 10:00 UTC", "the results page"),
        List.of(new IndicatorResults.Row("DE", "ipv4-addr", "193.99.1.1", ResultStatuses.REQUESTED, "requested", null, null, false, null),
            new IndicatorResults.Row("DE", "domain-name", "=c2.example", "SEIZED", "seized", Instant.parse("2026-12-02T12:00:00Z"), "u", false, "PAGE"),
            new IndicatorResults.Row("DE", "ipv4-addr", "193.99.1.3", ResultStatuses.REQUESTED, "requested", null, null, false, null)), out);
    return out.toByteArray();
  }

  @Test
  void rowsAreReadWithTheirExcelNumbersAndDatesAsWritten() throws Exception {
    ResultWorkbook reader = workbook(50_000);
    byte[] filled;
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(sent(reader))); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = book.getSheet("Results");
      assertThat(sheet.getRow(7).getCell(1).getCellStyle().getQuotePrefixed()).as("a value that looks like a formula stays text").isTrue();
      sheet.getRow(6).createCell(2).setCellValue("taken down");
      // A date typed into a cell Excel formats as a date reads as the day.
      CellStyle date = book.createCellStyle();
      date.setDataFormat(book.createDataFormat().getFormat("d/m/yy"));
      sheet.getRow(6).createCell(3).setCellValue(LocalDate.of(2026, 12, 1));
      sheet.getRow(6).getCell(3).setCellStyle(date);
      sheet.createRow(20);
      book.write(out);
      filled = out.toByteArray();
    }
    ResultWorkbook.Parsed parsed = reader.read(filled);
    assertThat(parsed.reference()).isEqualTo("OP-2026-0007");
    assertThat(parsed.country()).isEqualTo("DE");
    assertThat(parsed.lines()).containsExactly(new IndicatorResults.Line(7, "193.99.1.1", "taken down", "2026-12-01"),
        new IndicatorResults.Line(8, "=c2.example", "seized", "2026-12-02"));
    assertThat(parsed.unanswered()).isEqualTo(1);
  }

  @Test
  void whatIsNotTheListIsRefusedInPlainWords() throws Exception {
    ResultWorkbook reader = workbook(1);
    refused(reader, new byte[0], "is empty");
    refused(reader, "indicator,result\n193.99.1.1,taken down\n".getBytes(StandardCharsets.UTF_8), "is not an Excel workbook (.xlsx)");
    try (HSSFWorkbook xls = new HSSFWorkbook()) {
      xls.createSheet("Results");
      refused(reader, bytes(xls), "is an old Excel 97-2003 workbook (.xls)");
    }
    try (XSSFWorkbook xlsm = new XSSFWorkbook(XSSFWorkbookType.XLSM)) {
      xlsm.createSheet("Results");
      refused(reader, bytes(xlsm), "holds macros (.xlsm)");
    }
    refused(reader, encrypted(sent(reader)), "is protected by a password");
    try (XSSFWorkbook other = new XSSFWorkbook()) {
      other.createSheet("Sheet1");
      refused(reader, bytes(other), "has no sheet named \"Results\"");
    }
    try (XSSFWorkbook headers = new XSSFWorkbook()) {
      headers.createSheet("Results").createRow(0).createCell(0).setCellValue("Indicator");
      refused(reader, bytes(headers), "has no header row Type | Indicator | Result | Date in the first 12 rows");
    }
    try (XSSFWorkbook many = new XSSFWorkbook(new ByteArrayInputStream(sent(reader)))) {
      many.getSheet("Results").getRow(6).createCell(2).setCellValue("seized");
      refused(reader, bytes(many), "holds more than 1 rows of results");
    }
  }

  static void refused(ResultWorkbook reader, byte[] file, String words) {
    assertThatThrownBy(() -> reader.read(file)).isInstanceOf(InvalidInputException.class).hasMessageContaining(words);
  }

  static byte[] bytes(Workbook workbook) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    workbook.write(out);
    return out.toByteArray();
  }

  static byte[] encrypted(byte[] xlsx) throws Exception {
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
      encryptor.confirmPassword("secret");
      try (OPCPackage opc = OPCPackage.open(new ByteArrayInputStream(xlsx)); OutputStream os = encryptor.getDataStream(fs)) {
        opc.save(os);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      fs.writeFilesystem(out);
      return out.toByteArray();
    }
  }
}
