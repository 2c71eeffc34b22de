package org.takedown.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.system.Language;
import org.takedown.system.PartnerMessages;

/**
 * The documents' texts (templates/i18n/documents*.properties) and templates (templates/word/) hold every language a
 * unit reads: each key with the same arguments in Arabic, French and Spanish as in English, and each unit document's
 * template in each language.
 */
class DocumentTextsTest {

  static final PartnerMessages MESSAGES = new PartnerMessages("file:templates/i18n/");
  private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)}");

  @ParameterizedTest
  @ValueSource(strings = {"ar", "es", "fr"})
  void everyDocumentTextIsTranslatedWithTheSameArguments(String code) {
    Language language = Language.of(code);
    Set<String> english = new TreeSet<>(MESSAGES.keys().stream().filter(k -> k.startsWith("documents.")).toList());
    assertThat(english).hasSizeGreaterThan(60);
    Set<String> missing = new TreeSet<>(english);
    missing.removeAll(MESSAGES.keys(language));
    assertThat(missing).as("documents texts missing in " + code).isEmpty();
    for (String key : english) {
      assertThat(arguments(MESSAGES.text(language, key))).as(code + " " + key).isEqualTo(arguments(MESSAGES.text(Language.ENGLISH, key)));
      assertThat(MESSAGES.text(language, key)).as(code + " " + key).doesNotContain("??", "TODO");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ar", "es", "fr"})
  void everyUnitDocumentHasItsTemplateInTheLanguage(String code) {
    for (String template : new String[] {"national-assignment-brief", "evidence-handover-receipt", RequestDrafts.PRESERVATION_TEMPLATE,
        RequestDrafts.TAKEDOWN_TEMPLATE}) {
      assertThat(Path.of("templates/word", template + "." + code + ".docx")).exists();
      assertThat(Path.of("templates/word", template + ".docx")).exists();
    }
    assertThat(Files.exists(Path.of("templates/word", "closure-report." + code + ".docx"))).as("the fusion centre's documents stay English").isFalse();
  }

  @org.junit.jupiter.api.Test
  void theFrenchTextsUseTheTypographicApostrophe() {
    for (String key : MESSAGES.keys(Language.of("fr"))) {
      if (key.startsWith("documents.")) {
        assertThat(MESSAGES.text(Language.of("fr"), key)).as(key).doesNotContain("'");
      }
    }
  }

  private static Set<String> arguments(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = ARGUMENT.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }
}
