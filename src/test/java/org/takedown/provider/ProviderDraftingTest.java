package org.takedown.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

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
import org.takedown.system.InvalidInputException;

/**
 * Germany accepts an operation whose indicators are at two autonomous systems and at a registrar the vendor named (in
 * two spellings), one domain at no known provider and a file hash: its requests are drafted at once, a preservation
 * and a takedown request per provider, each with exactly its indicators; France, which declines, gets none. A
 * coordinator corrects a domain's provider; a vendor may not.
 */
@TakedownTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderDraftingTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired ProviderRequests requests;
  @Autowired DraftAtAcceptance drafting;
  @Autowired JdbcTemplate jdbc;

  String ref;

  @BeforeAll
  void germanyAcceptsFranceDeclines() {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE", "FR"));
    tip.put("indicators", List.of(
        Map.of("type", "ipv4-addr", "value", "1.0.0.1", "country", "DE"),
        Map.of("type", "ipv4-addr", "value", "1.0.0.2", "country", "DE"),
        Map.of("type", "ipv6-addr", "value", "2001:200::1", "country", "DE"),
        Map.of("type", "domain-name", "value", "shop.example.org", "country", "DE", "provider", "Namecheap, Inc."),
        Map.of("type", "url", "value", "https://login.example.org/x", "country", "DE", "provider", "NAMECHEAP  Inc"),
        Map.of("type", "domain-name", "value", "nobody.example.org", "country", "DE"),
        Map.of("type", "file-sha256", "value", "a".repeat(64), "country", "DE"),
        Map.of("type", "domain-name", "value", "fr.example.fr", "country", "FR", "provider", "OVH SAS")));
    ref = driver.approveForAssignment(tip);
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
    driver.complete(driver.officer("FR"), ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "DECLINE"));
  }

  @Test
  void aPreservationAndATakedownRequestPerProviderWithExactlyItsIndicators() {
    List<ProviderRequest> drafted = requests.forCountry(ref, "DE");
    assertThat(drafted).extracting(r -> r.getKind() + " " + r.getProviderKey() + " " + r.getProviderName() + " " + r.getIndicators())
        .containsExactlyInAnyOrder(
            "PRESERVATION AS13335 Cloudflare, Inc. 2", "TAKEDOWN AS13335 Cloudflare, Inc. 2",
            "PRESERVATION AS2500 WIDE Project 1", "TAKEDOWN AS2500 WIDE Project 1",
            "PRESERVATION namecheap inc Namecheap, Inc. 2", "TAKEDOWN namecheap inc Namecheap, Inc. 2",
            "PRESERVATION unknown provider not identified 1", "TAKEDOWN unknown provider not identified 1");
    for (ProviderRequest request : drafted) {
      List<String> values = requests.indicatorIds(request.getId()).stream()
          .map(id -> jdbc.queryForObject("select indicator_value from indicator where id = ?", String.class, id)).toList();
      switch (request.getProviderKey()) {
        case "AS13335" -> assertThat(values).containsExactly("1.0.0.1", "1.0.0.2");
        case "AS2500" -> assertThat(values).containsExactly("2001:200::1");
        case "namecheap inc" -> assertThat(values).containsExactly("shop.example.org", "https://login.example.org/x");
        default -> assertThat(values).containsExactly("nobody.example.org");
      }
    }
    assertThat(requests.forCountry(ref, "FR")).as("a unit that declines gets no drafts").isEmpty();
    assertThat(drafting.draft(ref, "DE")).as("drafting again (a retried step) makes none").hasSize(8);
    assertThat(requests.forCountry(ref, "DE")).hasSize(8);
  }

  @Test
  void theVendorsProviderIsCheckedAndACoordinatorCorrectsIt() throws Exception {
    Map<String, Object> bad = tip("TLP:AMBER", list("DE"));
    bad.put("indicators", List.of(Map.of("type", "domain-name", "value", "x.example.org", "provider", "x".repeat(201))));
    assertThatThrownBy(() -> driver.submitOnly(bad)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("indicators[0].provider").hasMessageContaining("must be at most 200 characters");

    HttpResponse<String> set = post("cora", Map.of("type", "domain-name", "value", "nobody.example.org", "provider", "Tucows Domains Inc."));
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(set.body()).contains("\"provider\":\"Tucows Domains Inc.\"").doesNotContain("before");
    assertThat(jdbc.queryForObject("select provider from indicator where indicator_value = 'nobody.example.org'", String.class))
        .isEqualTo("Tucows Domains Inc.");
    HttpResponse<String> listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/api/operations/" + ref)).header("Authorization", RawHttp.basic("cora", "demo")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(listed.body()).contains("\"value\":\"nobody.example.org\"", "\"provider\":\"Tucows Domains Inc.\"",
        "\"provider\":\"Namecheap, Inc.\"");
    HttpResponse<String> none = post("cora", Map.of("type", "domain-name", "value", "absent.example.org", "provider", "X"));
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(none.body()).contains("names no indicator of " + ref);
    assertThat(post("cora", Map.of("type", "domain-name", "value", "shop.example.org", "provider", "a\nb")).statusCode()).isEqualTo(400);
    assertThat(post("vera", Map.of("type", "domain-name", "value", "shop.example.org", "provider", "X")).statusCode()).isEqualTo(403);
    assertThat(post("cora", Map.of("type", "domain-name", "value", "shop.example.org", "vendor", "X")).statusCode())
        .as("an unknown field").isEqualTo(400);
  }

  HttpResponse<String> post(String user, Map<String, Object> body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/operations/" + ref
            + "/indicators/provider")).header("Authorization", RawHttp.basic(user, "demo")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
  }
}
