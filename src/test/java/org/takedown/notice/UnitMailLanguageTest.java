package org.takedown.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.takedown.system.CountryCodes;
import org.takedown.system.Language;
import org.takedown.system.PartnerMessages;
import org.takedown.system.Tlp;

/**
 * Every mail a national unit receives, in each of INTERPOL's four languages: no missing text, no English sentence left
 * in a translation, the phrases of the language present, and in Arabic a right-to-left body with the reference, the
 * indicators' words and the links kept left to right (isolated by Unicode isolates in the text part and the subject).
 */
class UnitMailLanguageTest {

  private static final PartnerMessages MESSAGES = new PartnerMessages("file:templates/i18n/");
  private static final NoticeRenderer RENDERER = new NoticeRenderer(context(), "file:templates/mail/", MESSAGES);

  private static GenericApplicationContext context() {
    GenericApplicationContext context = new GenericApplicationContext();
    context.refresh();
    return context;
  }

  static final List<NoticeKind> UNIT_KINDS = List.of(NoticeKind.ASSIGNMENT_REQUEST, NoticeKind.ASSIGNMENT_REMINDER,
      NoticeKind.EVIDENCE_HANDOVER, NoticeKind.RECEIPT_REMINDER, NoticeKind.RESULTS_REQUEST, NoticeKind.RESULTS_REMINDER,
      NoticeKind.CLOSURE, NoticeKind.RECALL, NoticeKind.UNIT_DIGEST);

  private static final String REFERENCE = "OP-2026-0007";
  private static final String PAGE = "https://takedown.example.org/partner/unit/Zm9vYmFy";
  private static final String LINK = "https://takedown.example.org/partner/actions/dG9rZW4";
  private static final Instant DUE = Instant.parse("2026-12-07T14:00:00Z");

  static Stream<Arguments> kindsAndLanguages() {
    return UNIT_KINDS.stream().flatMap(kind -> Language.OFFICIAL.stream().sorted().map(code -> Arguments.of(kind, code)));
  }

  /** The content a unit's notice carries, as UnitNotices, ClosureNotices and UnitDigest write it in the unit's language. */
  static Map<String, Object> model(NoticeKind kind, Language language) {
    Map<String, Object> m = new HashMap<>();
    m.put("reference", REFERENCE);
    m.put("tlp", Tlp.AMBER.label());
    m.put("tlpRule", Tlp.AMBER.sharingRule());
    m.put("red", false);
    m.put("signInUrl", "https://takedown.example.org/operations/" + REFERENCE);
    m.put(NoticeRenderer.LANGUAGE, language.code());
    m.put("title", "Banking trojan C2 servers");
    m.put("nationalUnit", "Office anti-cybercriminalité (OFAC)");
    m.put("countryName", CountryCodes.name("FR", language));
    m.put("pap", "PAP:AMBER");
    m.put("papRule", language.equals(Language.ENGLISH) ? "Passive cross-checks." : MESSAGES.text(language, "mail.pap.rule.AMBER"));
    m.put("vendor", language.equals(Language.ENGLISH) ? "a private-sector partner" : MESSAGES.text(language, "mail.vendor.unnamed"));
    m.put("unitPage", PAGE);
    String scope = MESSAGES.text(language, "mail.scope.some.other", "2", "3", CountryCodes.name("FR", language));
    m.put("indicatorScope", scope);
    List<Map<String, String>> actions = new ArrayList<>();
    switch (kind) {
      case ASSIGNMENT_REQUEST, ASSIGNMENT_REMINDER -> {
        m.put("answerBy", language.dateTime(DUE));
        m.put("attachment", "OP-2026-0007-FR-brief.docx");
        m.put("resultsList", "OP-2026-0007-FR-results.xlsx");
        actions.add(action(language, "ACCEPT", "primary"));
        actions.add(action(language, "DECLINE", "secondary"));
      }
      case EVIDENCE_HANDOVER, RECEIPT_REMINDER -> {
        m.put("packageItems", List.of("E1 – Sinkhole log (" + MESSAGES.text(language, "mail.evidence.type.LOG") + ", 12 kB)"));
        m.put("download", Map.of("url", "https://takedown.example.org/partner/downloads/YWJj", "expires", language.dateTime(DUE)));
        m.put("downloadOpened", false);
        actions.add(action(language, "CONFIRM_RECEIPT", "primary"));
        actions.add(action(language, "REPORT_NOT_RECEIVED", "secondary"));
      }
      case RESULTS_REQUEST, RESULTS_REMINDER -> {
        m.put("reportBy", language.dateTime(DUE));
        m.put("soFar", MESSAGES.text(language, "mail.results.soFar", "1", "2", "1"));
        m.put("statuses", MESSAGES.text(language, "result.status.TAKEN_DOWN") + ", " + MESSAGES.text(language, "result.status.SEIZED"));
        m.put("reminder", kind == NoticeKind.RESULTS_REMINDER);
        actions.add(action(language, "REPORT_RESULTS", "primary"));
      }
      case CLOSURE -> {
        Map<String, Object> france = new HashMap<>();
        france.put("countryName", CountryCodes.name("FR", language));
        france.put("nationalUnit", null);
        france.put("outcome", null);
        m.put("results", List.of(france));
        m.put("ownCountry", true);
        m.put("outcomeSummary", null);
        m.put("operationUrl", null);
        m.put("headline", MESSAGES.text(language, "mail.headline.takenDown.other", "1", "2", "50"));
      }
      case RECALL -> {
        m.keySet().retainAll(List.of("reference", "tlp", "tlpRule", "red", "signInUrl", NoticeRenderer.LANGUAGE, "title"));
        m.put("reason", "Duplicate of OP-2026-0003");
      }
      case UNIT_DIGEST -> {
        m.put("day", language.date(DUE));
        m.put("asOf", language.dateTime(DUE));
        m.put("taskCount", MESSAGES.text(language, "mail.digest.tasks.other", "2"));
        m.put("awaitingCount", MESSAGES.text(language, "mail.digest.indicators.other", "5"));
        Map<String, Object> task = new LinkedHashMap<>(Map.of("reference", REFERENCE, "red", false, "tlp", "TLP:AMBER",
            "title", "Banking trojan C2 servers", "vendor", "a private-sector partner", "overdue", true,
            "task", MESSAGES.text(language, "mail.task.Task_ReportResults"), "due", language.dateTime(DUE), "unitPage", PAGE));
        Map<String, Object> red = new LinkedHashMap<>(Map.of("reference", "OP-2026-0009", "red", true, "tlp", "TLP:RED"));
        m.put("tasks", List.of(task, red));
        Map<String, Object> awaiting = new LinkedHashMap<>(task);
        awaiting.put("awaiting", MESSAGES.text(language, "mail.digest.awaitingOf.other", "5", "3"));
        m.put("awaiting", List.of(awaiting));
        m.put("anyRed", true);
      }
      default -> throw new IllegalArgumentException(kind.name());
    }
    m.put("actions", actions.isEmpty() ? null : actions);
    return m;
  }

  private static Map<String, String> action(Language language, String action, String kind) {
    return Map.of("label", MESSAGES.text(language, "action." + action), "url", LINK + action.length(), "kind", kind);
  }

  /** Words of the English templates that no translation keeps (a left-over English sentence would show them). */
  private static final List<String> ENGLISH = List.of("the fusion centre", "Please ", "Reminder to", "operation ", "awaits",
      "Each link", "Each button", "Your page", "evidence", "your results", "Results:", "has been", "Download", "withdrawn", "recorded",
      "Permissible", "sign in", "What waits", "Your tasks", "None.", "overdue", "due ", "still ", "Thank you", "Do not");

  /** Phrases each language must show, per mail. */
  private static final Map<String, Map<NoticeKind, List<String>>> PHRASES = Map.of(
      "en", Map.of(NoticeKind.ASSIGNMENT_REQUEST, List.of("the fusion centre asks you to act in France", "Please answer by 7 December 2026, 14:00 UTC"),
          NoticeKind.RESULTS_REQUEST, List.of("Report by 7 December 2026, 14:00 UTC"), NoticeKind.UNIT_DIGEST, List.of("What waits for your unit")),
      "fr", Map.of(NoticeKind.ASSIGNMENT_REQUEST, List.of("le centre de fusion vous demande d’agir dans le cadre de l’opération «\u00a0Banking trojan C2 servers\u00a0» (pays\u00a0: France)", "Merci de répondre au plus tard le 7 décembre 2026, 14:00 UTC",
              "Accepter la mission", "Votre page pour cette opération, avec la prochaine étape"),
          NoticeKind.ASSIGNMENT_REMINDER, List.of("Relance à l’attention de", "attend toujours votre réponse"),
          NoticeKind.EVIDENCE_HANDOVER, List.of("Télécharger le dossier de preuves", "Confirmer la réception des preuves", "jusqu’au 7 décembre 2026"),
          NoticeKind.RECEIPT_REMINDER, List.of("merci de confirmer la réception du dossier de preuves"),
          NoticeKind.RESULTS_REQUEST, List.of("Communiquer vos résultats", "À communiquer au plus tard le 7 décembre 2026", "neutralisé"),
          NoticeKind.RESULTS_REMINDER, List.of("Ce lien remplace celui du courriel précédent."),
          NoticeKind.CLOSURE, List.of("est clôturée", "Résultat enregistré – France", "aucun résultat enregistré"),
          NoticeKind.RECALL, List.of("a été retiré", "Motif indiqué"),
          NoticeKind.UNIT_DIGEST, List.of("Ce qui attend votre unité", "VOS TÂCHES", "en retard depuis le 7 décembre 2026")),
      "es", Map.of(NoticeKind.ASSIGNMENT_REQUEST, List.of("el centro de fusión le solicita que actúe en Francia", "Le rogamos que responda a más tardar el 7 de diciembre de 2026, 14:00 UTC",
              "Aceptar", "Su página para esta operación, con el próximo paso"),
          NoticeKind.EVIDENCE_HANDOVER, List.of("Descargar el paquete de pruebas"),
          NoticeKind.RESULTS_REQUEST, List.of("Comuníquelos a más tardar el 7 de diciembre de 2026"),
          NoticeKind.CLOSURE, List.of("está cerrada"), NoticeKind.RECALL, List.of("Se ha retirado"),
          NoticeKind.UNIT_DIGEST, List.of("Lo que espera a su unidad", "SUS TAREAS")),
      "ar", Map.of(NoticeKind.ASSIGNMENT_REQUEST, List.of("يطلب منكم مركز الدمج اتخاذ إجراء في", "يُرجى الرد في موعد أقصاه",
              "قبول المهمة", "صفحتكم الخاصة بهذه العملية، مع الخطوة التالية"),
          NoticeKind.EVIDENCE_HANDOVER, List.of("تنزيل حزمة الأدلة"), NoticeKind.RESULTS_REQUEST, List.of("أبلغوا عنها في موعد أقصاه"),
          NoticeKind.CLOSURE, List.of("أُغلقت العملية"), NoticeKind.RECALL, List.of("سُحب البلاغ"),
          NoticeKind.UNIT_DIGEST, List.of("ما ينتظر وحدتكم", "مهامكم")));

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("kindsAndLanguages")
  void eachUnitMailReadsInTheUnitsLanguage(NoticeKind kind, String code) {
    Language language = Language.of(code);
    NoticeRenderer.Rendered mail = RENDERER.render(kind, model(kind, language));
    for (String part : List.of(mail.subject(), mail.text(), mail.html())) {
      assertThat(part).as(kind + " " + code).doesNotContain("??", "null");
    }
    // What a reader reads of the HTML: its text without the markup.
    String htmlWords = mail.html().replaceAll("(?s)<!--.*?-->", "").replaceAll("<[^>]+>", " ");
    if (!language.equals(Language.ENGLISH)) {
      for (String part : List.of(mail.subject(), mail.text(), htmlWords)) {
        assertThat(part).as(kind + " " + code + ": an English sentence is left").doesNotContain(ENGLISH);
      }
    }
    for (String phrase : PHRASES.get(code).getOrDefault(kind, List.of())) {
      assertThat(strip(mail.subject() + "\n" + mail.text()) + "\n" + htmlWords).as(kind + " " + code).contains(phrase);
    }
    // The TLP label is never translated.
    assertThat(mail.text()).contains("TLP:AMBER");
    assertThat(mail.html()).contains(">TLP:AMBER<");
    if (kind == NoticeKind.UNIT_DIGEST) {
      assertThat(mail.text()).as("the unit's page of each operation").contains(PAGE);
    } else if (kind != NoticeKind.RECALL) {
      assertThat(mail.text()).as("the unit's page, near the top").contains(PAGE);
      assertThat(mail.text().indexOf(PAGE)).isLessThan(mail.text().length() / 3);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unitKinds")
  void arabicReadsRightToLeftWithReferencesAndLinksLeftToRight(NoticeKind kind) {
    NoticeRenderer.Rendered mail = RENDERER.render(kind, model(kind, Language.of("ar")));
    assertThat(mail.html()).contains("<html lang=\"ar\" dir=\"rtl\">").contains("dir=\"rtl\"");
    assertThat(mail.html()).as("the reference").contains("<bdi dir=\"ltr\">" + REFERENCE + "</bdi>");
    assertThat(mail.html()).as("the TLP label").containsPattern("dir=\"ltr\">TLP:AMBER<");
    if (kind != NoticeKind.RECALL) {
      assertThat(mail.html()).as("the unit's page").contains("<a href=\"" + PAGE + "\" dir=\"ltr\">" + PAGE + "</a>");
      assertThat(mail.text()).contains(Bidi.LRI + PAGE + Bidi.PDI);
    }
    assertThat(mail.text()).as("the reference in the text part").contains(Bidi.LRI + REFERENCE + Bidi.PDI)
        .contains(Bidi.LRI + "TLP:AMBER" + Bidi.PDI);
    // Every link in the text part is isolated left to right.
    Matcher url = Pattern.compile("(.)https://").matcher(mail.text());
    while (url.find()) {
      assertThat(url.group(1)).as("before a link").isEqualTo(Bidi.LRI);
    }
  }

  @Test
  void theIndicatorsOfAnArabicResultsRequestStayLeftToRight() {
    Map<String, Object> model = model(NoticeKind.RESULTS_REQUEST, Language.of("ar"));
    NoticeRenderer.Rendered mail = RENDERER.render(NoticeKind.RESULTS_REQUEST, model);
    assertThat(mail.text()).contains(Bidi.LRI + "POST /api/operations/" + REFERENCE + "/results" + Bidi.PDI);
    assertThat(mail.html()).contains("<code><bdi dir=\"ltr\">POST /api/operations/" + REFERENCE + "/results</bdi></code>");
  }

  @Test
  void anArabicSubjectReadsFromItsArabicWordsWithTheLabelAndReferenceIsolated() {
    Map<String, Object> model = model(NoticeKind.ASSIGNMENT_REQUEST, Language.of("ar"));
    String words = RENDERER.render(NoticeKind.ASSIGNMENT_REQUEST, model).subject();
    String subject = NoticeRecorder.subject(model, "[TLP:AMBER] " + REFERENCE, words);
    assertThat(subject).isEqualTo(Bidi.LRI + "[TLP:AMBER] " + REFERENCE + Bidi.PDI + " طلب مهمة: " + Bidi.FSI + "فرنسا" + Bidi.PDI);
    model.put(NoticeRenderer.LANGUAGE, "en");
    assertThat(NoticeRecorder.subject(model, "[TLP:AMBER] " + REFERENCE, "assignment request: France"))
        .isEqualTo("[TLP:AMBER] OP-2026-0007 assignment request: France");
  }

  @Test
  void englishAndFrenchKeepTheirTextFreeOfIsolates() {
    for (String code : List.of("en", "fr", "es")) {
      NoticeRenderer.Rendered mail = RENDERER.render(NoticeKind.ASSIGNMENT_REQUEST, model(NoticeKind.ASSIGNMENT_REQUEST, Language.of(code)));
      assertThat(mail.subject() + mail.text()).doesNotContain(Bidi.LRI, Bidi.FSI, Bidi.PDI);
      assertThat(mail.html()).doesNotContain("<bdi").contains("<html lang=\"" + code + "\" dir=\"ltr\">");
    }
  }

  @Test
  void withoutAUnitPageTheLineIsLeftOut() {
    for (String code : Language.OFFICIAL) {
      Map<String, Object> model = model(NoticeKind.ASSIGNMENT_REQUEST, Language.of(code));
      model.remove("unitPage");
      NoticeRenderer.Rendered mail = RENDERER.render(NoticeKind.ASSIGNMENT_REQUEST, model);
      String line = MESSAGES.text(Language.of(code), "mail.unitPage", "").strip();
      assertThat(mail.text()).doesNotContain(line, "partner/unit");
      assertThat(mail.html()).doesNotContain(line, "partner/unit");
    }
  }

  @Test
  void aTlpRedNoticeSaysWhatLittleItSaysInTheUnitsLanguage() {
    Map<String, Object> red = new HashMap<>(Map.of("reference", REFERENCE, "tlp", "TLP:RED", "tlpRule", Tlp.RED.sharingRule(), "red", true,
        "signInUrl", "https://takedown.example.org/operations/" + REFERENCE, NoticeRenderer.LANGUAGE, "fr"));
    NoticeRenderer.Rendered mail = RENDERER.render(NoticeKind.ASSIGNMENT_REQUEST, red);
    assertThat(mail.subject()).isEqualTo("demande de mission\u00a0: action attendue");
    assertThat(mail.text()).contains("Un élément concernant l’opération OP-2026-0007 vous attend.", "Destinataires nommément désignés uniquement.")
        .doesNotContain("awaits you", "Named recipients");
    assertThat(mail.html()).contains("TLP:RED", "vous attend").doesNotContain("awaits you");
  }

  @Test
  void everyMailTextIsInTheFourLanguagesAndSafeInHtml() {
    List<String> keys = MESSAGES.keys().stream().filter(k -> k.startsWith("mail.")).toList();
    assertThat(keys).hasSizeGreaterThan(100);
    for (String code : Language.OFFICIAL) {
      Language language = Language.of(code);
      assertThat(keys).as(code).allMatch(k -> MESSAGES.has(language, k));
      assertThat(MESSAGES.keys(language).stream().filter(k -> k.startsWith("mail.")).toList()).as(code + ": no key English lacks")
          .allMatch(keys::contains);
      for (String key : keys) {
        String text = MESSAGES.text(language, key);
        // Written as they are in HTML (th:utext), so no markup; every value of the English text kept.
        assertThat(text).as(code + " " + key).doesNotContain("<", "&");
        for (int i = 0; i < 6; i++) {
          String arg = "{" + i + "}";
          if (MESSAGES.text(Language.ENGLISH, key).contains(arg)) {
            assertThat(text).as(code + " " + key).contains(arg);
          }
        }
      }
    }
  }

  @Test
  void theEnglishTextsAreTheWordsOfTheirLabels() {
    for (Tlp tlp : Tlp.values()) {
      assertThat(MESSAGES.text(Language.ENGLISH, "tlp.rule." + tlp.name())).isEqualTo(tlp.sharingRule());
    }
    for (org.takedown.system.Pap pap : org.takedown.system.Pap.values()) {
      assertThat(MESSAGES.text(Language.ENGLISH, "mail.pap.rule." + pap.name())).isEqualTo(pap.rule());
    }
    for (org.takedown.evidence.EvidenceType type : org.takedown.evidence.EvidenceType.values()) {
      assertThat(MESSAGES.text(Language.ENGLISH, "mail.evidence.type." + type.name())).isEqualTo(type.label());
    }
    for (org.takedown.partner.PartnerAction action : org.takedown.partner.PartnerAction.values()) {
      assertThat(MESSAGES.text(Language.ENGLISH, "action." + action.name())).isEqualTo(action.label());
    }
  }

  static Stream<NoticeKind> unitKinds() {
    return UNIT_KINDS.stream();
  }

  private static String strip(String text) {
    return text.replace(Bidi.LRI, "").replace(Bidi.FSI, "").replace(Bidi.PDI, "");
  }
}
