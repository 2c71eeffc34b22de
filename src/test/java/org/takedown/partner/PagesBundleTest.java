package org.takedown.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.takedown.result.ResultStatuses;
import org.takedown.system.Language;
import org.takedown.system.PartnerMessages;

/**
 * The pages bundle (templates/i18n/pages*.properties) holds every text in the four official languages with the same
 * arguments, and the problems of result checking reach a French or Arabic unit in its words. No Spring context.
 */
class PagesBundleTest {

  static final PartnerMessages MESSAGES = new PartnerMessages("file:templates/i18n/");
  static final PartnerPages PAGES = new PartnerPages(MESSAGES, null, new ResultStatuses(), null, null, null);
  static final Language FRENCH = Language.of("fr");
  static final Language ARABIC = Language.of("ar");

  @Test
  void everyTextOfThePagesIsInTheFourLanguagesWithTheSameArguments() {
    Set<String> english = pagesKeys(MESSAGES.keys());
    assertThat(english).hasSizeGreaterThan(200);
    for (String code : Language.OFFICIAL) {
      Language language = Language.of(code);
      assertThat(pagesKeys(MESSAGES.keys(language))).as("the keys of pages_%s.properties", code).isEqualTo(english);
      for (String key : english) {
        Set<String> given = arguments(MESSAGES.text(language, key));
        Set<String> expected = arguments(MESSAGES.text(Language.ENGLISH, key));
        if (key.endsWith(".one")) {
          // "one result", "نتيجة واحدة": the count of one may be written in words.
          given.remove("{0}");
          expected.remove("{0}");
        }
        assertThat(given).as("the arguments of %s in %s", key, code).isEqualTo(expected);
      }
    }
  }

  @Test
  void englishPagesKeepTheirWords() {
    assertThat(MESSAGES.text(Language.ENGLISH, "pages.problem.used.message", "Accept the assignment", "7 December 2026, 14:00 UTC"))
        .isEqualTo("Your answer “Accept the assignment” was recorded on 7 December 2026, 14:00 UTC. Nothing was changed.");
    assertThat(MESSAGES.text(Language.ENGLISH, "pages.action.badHash", "E1"))
        .isEqualTo("The SHA-256 for 'E1' must be 64 hexadecimal characters (0-9, a-f).");
  }

  @Test
  void theProblemsOfAReportReachAFrenchUnitInFrench() {
    assertThat(ResultProblems.translate(PAGES, "row 7: \"vanished\" is not a result; choose one of taken down, seized", FRENCH))
        .isEqualTo("ligne 7 : « vanished » n’est pas un résultat ; choisissez parmi neutralisé, saisi, redirigé (sinkhole), "
            + "suspendu (domaine), bloqué, introuvable, pas de base légale, aucune action possible, toujours actif");
    assertThat(ResultProblems.translate(PAGES, "row 10: \"203.0.113.9\" is not one of Germany's indicators in OP-2026-0001", FRENCH))
        .isEqualTo("ligne 10 : « 203.0.113.9 » ne figure pas parmi les indicateurs de OP-2026-0001 attribués à votre pays (Allemagne)");
    assertThat(ResultProblems.translate(PAGES, "row 3: date 2027-01-05 is in the future", ARABIC)).isEqualTo("السطر 3: التاريخ 2027-01-05 في المستقبل");
    assertThat(ResultProblems.sentence(PAGES, "is protected by a password: save it without one (File, Info, Protect Workbook) and upload it again",
        FRENCH)).startsWith("est protégé par un mot de passe");
    assertThat(ResultProblems.sentence(PAGES, "the Netherlands has not accepted OP-2026-0001: results are recorded for the countries that accepted",
        FRENCH)).isEqualTo("OP-2026-0001 n’a pas été acceptée pour ce pays (Pays-Bas) : les résultats sont enregistrés pour les pays qui l’ont acceptée");
  }

  @Test
  void englishAndUnknownProblemsStayAsTheyCame() {
    String english = "row 7: \"vanished\" is not a result; choose one of taken down, seized";
    assertThat(ResultProblems.translate(PAGES, english, Language.ENGLISH)).isSameAs(english);
    assertThat(ResultProblems.translate(PAGES, "row 4: something new the core says", FRENCH)).isEqualTo("ligne 4 : something new the core says");
  }

  @Test
  void numbersKeepWesternDigitsAndTheLanguagesGrouping() {
    assertThat(Language.ENGLISH.number(12_345)).isEqualTo("12,345");
    assertThat(ARABIC.number(12_345)).isEqualTo("12,345");
    assertThat(Language.of("es").number(12_345)).isEqualTo("12.345");
    assertThat(FRENCH.number(12_345)).matches("12\\h345");
  }

  @Test
  void anArabicMomentKeepsItsTimeLeftToRight() {
    java.time.Instant at = java.time.Instant.parse("2026-12-07T14:00:00Z");
    assertThat(ARABIC.dateTime(at)).endsWith("، \u206614:00 UTC\u2069").doesNotContain("14:00 UTC,");
    assertThat(Language.ENGLISH.dateTime(at)).isEqualTo("7 December 2026, 14:00 UTC");
    assertThat(FRENCH.dateTime(at)).isEqualTo("7 décembre 2026, 14:00 UTC");
  }

  private static Set<String> pagesKeys(Set<String> keys) {
    return new TreeSet<>(keys.stream().filter(k -> k.startsWith("pages.")).toList());
  }

  private static Set<String> arguments(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = Pattern.compile("\\{\\d+}").matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }
}
