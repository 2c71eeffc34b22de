package org.takedown.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.dossier.PageClient;
import org.takedown.operation.Stage;
import org.takedown.result.IndicatorResults;

/**
 * Two vendor organisations report the same infrastructure (demo: Aegis = vera, vince; Bluefin = victor, bea): the
 * coordinator joins Bluefin's tip to Aegis's operation as a co-report. Each vendor reads what it may of the other: counts,
 * names only where both agreed, the combined indicators where the other's TLP allows; the results credit both.
 */
@TakedownTest
class CoReportTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String TAXII = "application/taxii+json;version=2.1";

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired IndicatorResults results;
  @Autowired GreenMail mail;

  private final HttpClient http = HttpClient.newHttpClient();

  /** Aegis's operation and Bluefin's joined tip, with their own values: one shared, one each. */
  record CoReport(String aegis, String bluefin, String shared, String aegisOnly, String bluefinOnly) {}

  private CoReport coReport(String aegisTlp, boolean aegisNamed, String bluefinTlp, boolean bluefinNamed) {
    String tag = Long.toString(System.nanoTime(), 36);
    String shared = "c2-" + tag + ".example.net";
    String aegisOnly = "first-" + tag + ".example.net";
    String bluefinOnly = "second-" + tag + ".example.net";
    Map<String, Object> first = tip(aegisTlp, list("DE"));
    first.put("vendor", "aegis");
    first.put("summary", "The first tip's own words " + tag);
    first.put("nameToCoReporters", aegisNamed);
    first.put("indicators", List.of(Map.of("type", "domain-name", "value", shared), Map.of("type", "domain-name", "value", aegisOnly)));
    String aegis = driver.submit(first);
    Map<String, Object> second = tip(bluefinTlp, list("DE"));
    second.put("vendor", "bluefin");
    second.put("summary", "The second tip's own words " + tag);
    second.put("nameToCoReporters", bluefinNamed);
    second.put("indicators", List.of(Map.of("type", "domain-name", "value", shared), Map.of("type", "domain-name", "value", bluefinOnly)));
    String bluefin = driver.submit(second);
    driver.complete("cora", bluefin, "Task_TriageTip", vars("triageDecision", "JOIN", "joinOperation", aegis));
    driver.runJobs(bluefin);
    return new CoReport(aegis, bluefin, shared, aegisOnly, bluefinOnly);
  }

  @Test
  void staffSeeEveryContributionAndTheVendorsCountsOfEachOther() {
    CoReport c = coReport("TLP:AMBER", false, "TLP:AMBER", false);

    JsonNode staff = get("cora", "/api/operations/" + c.aegis());
    assertThat(staff.path("contributors")).hasSize(2);
    JsonNode lead = staff.path("contributors").get(0);
    JsonNode joined = staff.path("contributors").get(1);
    assertThat(lead.path("name").asText()).isEqualTo("Aegis Threat Research");
    assertThat(lead.path("tipReference").asText()).isEqualTo(c.aegis());
    assertThat(lead.path("lead").asBoolean()).isTrue();
    assertThat(joined.path("name").asText()).isEqualTo("Bluefin Security");
    assertThat(joined.path("tipReference").asText()).isEqualTo(c.bluefin());
    assertThat(joined.path("tlp").asText()).isEqualTo("TLP:AMBER");
    assertThat(joined.path("namedToCoReporters").asBoolean()).isFalse();
    assertThat(joined.path("joinedAt").isNull()).isFalse();
    // The shared domain is credited to both.
    assertThat(List.of(lead.path("indicators").asLong(), lead.path("alsoReported").asLong(), joined.path("indicators").asLong(),
        joined.path("alsoReported").asLong())).containsExactly(2L, 1L, 2L, 1L);
    assertThat(staff.path("indicators")).hasSize(3);
    assertThat(staff.has("coReport")).isFalse();

    // Each vendor: that others contribute, how many of its indicators they reported too; no name (neither agreed).
    for (String user : List.of("vera", "vince", "victor", "bea")) {
      JsonNode vendor = get(user, "/api/operations/" + c.aegis());
      assertThat(vendor.has("contributors")).as(user).isFalse();
      assertThat(vendor.path("coReport").path("otherContributors").asLong()).as(user).isEqualTo(1);
      assertThat(vendor.path("coReport").path("yourIndicators").asLong()).as(user).isEqualTo(2);
      assertThat(vendor.path("coReport").path("alsoReportedByOthers").asLong()).as(user).isEqualTo(1);
      assertThat(vendor.path("coReport").path("otherContributorNames")).as(user).isEmpty();
      assertThat(vendor.toString()).as(user).doesNotContain(user.equals("vera") || user.equals("vince") ? "Bluefin" : "Aegis");
    }
    assertThat(get("victor", "/api/operations/" + c.aegis()).path("vendor").asText()).isEqualTo("another vendor");
    assertThat(get("vera", "/api/operations/" + c.aegis()).path("vendor").asText()).isEqualTo("Aegis Threat Research");
    // A co-reporter does not act for the vendor that opened the operation.
    assertThat(get("victor", "/api/operations/" + c.aegis()).path("tips")).isEmpty();

    // Bluefin reads its own tip as joined, with the operation it joined.
    JsonNode own = get("bea", "/api/operations/" + c.bluefin());
    assertThat(own.path("stage").asText()).isEqualTo(Stage.JOINED.name());
    assertThat(own.path("joinedTo").asText()).isEqualTo(c.aegis());
    // The operation page says the same to each.
    assertThat(PageClient.signIn(port, "cora").get("/operations/" + c.aegis()).body()).contains("Contributors", "Bluefin Security",
        "Aegis Threat Research", c.bluefin());
    String victorsPage = PageClient.signIn(port, "victor").get("/operations/" + c.aegis()).body();
    assertThat(victorsPage).contains("Co-reported", "named only where they and you agreed").doesNotContain("Aegis Threat Research");
    assertThat(PageClient.signIn(port, "victor").get("/operations/" + c.bluefin()).body()).contains("as a co-report to", c.aegis());
  }

  @Test
  void namesOnlyWhereBothAgreed() {
    for (boolean aegisNamed : List.of(false, true)) {
      for (boolean bluefinNamed : List.of(false, true)) {
        CoReport c = coReport("TLP:AMBER", aegisNamed, "TLP:AMBER", bluefinNamed);
        boolean both = aegisNamed && bluefinNamed;
        String as = "aegis named " + aegisNamed + ", bluefin named " + bluefinNamed;
        JsonNode vera = get("vera", "/api/operations/" + c.aegis());
        JsonNode victor = get("victor", "/api/operations/" + c.aegis());
        assertThat(vera.path("coReport").path("otherContributorNames").toString()).as(as)
            .isEqualTo(both ? "[\"Bluefin Security\"]" : "[]");
        assertThat(victor.path("coReport").path("otherContributorNames").toString()).as(as)
            .isEqualTo(both ? "[\"Aegis Threat Research\"]" : "[]");
        assertThat(victor.path("vendor").asText()).as(as).isEqualTo(both ? "Aegis Threat Research" : "another vendor");
        assertThat(victor.toString()).as(as).contains(both ? "Aegis" : "another vendor");
        if (!both) {
          assertThat(victor.toString() + stix("victor", c.aegis())).as(as).doesNotContain("Aegis");
          assertThat(vera.toString()).as(as).doesNotContain("Bluefin");
        }
        // Staff read every name and each consent.
        assertThat(get("cora", "/api/operations/" + c.aegis()).path("contributors").get(1).path("namedToCoReporters").asBoolean())
            .as(as).isEqualTo(bluefinNamed);
      }
    }
  }

  @Test
  void combinedIndicatorsOnlyWhereTheOthersTlpShares() {
    for (String bluefinTlp : List.of("TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED")) {
      CoReport c = coReport("TLP:AMBER", false, bluefinTlp, false);
      boolean shared = bluefinTlp.equals("TLP:AMBER");
      for (String user : List.of("vera", "vince")) {
        JsonNode op = get(user, "/api/operations/" + c.aegis());
        List<String> values = values(op.path("indicators"));
        assertThat(values).as(user + " " + bluefinTlp).contains(c.shared(), c.aegisOnly());
        assertThat(values.contains(c.bluefinOnly())).as(user + " reads Bluefin's own at " + bluefinTlp).isEqualTo(shared);
        assertThat(op.path("indicatorCount").asLong()).isEqualTo(shared ? 3 : 2);
        assertThat(op.path("operationIndicatorCount").asLong()).isEqualTo(3);
        String stix = stix(user, c.aegis());
        assertThat(stix).contains(c.shared(), c.aegisOnly());
        assertThat(stix.contains(c.bluefinOnly())).as(user + " STIX at " + bluefinTlp).isEqualTo(shared);
        String taxii = coReportObjects(user, c.aegis());
        assertThat(taxii).contains(c.shared(), c.aegisOnly());
        assertThat(taxii.contains(c.bluefinOnly())).as(user + " TAXII at " + bluefinTlp).isEqualTo(shared);
        assertThat(searchFinds(user, c.bluefinOnly(), c.aegis())).as(user + " board search at " + bluefinTlp).isEqualTo(shared);
      }
      // Aegis's TLP:AMBER shares its own with Bluefin, whatever Bluefin's own TLP.
      List<String> victors = values(get("victor", "/api/operations/" + c.aegis()).path("indicators"));
      assertThat(victors).contains(c.shared(), c.aegisOnly(), c.bluefinOnly());
      assertThat(coReportObjects("bea", c.aegis())).contains(c.shared(), c.aegisOnly(), c.bluefinOnly());
      // Staff read all.
      assertThat(values(get("cora", "/api/operations/" + c.aegis()).path("indicators"))).hasSize(3);
      assertThat(coReportObjects("cora", c.aegis())).contains(c.bluefinOnly());
    }
    // Aegis at AMBER+STRICT: Bluefin reads only what it reported itself, and not Aegis's summary.
    CoReport strict = coReport("TLP:AMBER+STRICT", false, "TLP:AMBER", false);
    JsonNode victor = get("victor", "/api/operations/" + strict.aegis());
    assertThat(values(victor.path("indicators"))).containsExactlyInAnyOrder(strict.shared(), strict.bluefinOnly());
    assertThat(victor.hasNonNull("summary")).isFalse();
    assertThat(stix("victor", strict.aegis())).doesNotContain(strict.aegisOnly(), "The first tip's own words");
    assertThat(coReportObjects("victor", strict.aegis())).doesNotContain(strict.aegisOnly());
    assertThat(searchFinds("victor", strict.aegisOnly(), strict.aegis())).isFalse();
    assertThat(searchFinds("victor", strict.shared(), strict.aegis())).isTrue();
    // The co-reporters' collection is listed to contributors and staff only.
    driver.user("reader", "readers");
    assertThat(collections("reader")).doesNotContain("co-reporters");
  }

  @Test
  void theClosureCreditsEachContributorWithItsOwnIndicators() throws Exception {
    CoReport c = coReport("TLP:AMBER", true, "TLP:AMBER", false);
    driver.complete("cora", c.aegis(), "Task_TriageTip", vars("triageDecision", "OPEN", "countries", "[\"DE\"]"));
    driver.complete("lena", c.aegis(), "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate", "releaseTlp", "TLP:AMBER"));
    driver.runJobs(c.aegis());
    String officer = driver.officer("DE");
    driver.complete(officer, c.aegis(), "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    results.record(c.aegis(), "DE", IndicatorResults.Reporter.of(officer, false, IndicatorResults.Channel.API), List.of(
        new IndicatorResults.Line(1, c.shared(), "taken down", today), new IndicatorResults.Line(2, c.aegisOnly(), "not found", today),
        new IndicatorResults.Line(3, c.bluefinOnly(), "taken down", today)), null);

    // Per contributor: the shared domain counts for both.
    JsonNode staff = get("cora", "/api/operations/" + c.aegis());
    assertThat(staff.path("contributors").get(0).path("takenDown").asLong()).isEqualTo(1);
    assertThat(staff.path("contributors").get(0).path("routed").asLong()).isEqualTo(2);
    assertThat(staff.path("contributors").get(1).path("takenDown").asLong()).isEqualTo(2);
    String page = PageClient.signIn(port, "cora").get("/operations/" + c.aegis()).body().replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    assertThat(page).contains("Aegis Threat Research 2 1 50 %", "Bluefin Security 2 2 100 %");

    List<String> items = driver.registerEvidence(c.aegis(), "Disk image srv-1");
    driver.complete("cora", c.aegis(), "Task_PrepareEvidencePackage", "DE", vars("evidenceItems", ProcessDriver.evidencePackage(items)));
    driver.runJobs(c.aegis());
    driver.complete(officer, c.aegis(), "Task_ConfirmReceipt", "DE", vars("receiptConfirmed", true,
        "reportedSha256", driver.matchingHashes(c.aegis(), items)));
    driver.completeResults(c.aegis(), "DE");
    driver.complete("cora", c.aegis(), "Task_RecordOutcome", vars("outcomeSummary", "2 domains taken down",
        "outcomes", "{\"DE\":\"2 domains taken down\"}"));
    driver.runJobs(c.aegis());
    assertThat(driver.operation(c.aegis()).getStage()).isEqualTo(Stage.CLOSED);

    for (String member : List.of("vera", "vince")) {
      assertThat(closure(member, c.aegis())).as(member).contains("Results: 1 of your 2 indicators taken down (2 reported on)",
          "2 domains taken down").doesNotContain("Bluefin");
    }
    for (String member : List.of("victor", "bea")) {
      assertThat(closure(member, c.aegis())).as(member).contains("Results: 2 of your 2 indicators taken down (2 reported on)",
          "2 domains taken down").doesNotContain("Aegis");
    }
  }

  @Test
  void aTipJoinedAfterTheUnitsWereAskedIsRoutedToThemLikeAMergesCopies() {
    String tag = Long.toString(System.nanoTime(), 36);
    Map<String, Object> first = tip("TLP:AMBER", list("DE"));
    first.put("vendor", "aegis");
    first.put("indicators", List.of(Map.of("type", "domain-name", "value", "first-" + tag + ".example.net")));
    String aegis = driver.approveForAssignment(first);
    Map<String, Object> second = tip("TLP:AMBER", list("DE"));
    second.put("vendor", "bluefin");
    second.put("indicators", List.of(Map.of("type", "domain-name", "value", "late-" + tag + ".example.net")));
    String bluefin = driver.submit(second);
    driver.complete("cora", bluefin, "Task_TriageTip", vars("triageDecision", "JOIN", "joinOperation", aegis));
    driver.runJobs(bluefin);

    // Germany's unit, asked already, reads the joined tip's indicator among those routed to it.
    assertThat(values(get(driver.officer("DE"), "/api/operations/" + aegis).path("indicators")))
        .containsExactlyInAnyOrder("first-" + tag + ".example.net", "late-" + tag + ".example.net");
    assertThat(driver.operation(aegis).getStage()).isEqualTo(Stage.NATIONAL_ASSIGNMENT);
  }

  private String closure(String user, String reference) throws Exception {
    List<String> texts = new ArrayList<>();
    for (MimeMessage m : MailBox.to(mail, user + "@takedown.example", reference)) {
      if (m.getSubject().endsWith(" closed")) {
        texts.add(MailBox.text(m, "text/plain"));
      }
    }
    assertThat(texts).as("closure mails to " + user).hasSize(1);
    return texts.get(0);
  }

  private static List<String> values(JsonNode indicators) {
    List<String> values = new ArrayList<>();
    indicators.forEach(i -> values.add(i.path("value").asText()));
    return values;
  }

  private JsonNode get(String user, String path) {
    HttpResponse<String> r = send(user, path, "application/json");
    assertThat(r.statusCode()).as(user + " GET " + path + ": " + r.body()).isEqualTo(200);
    return json(r.body());
  }

  private String stix(String user, String reference) {
    HttpResponse<String> r = send(user, "/api/operations/" + reference + "/stix", "application/stix+json;version=2.1");
    assertThat(r.statusCode()).as(user + " STIX " + r.body()).isEqualTo(200);
    return r.body();
  }

  private String collections(String user) {
    return send(user, "/taxii2/api/collections/", TAXII).body();
  }

  /** The objects of the operation's co-reporters' collection as this reader reads them. */
  private String coReportObjects(String user, String reference) {
    String id = null;
    for (JsonNode c : json(collections(user)).path("collections")) {
      if (c.path("alias").asText().equals(reference + "-co-reporters")) {
        id = c.path("id").asText();
      }
    }
    assertThat(id).as(user + " is listed the co-reporters' collection of " + reference).isNotNull();
    HttpResponse<String> r = send(user, "/taxii2/api/collections/" + id + "/objects/", TAXII);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("\"type\":\"report\"");
    return r.body();
  }

  /** Whether the board's search finds the operation by this value for this reader. */
  private boolean searchFinds(String user, String value, String reference) {
    return PageClient.signIn(port, user).get("/board?q=" + value).body().contains(reference);
  }

  private HttpResponse<String> send(String user, String path, String accept) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException(body, e);
    }
  }
}
