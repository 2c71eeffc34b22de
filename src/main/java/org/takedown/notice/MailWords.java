package org.takedown.notice;

import java.text.NumberFormat;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.takedown.evidence.EvidenceType;
import org.takedown.result.ResultFigures;
import org.takedown.result.ResultStatuses;
import org.takedown.security.Disclosure;
import org.takedown.system.CountryCodes;
import org.takedown.system.Language;
import org.takedown.system.PartnerMessages;
import org.takedown.system.Pap;

/**
 * The values a unit's mail computes (counts, dates, country names, results, sizes), written in the unit's language
 * from the {@code mail.*} texts of templates/i18n/mail*.properties. English reads exactly as before the translations.
 * Numbers keep Latin digits in every language, as the dates and references beside them do.
 */
@Component
class MailWords {

  private final PartnerMessages messages;
  private final ResultStatuses statuses;

  MailWords(PartnerMessages messages, ResultStatuses statuses) {
    this.messages = messages;
    this.statuses = statuses;
  }

  String text(Language language, String key, Object... args) {
    return messages.text(language, key, args);
  }

  /** "1 indicator" / "12 indicators" ({@link PartnerMessages#count}). */
  String count(Language language, String key, long n, Object... more) {
    return messages.count(language, key, n, more);
  }

  String dateTime(Language language, Instant at) {
    return language.dateTime(at);
  }

  /** The country as a sentence names it: "the Netherlands", "les Pays-Bas" is left to the sentence ("Pays-Bas"). */
  static String country(Language language, String code) {
    return CountryCodes.name(code, language);
  }

  /** A country in a list ("Netherlands"). */
  static String countryInList(Language language, String code) {
    return language.equals(Language.ENGLISH) ? CountryCodes.name(code) : CountryCodes.name(code, language);
  }

  /** "Germany", "Germany and France", "Germany, France and Spain" in the language. */
  String and(Language language, List<String> names) {
    if (names.size() <= 1) {
      return String.join("", names);
    }
    return String.join(text(language, "mail.list.separator") + " ", names.subList(0, names.size() - 1))
        + " " + text(language, "mail.list.and") + " " + names.get(names.size() - 1);
  }

  /**
   * What {@link Disclosure#indicatorScope} says, in the unit's language: "12 of the operation's 30,000 indicators are
   * routed to Germany".
   */
  String indicatorScope(Language language, Disclosure unit, long seen, long total) {
    if (language.equals(Language.ENGLISH)) {
      return unit.indicatorScope(seen, total);
    }
    if (unit.seesAllIndicators()) {
      return count(language, "mail.scope.all", total);
    }
    List<String> names = unit.indicatorCountries().stream().sorted().map(c -> country(language, c)).toList();
    String where = names.isEmpty() ? text(language, "mail.scope.nowhere") : and(language, names);
    if (seen == 0) {
      return count(language, "mail.scope.none", total, where);
    }
    if (total == 1) {
      return text(language, "mail.scope.single", where);
    }
    return text(language, "mail.scope.some" + (seen == 1 ? ".one" : ".other"), language.number(seen), language.number(total), where);
  }

  /** "results for 3 of 12 indicators, 2 taken down". */
  String soFar(Language language, long reported, long routed, long positive) {
    return text(language, "mail.results.soFar", language.number(reported), language.number(routed), language.number(positive));
  }

  /** "taken down, seized, …": the statuses a unit may report, in its language. */
  String statuses(Language language) {
    if (language.equals(Language.ENGLISH)) {
      return statuses.choices();
    }
    return String.join(text(language, "mail.list.separator") + " ",
        statuses.reportable().stream().map(s -> statuses.label(s.code(), language, messages)).toList());
  }

  /** The results' headline as {@link ResultFigures} writes it, in the language: "2 of 3 indicators taken down (67 %) in 1 of 1 country; …". */
  String headline(Language language, ResultFigures.Figures f) {
    if (language.equals(Language.ENGLISH)) {
      return f.headline();
    }
    ResultFigures.Rate total = f.total();
    if (total.routed() == 0) {
      return text(language, "mail.headline.nothing");
    }
    StringBuilder s = new StringBuilder(text(language, "mail.headline.takenDown" + (total.routed() == 1 ? ".one" : ".other"),
        language.number(total.positive()), language.number(total.routed()), language.number(total.percent())));
    s.append(' ').append(text(language, "mail.headline.countries" + (f.countries() == 1 ? ".one" : ".other"),
        language.number(f.countriesWithTakedowns()), language.number(f.countries())));
    ResultFigures.Counts counts = f.counts();
    part(language, s, counts.serversSeized(), "mail.headline.servers");
    part(language, s, counts.domainsSinkholed(), "mail.headline.domains");
    part(language, s, counts.arrests(), "mail.headline.arrests");
    part(language, s, counts.victimsNotified(), "mail.headline.victims");
    return s.toString();
  }

  private void part(Language language, StringBuilder s, long n, String key) {
    if (n > 0) {
      s.append(text(language, "mail.list.semicolon")).append(' ').append(count(language, key, n));
    }
  }

  /** "Network capture", and "1.2 MB (1,234,567 bytes)", as the language writes them. */
  String evidenceType(Language language, EvidenceType type) {
    return language.equals(Language.ENGLISH) ? type.label() : text(language, "mail.evidence.type." + type.name());
  }

  String size(Language language, long bytes) {
    return messages.size(language, bytes);
  }

  /** The vendor as a unit may read it: its name with attribution, "a private-sector partner" in the language otherwise. */
  String vendor(Language language, String label) {
    return Disclosure.UNNAMED_VENDOR.equals(label) && !language.equals(Language.ENGLISH) ? text(language, "mail.vendor.unnamed") : label;
  }

  /** The PAP label stays as FIRST writes it; its rule is translated. */
  String papRule(Language language, Pap pap) {
    return language.equals(Language.ENGLISH) ? pap.rule() : text(language, "mail.pap.rule." + pap.name());
  }
}
