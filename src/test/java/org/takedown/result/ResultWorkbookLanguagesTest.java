package org.takedown.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.takedown.system.Language;
import org.takedown.system.PartnerMessages;
import org.takedown.system.Tlp;

/** The results list in the unit's language: its sheets, headers, instructions and drop-down; read back in any language. */
class ResultWorkbookLanguagesTest {

  static final PartnerMessages MESSAGES = new PartnerMessages("file:templates/i18n/");

  static ResultWorkbook workbook() throws Exception {
    Class<?> limits = Class.forName("org.takedown.tip.TipLimits");
    Constructor<?> newLimits = limits.getDeclaredConstructor(int.class, int.class);
    newLimits.setAccessible(true);
    Constructor<ResultWorkbook> c = ResultWorkbook.class.getDeclaredConstructor(ResultStatuses.class, limits, DataSize.class,
        PartnerMessages.class);
    c.setAccessible(true);
    return c.newInstance(new ResultStatuses(), newLimits.newInstance(50_000, 250), DataSize.ofMegabytes(20), MESSAGES);
  }

  static byte[] sent(ResultWorkbook workbook, Language language, String countryName) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    workbook.write(new ResultWorkbook.Head("OP-2026-0007", "FR", countryName, "OFAC", Tlp.AMBER, "FFC000", language.dateTime(
        Instant.parse("2026-12-07T10:00:00Z")), MESSAGES.text(language, "documents.results.uploadAt", "POST https://takedown.example/api"), language),
        List.of(new IndicatorResults.Row("FR", "ipv4-addr", "193.99.1.1", ResultStatuses.REQUESTED, "requested", null, null, false, null),
            new IndicatorResults.Row("FR", "domain-name", "c2.example", "SEIZED", "seized", Instant.parse("2026-12-02T12:00:00Z"), "u", false, "PAGE"),
            new IndicatorResults.Row("FR", "ipv4-addr", "193.99.1.3", ResultStatuses.REQUESTED, "requested", null, null, false, null)), out);
    return out.toByteArray();
  }

  static String all(XSSFWorkbook book) {
    StringBuilder text = new StringBuilder();
    book.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> text.append(cell.toString()).append('\n'))));
    return text.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"fr", "es", "ar"})
  void theListReadsInTheUnitsLanguageAndComesBackAsItsResults(String code) throws Exception {
    Language language = Language.of(code);
    ResultWorkbook workbook = workbook();
    byte[] filled;
    String takenDown = MESSAGES.text(language, "result.status.TAKEN_DOWN");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(sent(workbook, language, "France")))) {
      XSSFSheet results = book.getSheetAt(0);
      XSSFSheet instructions = book.getSheetAt(1);
      assertThat(results.getSheetName()).isEqualTo(MESSAGES.text(language, "documents.results.sheet.results"));
      assertThat(instructions.getSheetName()).isEqualTo(MESSAGES.text(language, "documents.results.sheet.instructions"));
      assertThat(results.isRightToLeft()).isEqualTo(language.rightToLeft());
      Row header = results.getRow(5);
      assertThat(header.getCell(1).getStringCellValue()).isEqualTo(MESSAGES.text(language, "documents.results.header.indicator"));
      assertThat(header.getCell(2).getStringCellValue()).isEqualTo(MESSAGES.text(language, "documents.results.header.result"));
      assertThat(results.getRow(7).getCell(2).getStringCellValue()).as("a result already recorded, in the unit's words")
          .isEqualTo(MESSAGES.text(language, "result.status.SEIZED"));
      String text = all(book);
      assertThat(text).contains("TLP:AMBER", MESSAGES.text(language, "documents.tlp.AMBER"), takenDown,
          MESSAGES.text(language, "documents.results.instructions.title"), "OP-2026-0007", "193.99.1.1")
          .doesNotContain("Results list", "How to report", "Counts as taken down", "??", "{0}");
      // The drop-down lists the unit's words, from the Instructions sheet under its own name.
      DataValidation validation = results.getDataValidations().get(0);
      assertThat(validation.getValidationConstraint().getFormula1())
          .matches("'?" + java.util.regex.Pattern.quote(instructions.getSheetName()) + "'?!\\$A\\$12:.*");
      List<String> choices = new ArrayList<>();
      for (int r = 11; r < 20; r++) {
        choices.add(instructions.getRow(r).getCell(0).getStringCellValue());
      }
      assertThat(choices).contains(takenDown, MESSAGES.text(language, "result.status.STILL_ACTIVE"));

      results.getRow(6).createCell(2).setCellValue(takenDown);
      // The English words still read, from a unit whose colleague kept an English list.
      results.getRow(8).createCell(2).setCellValue("still active");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      book.write(out);
      filled = out.toByteArray();
    }
    ResultWorkbook.Parsed parsed = workbook.read(filled);
    assertThat(parsed.reference()).isEqualTo("OP-2026-0007");
    assertThat(parsed.country()).isEqualTo("FR");
    assertThat(parsed.lines()).extracting(IndicatorResults.Line::indicator, IndicatorResults.Line::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple("193.99.1.1", "TAKEN_DOWN"), org.assertj.core.groups.Tuple.tuple("c2.example", "SEIZED"),
        org.assertj.core.groups.Tuple.tuple("193.99.1.3", "still active"));
    assertThat(new ResultStatuses().find(parsed.lines().get(2).status())).map(ResultStatuses.Status::code).hasValue("STILL_ACTIVE");
  }

  @Test
  void anEnglishListIsAsItWas() throws Exception {
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(sent(workbook(), Language.ENGLISH, "France")))) {
      assertThat(book.getSheetName(0)).isEqualTo("Results");
      assertThat(book.getSheetAt(0).getRow(0).getCell(1).getStringCellValue())
          .isEqualTo("Results list: France in OP-2026-0007 · TLP:AMBER: " + Tlp.AMBER.sharingRule());
      assertThat(book.getSheetAt(0).getRow(5).getCell(3).getStringCellValue()).isEqualTo("Date (yyyy-mm-dd, optional)");
      assertThat(book.getSheetAt(1).getRow(6).getCell(1).getStringCellValue())
          .isEqualTo("3. Do not add or change indicators: a row naming an indicator that is not France's is refused.");
    }
  }
}
