package org.takedown.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.vars;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.provider.ProviderAnswer;
import org.takedown.provider.ProviderRequest;
import org.takedown.provider.ProviderRequestKind;
import org.takedown.provider.ProviderRequests;

/** A unit's page over HTTP, on a real operation: its language, its steps, its recording forms, and what it refuses. */
@TakedownTest
class UnitPageTest {

  @Autowired ProcessDriver driver;
  @Autowired TestRestTemplate http;
  @Autowired UnitPages pages;
  @Autowired NationalAssignmentService assignments;
  @Autowired ProviderRequests requests;
  @Autowired JdbcTemplate jdbc;
  @Autowired java.time.Clock clock;

  private String page(String reference, String country) {
    return URI.create(pages.url(assignments.get(reference, country))).getRawPath();
  }

  private ResponseEntity<String> post(String path, Map<String, String> fields) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    fields.forEach(form::add);
    return http.postForEntity(path, new HttpEntity<>(form, headers), String.class);
  }

  /** The country's drafts, made at acceptance: one provider, the one the vendor stated for the tip's domain. */
  private List<ProviderRequest> drafts(String reference, String country) {
    return requests.forCountry(reference, country);
  }

  /** A tip whose one indicator, a domain, names its hosting provider: one provider to ask. */
  private static Map<String, Object> tip(String tlp, List<String> countries) {
    Map<String, Object> tip = ProcessDriver.tip(tlp, countries);
    tip.put("indicators", List.of(Map.of("type", "domain-name", "value", "c2.example.net", "provider", "Example Hosting SARL")));
    return tip;
  }

  private static String href(String html, String label) {
    Matcher m = Pattern.compile("<a href=\"([^\"]+)\" class=\"button [a-z]+\">" + Pattern.quote(label) + "</a>").matcher(html);
    assertThat(m.find()).as("a button " + label).isTrue();
    return m.group(1);
  }

  private LocalDate day() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private String today() {
    return day().toString();
  }

  @Test
  void aFrenchUnitReadsItsStepsAcceptsRecordsWhatItSentAndWhatTheProviderAnswered() {
    String reference = driver.approveForAssignment(tip("TLP:AMBER", list("FR")));
    String page = page(reference, "FR");

    String asked = http.getForObject(page, String.class);
    assertThat(asked).contains("lang=\"fr\"", "dir=\"ltr\"", "Ce qu’il vous reste à faire", "Votre prochaine étape", "Répondre à la mission",
        "Indique aux coordinateurs si votre unité traitera", "À faire avant le", "Opération <bdi dir=\"ltr\">" + reference + "</bdi>",
        "Indicateurs attribués à votre pays", "Plus tard", "Télécharger les preuves");
    assertThat(asked).as("need to know: the vendor is not named without attribution").doesNotContain("vera", "Aegis Threat Research");

    // The page's button is a fresh single-use action link: accepting through it works as from the mail.
    String accept = href(asked, "Accepter la mission");
    assertThat(accept).startsWith("/partner/actions/");
    assertThat(post(accept, Map.of("note", "")).getStatusCode().value()).isEqualTo(200);
    driver.runJobs(reference);
    assertThat(assignments.get(reference, "FR").getStatus()).isEqualTo(AssignmentStatus.ACCEPTED);

    List<ProviderRequest> drafted = drafts(reference, "FR");
    ProviderRequest preservation = drafted.stream().filter(r -> r.getKind() == ProviderRequestKind.PRESERVATION).findFirst().orElseThrow();
    String accepted = http.getForObject(page, String.class);
    assertThat(accepted).contains("Fait", "Envoyer les demandes préparées", "Demande de conservation", "<bdi>Example Hosting SARL</bdi>",
        "Pas encore envoyée", "Enregistrer l’envoi");
    assertThat(accepted.substring(accepted.indexOf("id=\"next\""))).contains("Envoyer les demandes préparées");

    // The drafts: each request as a Word document in French, and all of them in a zip.
    ResponseEntity<byte[]> draft = http.getForEntity(page + "/requests/" + preservation.getId() + "/draft", byte[].class);
    assertThat(draft.getStatusCode().value()).isEqualTo(200);
    assertThat(draft.getHeaders().getContentType().toString()).contains("wordprocessingml");
    assertThat(draft.getHeaders().getContentDisposition().getFilename()).endsWith(".docx");
    assertThat(new String(draft.getBody(), 0, 2, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PK");
    ResponseEntity<byte[]> all = http.getForEntity(page + "/requests/drafts.zip", byte[].class);
    assertThat(all.getStatusCode().value()).isEqualTo(200);
    assertThat(all.getHeaders().getContentType().toString()).isEqualTo("application/zip");
    assertThat(accepted).contains(page + "/requests/" + preservation.getId() + "/draft", page + "/requests/drafts.zip");

    String sent = page + "/requests/" + preservation.getId() + "/sent";
    ResponseEntity<String> recorded = post(sent, Map.of("on", today()));
    // Redirected (and followed) back to the page, which says it is recorded.
    assertThat(recorded.getStatusCode().value()).isEqualTo(200);
    assertThat(recorded.getBody()).contains("C’est enregistré", "Envoyée le");
    ResponseEntity<String> answered = post(page + "/requests/" + preservation.getId() + "/answer",
        Map.of("answer", "COMPLIED", "on", today(), "note", "Données gelées"));
    assertThat(answered.getStatusCode().value()).isEqualTo(200);

    ProviderRequest after = requests.forCountry(reference, "FR").stream().filter(r -> r.getId().equals(preservation.getId())).findFirst().orElseThrow();
    assertThat(after.getSentAt()).isEqualTo(day().atStartOfDay(ZoneOffset.UTC).toInstant());
    assertThat(after.getAnswer()).isEqualTo(ProviderAnswer.COMPLIED);
    assertThat(jdbc.queryForObject("select recorded_by from provider_request_step where request_id = ? and step = 'ANSWERED'", String.class,
        preservation.getId())).contains("ofac@fr.units.example", "unit page");

    String shown = http.getForObject(page + "?recorded", String.class);
    assertThat(shown).contains("C’est enregistré", "A donné suite, le", "Conservation jusqu’au", "Quelle suite pour la conservation",
        "Renouvelée pour 60 jours de plus");
    assertThat(jdbc.queryForObject("select views from unit_page where nonce = ?", Integer.class,
        page.substring(page.lastIndexOf('/') + 1).split("\\.")[0])).as("views counted").isGreaterThanOrEqualTo(3);
    // Audited like every emailed link's action: the path up to its token, never the token.
    assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'POST /partner/units/…' and operation = ?",
        Integer.class, reference)).isGreaterThanOrEqualTo(2);
  }

  @Test
  void badInputIsAPlainPageInTheUnitsLanguageAndNothingIsStored() {
    String reference = driver.approveForAssignment(tip("TLP:AMBER", list("FR")));
    driver.complete(driver.officer("FR"), reference, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "ACCEPT"));
    driver.runJobs(reference);
    ProviderRequest request = drafts(reference, "FR").get(0);
    String page = page(reference, "FR");
    String sent = page + "/requests/" + request.getId() + "/sent";

    ResponseEntity<String> future = post(sent, Map.of("on", day().plusDays(2).toString()));
    assertThat(future.getStatusCode().value()).isEqualTo(400);
    assertThat(future.getBody()).contains("lang=\"fr\"", "L’enregistrement n’a pas pu être effectué", "est dans le futur",
        "Retour à votre page").doesNotContain("Exception", "Whitelabel");

    assertThat(post(sent, Map.of("on", "07/12/2026")).getBody()).contains("Veuillez indiquer la date");
    assertThat(post(sent, Map.of()).getStatusCode().value()).isEqualTo(400);

    String other = driver.approveForAssignment(tip("TLP:AMBER", list("FR")));
    driver.complete(driver.officer("FR"), other, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "ACCEPT"));
    driver.runJobs(other);
    ProviderRequest foreign = drafts(other, "FR").get(0);
    ResponseEntity<String> notOurs = post(page + "/requests/" + foreign.getId() + "/sent", Map.of("on", today()));
    assertThat(notOurs.getStatusCode().value()).isEqualTo(404);
    assertThat(notOurs.getBody()).contains("ne fait pas partie de celles de votre pays");
    ResponseEntity<String> foreignDraft = http.getForEntity(page + "/requests/" + foreign.getId() + "/draft", String.class);
    assertThat(foreignDraft.getStatusCode().value()).isEqualTo(404);
    assertThat(foreignDraft.getBody()).contains("Ce fichier n’a pas pu être téléchargé", "ne fait pas partie de celles de votre pays");

    String token = page.substring(page.lastIndexOf('/') + 1);
    String altered = page.substring(0, page.lastIndexOf('/') + 1) + token.substring(0, token.length() - 2)
        + (token.endsWith("AA") ? "BB" : "AA");
    ResponseEntity<String> forged = post(altered + "/requests/" + request.getId() + "/sent", Map.of("on", today()));
    assertThat(forged.getStatusCode().value()).isEqualTo(404);
    assertThat(forged.getBody()).contains("This link is not valid");
    assertThat(http.getForEntity(altered, String.class).getStatusCode().value()).isEqualTo(404);

    ResponseEntity<String> unsentAnswer = post(page + "/requests/" + request.getId() + "/answer", Map.of("answer", "COMPLIED", "on", today()));
    assertThat(unsentAnswer.getStatusCode().value()).isEqualTo(409);
    assertThat(post(page + "/requests/" + request.getId() + "/answer", Map.of("answer", "MAYBE", "on", today())).getStatusCode().value())
        .isEqualTo(400);

    assertThat(jdbc.queryForObject("select count(*) from provider_request_step s join provider_request r on r.id = s.request_id"
        + " join operation o on o.id = r.operation_id where o.reference in (?, ?)", Integer.class, reference, other)).isZero();
    assertThat(requests.forCountry(reference, "FR")).allMatch(r -> r.getSentAt() == null);
  }

  @Test
  void anArabicUnitReadsItsPageRightToLeftWithTheReferenceLeftToRight() {
    String reference = driver.approveForAssignment(tip("TLP:AMBER", list("MA")));
    String html = http.getForObject(page(reference, "MA"), String.class);
    assertThat(html).contains("lang=\"ar\"", "dir=\"rtl\"", "ما يتعين عليكم القيام به", "الرد على المهمة", "مطلوبة الآن",
        "العملية <bdi dir=\"ltr\">" + reference + "</bdi>", "class=\"button primary\"");
    assertThat(html).contains("<p class=\"tlp\" dir=\"ltr\">TLP:AMBER</p>");
  }

  @Test
  void theDownloadStepGivesAFreshLinkUntilThePackageIsOpenedThenSaysSo() {
    String reference = driver.approveForAssignment(tip("TLP:AMBER", list("FR")));
    driver.complete(driver.officer("FR"), reference, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "ACCEPT"));
    List<String> items = driver.registerEvidence(reference, "Disk image");
    driver.complete("cora", reference, "Task_PrepareEvidencePackage", "FR", vars("evidenceItems", ProcessDriver.evidencePackage(items)));
    driver.runJobs(reference);
    String page = page(reference, "FR");
    String shown = http.getForObject(page, String.class);
    assertThat(shown.substring(shown.indexOf("id=\"next\""))).contains("Télécharger les preuves", "À faire avant le");
    assertThat(shown).contains("Obtenir un lien de téléchargement", "/partner/actions/");

    String links = "select count(*) from download_link d join operation o on o.id = d.operation_id where o.reference = ?";
    int before = jdbc.queryForObject(links, Integer.class, reference);
    ResponseEntity<String> fresh = post(page + "/evidence", Map.of());
    assertThat(fresh.getStatusCode().value()).isEqualTo(200);
    assertThat(fresh.getBody()).as("the evidence page of the new link").contains("/partner/evidence/");
    assertThat(jdbc.queryForObject(links, Integer.class, reference)).isEqualTo(before + 1);

    jdbc.update("update download_link set used_at = ? where operation_id = (select id from operation where reference = ?)",
        java.sql.Timestamp.from(clock.instant()), reference);
    assertThat(http.getForObject(page, String.class)).contains("Confirmer la réception des preuves");
    ResponseEntity<String> opened = post(page + "/evidence", Map.of());
    assertThat(opened.getStatusCode().value()).isEqualTo(409);
    assertThat(opened.getBody()).contains("a déjà été ouvert");
    assertThat(jdbc.queryForObject(links, Integer.class, reference)).isEqualTo(before + 1);
  }

  @Test
  void aSpanishAndAnEnglishUnitReadTheirOwnLanguage() {
    String spain = driver.approveForAssignment(tip("TLP:AMBER", list("ES")));
    assertThat(http.getForObject(page(spain, "ES"), String.class)).contains("lang=\"es\"", "dir=\"ltr\"", "Qué hacer a continuación",
        "Responder a la misión", "Indica a los coordinadores si su unidad actuará", "Por hacer ahora", "Plazo:");
    String germany = driver.approveForAssignment(tip("TLP:AMBER", list("DE")));
    assertThat(http.getForObject(page(germany, "DE"), String.class)).contains("lang=\"en\"", "What to do next", "Answer the assignment",
        "To do now", "Due by");
  }

  @Test
  void atTlpRedThePageShowsTheReferenceAndTheNextStepOnly() {
    String reference = driver.openForLegalReview(tip("TLP:RED", list("FR")));
    driver.complete("lena", reference, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate", "releaseTlp", "TLP:RED"));
    driver.complete("leon", reference, "Task_SecondLegalApproval", vars("legalDecision", "APPROVE", "legalBasis", "mandate"));
    driver.runJobs(reference);
    String html = http.getForObject(page(reference, "FR"), String.class);
    assertThat(html).contains(reference, "TLP:RED", "Répondre à la mission", "Votre prochaine étape")
        .doesNotContain("C2 servers of a banking trojan", "/partner/actions/", "Indicateurs attribués", "Les étapes", "Télécharger les preuves");
  }

  @Test
  void theLinkStopsWorkingWhenTheCountryGoesToAnotherUnitOrTheOperationIsWithdrawn() {
    String reference = driver.approveForAssignment(tip("TLP:AMBER", list("FR")));
    String page = page(reference, "FR");
    assertThat(http.getForEntity(page, String.class).getStatusCode().value()).isEqualTo(200);
    jdbc.update("update country_assignment set unit_email = 'unc@fr.units.example' where country = 'FR'"
        + " and operation_id = (select id from operation where reference = ?)", reference);
    ResponseEntity<String> reassigned = http.getForEntity(page, String.class);
    assertThat(reassigned.getStatusCode().value()).isEqualTo(410);
    assertThat(reassigned.getBody()).contains("Cette page ne vous est plus destinée");

    String other = driver.approveForAssignment(tip("TLP:AMBER", list("FR")));
    String otherPage = page(other, "FR");
    jdbc.update("update operation set stage = 'WITHDRAWN' where reference = ?", other);
    ResponseEntity<String> withdrawn = http.getForEntity(otherPage, String.class);
    assertThat(withdrawn.getStatusCode().value()).isEqualTo(410);
    assertThat(withdrawn.getBody()).contains("Cette opération a été retirée");

    // Ended: the page works for takedown.units.page-validity-after-end (30 days), then says it expired.
    String ended = driver.approveForAssignment(tip("TLP:AMBER", list("FR")));
    String endedPage = page(ended, "FR");
    jdbc.update("update operation set stage = 'CLOSED', closed_at = ? where reference = ?",
        java.sql.Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(29))), ended);
    assertThat(http.getForObject(endedPage, String.class)).contains("L’opération est terminée : plus rien n’est demandé".replace(" :", "\u00a0:"));
    jdbc.update("update operation set closed_at = ? where reference = ?",
        java.sql.Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(31))), ended);
    ResponseEntity<String> expired = http.getForEntity(endedPage, String.class);
    assertThat(expired.getStatusCode().value()).isEqualTo(410);
    assertThat(expired.getBody()).contains("Cette page a expiré");
  }
}
