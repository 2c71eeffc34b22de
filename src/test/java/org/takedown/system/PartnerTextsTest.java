package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The texts of templates/i18n/: every key of every bundle in Arabic, English, French and Spanish, with the same
 * arguments; a text missing in a language falls back to English and is logged once.
 */
class PartnerTextsTest {

  private final PartnerMessages messages = new PartnerMessages("file:templates/i18n/");

  @Test
  void everyTextExistsInTheFourLanguagesWithTheSameArguments() {
    List<String> problems = new ArrayList<>();
    for (String code : Language.OFFICIAL) {
      Language language = new Language(code);
      TreeSet<String> missing = new TreeSet<>(messages.keys());
      missing.removeAll(messages.keys(language));
      missing.forEach(key -> problems.add(code + ": no text for " + key));
      TreeSet<String> unknown = new TreeSet<>(messages.keys(language));
      unknown.removeAll(messages.keys());
      unknown.forEach(key -> problems.add(code + ": " + key + " has no English text (a stale key?)"));
      for (String key : messages.keys(language)) {
        String text = messages.text(language, key);
        String english = messages.text(Language.ENGLISH, key);
        // A singular may leave its count out ("one indicator", Arabic's singular needs no numeral); nothing else may.
        TreeSet<String> expected = arguments(english);
        if (key.endsWith(".one")) {
          expected.remove("0");
        }
        if (!arguments(text).containsAll(expected) || !arguments(english).containsAll(arguments(text))) {
          problems.add(code + ": " + key + " uses " + arguments(text) + ", English " + arguments(english));
        }
        if (text.isBlank()) {
          problems.add(code + ": " + key + " is empty");
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(messages.keys()).contains("action.ACCEPT", "result.status.TAKEN_DOWN");
  }

  @Test
  void arabicTextsAreWrittenInArabicAndOthersAreTranslated() {
    List<String> problems = new ArrayList<>();
    for (String key : messages.keys(new Language("ar"))) {
      String text = messages.text(new Language("ar"), key);
      // A text of punctuation and values only («{0}», "{0} ({1})") has no words to write in Arabic.
      boolean words = ARGUMENT.matcher(text).replaceAll("").codePoints().anyMatch(Character::isLetter);
      // A command or a name (Get-FileHash …) is written as in English.
      if (words && !ARABIC_LETTER.matcher(text).find() && !text.equals(messages.text(Language.ENGLISH, key))) {
        problems.add("ar: " + key + " has no Arabic letter");
      }
    }
    assertThat(problems).isEmpty();
    assertThat(messages.text(new Language("fr"), "action.ACCEPT")).isEqualTo("Accepter la mission");
    assertThat(messages.text(new Language("es"), "action.DECLINE")).isEqualTo("Rechazar la asignación");
  }

  @Test
  void aMissingTextFallsBackToEnglishAndIsLoggedOnce(@TempDir Path folder) throws Exception {
    Files.writeString(folder.resolve("demo.properties"), "demo.hello=Hello {0}, it's {1}\ndemo.bye=Goodbye\n");
    Files.writeString(folder.resolve("demo_fr.properties"), "demo.hello=Bonjour {0}, c’est {1}\n");
    PartnerMessages texts = new PartnerMessages(folder.toUri().toString());
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger logger = (Logger) LoggerFactory.getLogger(PartnerMessages.class);
    logger.addAppender(log);
    try {
      Language french = new Language("fr");
      assertThat(texts.text(french, "demo.hello", "OFAC", "l'heure")).isEqualTo("Bonjour OFAC, c’est l'heure");
      assertThat(texts.text(Language.ENGLISH, "demo.hello", "OFAC", "time")).isEqualTo("Hello OFAC, it's time");
      assertThat(texts.text(french, "demo.bye")).isEqualTo("Goodbye");
      assertThat(texts.text(french, "demo.bye")).isEqualTo("Goodbye");
      assertThat(texts.text(new Language("de"), "demo.hello", "BKA", "Zeit")).isEqualTo("Hello BKA, it's Zeit");
    } finally {
      logger.detachAppender(log);
    }
    assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).filteredOn(m -> m.startsWith("No "))
        .containsExactly("No fr text for 'demo.bye' in " + folder.toUri() + ": English is used",
            "No de text for 'demo.hello' in " + folder.toUri() + ": English is used");
  }

  @Test
  void datesAndCountriesReadInTheUnitsLanguage() {
    Instant at = Instant.parse("2026-12-07T14:00:00Z");
    assertThat(Language.ENGLISH.dateTime(at)).isEqualTo("7 December 2026, 14:00 UTC");
    assertThat(new Language("fr").dateTime(at)).isEqualTo("7 décembre 2026, 14:00 UTC");
    assertThat(new Language("es").date(at)).isEqualTo("7 de diciembre de 2026");
    assertThat(new Language("ar").date(at)).contains("ديسمبر");
    assertThat(CountryCodes.name("DE", new Language("fr"))).isEqualTo("Allemagne");
    assertThat(CountryCodes.name("NL", Language.ENGLISH)).isEqualTo("the Netherlands");
    assertThat(CountryCodes.name("MA", new Language("ar"))).isEqualTo("المغرب");
  }

  private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[^}]*}");
  private static final Pattern ARABIC_LETTER = Pattern.compile("[\\u0600-\\u06FF]");

  private static TreeSet<String> arguments(String text) {
    TreeSet<String> found = new TreeSet<>();
    Matcher m = ARGUMENT.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
