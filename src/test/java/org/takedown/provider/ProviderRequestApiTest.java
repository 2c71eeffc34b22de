package org.takedown.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.ProcessDriver;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;

/**
 * The requests through the API, and what providers answered feeding the results: Germany's unit records that it sent
 * its takedown request to Cloudflare and that Cloudflare complied (its two addresses: taken down); the registrar
 * refuses (its domain, still without a result: still active; its URL, which the unit had reported not found, stays so).
 * France's unit sees only France's requests; the vendor none; a coordinator records for a unit.
 */
@TakedownTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderRequestApiTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired ProviderRequests requests;
  @Autowired JdbcTemplate jdbc;

  String ref;
  String de;
  String fr;

  @BeforeAll
  void germanyAndFranceAccept() {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE", "FR"));
    tip.put("indicators", List.of(
        Map.of("type", "ipv4-addr", "value", "1.0.0.1", "country", "DE"),
        Map.of("type", "ipv4-addr", "value", "1.0.0.2", "country", "DE"),
        Map.of("type", "domain-name", "value", "shop.example.org", "country", "DE", "provider", "Namecheap, Inc."),
        Map.of("type", "url", "value", "https://login.example.org/x", "country", "DE", "provider", "Namecheap, Inc."),
        Map.of("type", "domain-name", "value", "fr.example.fr", "country", "FR", "provider", "OVH SAS")));
    ref = driver.approveForAssignment(tip);
    de = driver.officer("DE");
    fr = driver.officer("FR");
    driver.complete(de, ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
    driver.complete(fr, ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "ACCEPT"));
  }

  long id(String country, ProviderRequestKind kind, String key) {
    return requests.forCountry(ref, country).stream().filter(r -> r.getKind() == kind && r.getProviderKey().equals(key)).findFirst()
        .orElseThrow().getId();
  }

  String status(String value) {
    List<String> s = jdbc.queryForList("select r.status from indicator_result r join indicator i on i.id = r.indicator_id"
        + " where i.indicator_value = ?", String.class, value);
    return s.isEmpty() ? "none" : s.get(0);
  }

  @Test
  void sentAnsweredAndTheResultsFollow() throws Exception {
    assertThat(get("cora").path("requests")).hasSize(6);
    JsonNode french = get(fr).path("requests");
    assertThat(french).hasSize(2);
    assertThat(french.toString()).contains("OVH SAS").doesNotContain("Cloudflare");
    assertThat(send("GET", "vera", "", null).statusCode()).isEqualTo(403);

    long cloudflare = id("DE", ProviderRequestKind.TAKEDOWN, "AS13335");
    HttpResponse<String> early = send("POST", de, "/" + cloudflare + "/answer", Map.of("answer", "COMPLIED"));
    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(early.body()).contains("Record first when the request was sent");
    assertThat(send("POST", fr, "/" + cloudflare + "/sent", Map.of()).statusCode()).as("not France's").isEqualTo(404);
    assertThat(send("POST", de, "/" + cloudflare + "/sent", Map.of("date", "2099-01-01")).body()).contains("The date is in the future.");
    HttpResponse<String> sent = send("POST", de, "/" + cloudflare + "/sent", Map.of());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    assertThat(sent.body()).contains("\"state\":\"sent ");
    HttpResponse<String> wrong = send("POST", de, "/" + cloudflare + "/answer", Map.of("answer", "maybe"));
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(wrong.body()).contains("\\\"maybe\\\" is not one of COMPLIED, REFUSED or NO_ANSWER");
    assertThat(send("POST", de, "/" + cloudflare + "/answer", Map.of("answer", "complied", "colour", "red")).statusCode())
        .as("an unknown field").isEqualTo(400);
    HttpResponse<String> complied = send("POST", de, "/" + cloudflare + "/answer", Map.of("answer", "complied", "note", "Ticket 4471"));
    assertThat(complied.statusCode()).as(complied.body()).isEqualTo(200);
    assertThat(status("1.0.0.1")).isEqualTo("TAKEN_DOWN");
    assertThat(status("1.0.0.2")).isEqualTo("TAKEN_DOWN");
    assertThat(jdbc.queryForList("select reported_by from result_report where channel = 'PROVIDER_ANSWER'", String.class))
        .contains("Cloudflare, Inc. (AS13335) answered complied, as recorded by " + de);

  }

  @Test
  void aRefusalMarksOnlyWhatHasNoResultAndACoordinatorRecordsForTheUnit() throws Exception {
    long registrar = id("DE", ProviderRequestKind.TAKEDOWN, "namecheap inc");
    // the unit reports the URL as not found through the results API first
    HttpResponse<String> reported = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/api/operations/" + ref + "/results")).header("Authorization", RawHttp.basic(de, "demo")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("country", "DE", "results",
            List.of(Map.of("indicator", "https://login.example.org/x", "status", "NOT_FOUND")))))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
    HttpResponse<String> sent = send("POST", "cora", "/" + registrar + "/sent", Map.of());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    assertThat(send("POST", "vera", "/" + registrar + "/answer", Map.of("answer", "REFUSED")).statusCode()).isEqualTo(403);
    HttpResponse<String> refused = send("POST", "cora", "/" + registrar + "/answer", Map.of("answer", "REFUSED"));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
    assertThat(refused.body()).contains("\"state\":\"refused ");
    assertThat(status("shop.example.org")).isEqualTo("STILL_ACTIVE");
    assertThat(status("https://login.example.org/x")).isEqualTo("NOT_FOUND");
    assertThat(jdbc.queryForList("select reported_by from result_report where channel = 'PROVIDER_ANSWER'", String.class))
        .contains("Namecheap, Inc. answered refused, as recorded by cora for the unit");
  }

  @Test
  void theOperationPageShowsEachCountrysProvidersAndAUnitOnlyItsOwn() {
    String staff = org.takedown.dossier.PageClient.signIn(port, "cora").get("/operations/" + ref).body();
    assertThat(staff).contains("id=\"providers-DE\"", "id=\"providers-FR\"", "Cloudflare, Inc. (AS13335)", ">OVH SAS</td>",
        "1 provider: 0 asked, 0 answered, 0 complied", "drafted",
        "<a href=\"https://db-ip.com\">IP Geolocation by\n      DB-IP</a>");
    String french = org.takedown.dossier.PageClient.signIn(port, fr).get("/operations/" + ref).body();
    assertThat(french).contains("id=\"providers-FR\"", ">OVH SAS</td>").doesNotContain("providers-DE", "Cloudflare");
  }

  JsonNode get(String user) throws Exception {
    HttpResponse<String> r = send("GET", user, "", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  HttpResponse<String> send(String method, String user, String path, Map<String, Object> body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/operations/" + ref + "/requests" + path))
        .header("Authorization", RawHttp.basic(user, "demo"));
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
