package org.takedown.partner;

import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.takedown.system.CountryCodes;
import org.takedown.system.Language;

/**
 * The one place where the English problems of result checking (org.takedown.result: "row 7: "203.0.113.9" is not one of
 * Germany's indicators in OP-…", "The file is protected by a password: …") become the unit's words on its pages. The
 * API keeps answering in English (problem+json); a page reads the same sentence in its language from
 * {@code pages.result.…}. A sentence not known here stays as it came, in English, rather than lose what it says.
 */
final class ResultProblems {

  private ResultProblems() {}

  private static final Pattern ROW = Pattern.compile("^row (\\d+): (.*)$", Pattern.DOTALL);

  /** A known sentence: its pattern, its key, and how its groups become the text's arguments. */
  private record Known(Pattern pattern, String key, BiFunction<Matcher, Context, Object[]> args) {}

  /** What a sentence needs beyond its groups: the language's choices of result, the unit's country in its words. */
  record Context(PartnerPages pages, Language language) {}

  private static Known known(String regex, String key, BiFunction<Matcher, Context, Object[]> args) {
    return new Known(Pattern.compile("^" + regex + "$", Pattern.DOTALL), key, args);
  }

  private static Known known(String regex, String key) {
    return known(regex, key, (m, c) -> groups(m));
  }

  private static Object[] groups(Matcher m) {
    Object[] args = new Object[m.groupCount()];
    for (int i = 0; i < args.length; i++) {
      args[i] = m.group(i + 1);
    }
    return args;
  }

  // The sentences of IndicatorResults, ResultUploads and ResultWorkbook, most specific first.
  private static final List<Known> KNOWN = List.of(
      known("names no indicator", "pages.result.noIndicator"),
      known("\"(.*)\" is not one of (.+)'s indicators in (\\S+)", "pages.result.notOurs",
          (m, c) -> new Object[] {m.group(1), country(m.group(2), c.language()), m.group(3)}),
      known("\"(.*)\" is given twice \\(first in row (\\d+)\\)", "pages.result.twice"),
      known("has no result: choose one of .*", "pages.result.noResult", (m, c) -> new Object[] {c.pages().choices(c.language())}),
      known("\"(.*)\" is not a result; choose one of .*", "pages.result.notAResult",
          (m, c) -> new Object[] {m.group(1), c.pages().choices(c.language())}),
      known("date \"(.*)\" is not a date: write it as 2026-11-30", "pages.result.badDate"),
      known("date (\\S+) is in the future", "pages.result.futureDate"),
      known("date (\\S+) is before the unit was asked \\((\\S+)\\)", "pages.result.earlyDate"),
      known("(\\S+) is closed: its results were final at closure", "pages.result.closed"),
      known("(\\S+) is [a-z ]+: results are recorded from a unit's acceptance until closure", "pages.result.notOpen"),
      known("(.+) has not accepted (\\S+): results are recorded for the countries that accepted", "pages.result.notAccepted",
          (m, c) -> new Object[] {country(m.group(1), c.language()), m.group(2)}),
      known("is empty: give a result for at least one indicator, or the country's counts", "pages.result.empty"),
      known("must be a whole number from 0 to 10,000,000, not (-?\\d+)", "pages.result.countRange"),
      known("is (\\d+) characters long; at most 2,000", "pages.result.noteTooLong"),
      known("is (\\d[\\d,]*) characters long; at most ([\\d,]+)", "pages.result.tooLong"),
      known("is empty: choose the results list \\(\\.xlsx\\) you filled in", "pages.result.file.empty"),
      known("is required: choose the results list \\(\\.xlsx\\) you filled in", "pages.result.file.required"),
      known("is protected by a password: .*", "pages.result.file.password"),
      known("is an old Excel 97-2003 workbook .*", "pages.result.file.xls"),
      known("is not an Excel workbook \\(\\.xlsx\\) but another Office document: .*", "pages.result.file.otherOffice"),
      known("is not an Excel workbook \\(\\.xlsx\\): .*", "pages.result.file.notXlsx"),
      known("holds macros \\(\\.xlsm\\): .*", "pages.result.file.macros"),
      known("has no sheet named \"(.*)\": .*", "pages.result.file.noSheet"),
      known("has no header row .*", "pages.result.file.noHeader"),
      known("is larger than (\\d+) MB, the most a results list may be", "pages.result.file.tooLarge"),
      known("is (\\d+) MB; a results list may be at most (\\d+) MB", "pages.result.file.tooLarge", (m, c) -> new Object[] {m.group(2)}),
      known("holds more than ([\\d,]+) rows of results; a list holds at most that many", "pages.result.file.tooManyRows"),
      known("cannot be read as an Excel workbook .*", "pages.result.file.unreadable"),
      known("cannot be read", "pages.result.file.unreadable"),
      known("is the results list of (\\S+), not of (\\S+): upload the list of \\S+", "pages.result.file.otherOperation"),
      known("is the results list of (.+), not of (.+): upload .+'s list", "pages.result.file.otherCountry",
          (m, c) -> new Object[] {country(m.group(1), c.language()), country(m.group(2), c.language())}),
      known("gives no result: .*", "pages.result.file.noResult"),
      known("did not arrive whole: upload it again", "pages.result.file.partial"),
      known("has a file name that cannot be read; .*", "pages.result.file.badName"),
      known("send one results list per upload", "pages.result.file.onlyOne"),
      known("This results list has just been recorded; nothing more was changed\\.", "pages.result.upload.twice"),
      known("This upload is not known: upload the results list again\\.", "pages.result.upload.unknown"),
      known("This upload is no longer waiting: .*", "pages.result.upload.gone"));

  /** A country's English name ("Germany", "the Netherlands") in the language; the name as given where none matches. */
  static String country(String english, Language language) {
    String name = english.startsWith("the ") ? english.substring(4) : english;
    for (String code : java.util.Locale.getISOCountries()) {
      if (CountryCodes.name(code).equals(name)) {
        return CountryCodes.name(code, language);
      }
    }
    return english;
  }

  /** One problem in the page's language: "row 7: …" keeps its row ("ligne 7 : …"); an unknown sentence stays as it came. */
  static String translate(PartnerPages pages, String english, Language language) {
    if (english == null || language.equals(Language.ENGLISH)) {
      return english;
    }
    Matcher row = ROW.matcher(english);
    if (row.matches()) {
      return pages.text(language, "pages.result.row", row.group(1), sentence(pages, row.group(2), language));
    }
    return sentence(pages, english, language);
  }

  /** A problem without its row, in the page's language. */
  static String sentence(PartnerPages pages, String english, Language language) {
    if (english == null || language.equals(Language.ENGLISH)) {
      return english;
    }
    for (Known known : KNOWN) {
      Matcher m = known.pattern().matcher(english.strip());
      if (m.matches()) {
        return pages.text(language, known.key(), known.args().apply(m, new Context(pages, language)));
      }
    }
    return english;
  }
}
