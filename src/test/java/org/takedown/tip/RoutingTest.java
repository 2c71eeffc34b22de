package org.takedown.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;

/**
 * Routing as issue 21 asks: the vendor's word for an indicator (a STIX located-at, the simple tip's "country") wins over
 * the IP table and a disagreement is shown; a tip without countries is routed by the table (real allocations of the
 * embedded table: 193.99.200.1 is DE, 212.27.40.1 FR, 212.27.0.0/18 spans DK and FR; 198.51.100.0/24 is documentation
 * space); triage is proposed those countries; coordinators move indicators before the units are asked.
 */
@TakedownTest
class RoutingTest {

  static final MediaType STIX_21 = MediaType.parseMediaType("application/stix+json;version=2.1");

  @Autowired TestRestTemplate anonymous;
  @Autowired ProcessDriver driver;
  @Autowired JdbcTemplate jdbc;
  TestRestTemplate vera;
  TestRestTemplate cora;
  TestRestTemplate lena;

  @BeforeEach
  void signIn() {
    vera = anonymous.withBasicAuth("vera", "demo");
    cora = anonymous.withBasicAuth("cora", "demo");
    lena = anonymous.withBasicAuth("lena", "demo");
  }

  @Test
  void aTipWithoutCountriesIsRoutedByTheTableAndTriageIsProposedThoseCountries() {
    ResponseEntity<Map> created = postJson(vera, """
        {"title": "Bulletproof hosting", "tlp": "TLP:AMBER", "indicators": [
          {"type": "ipv4-addr", "value": "193.99.200.1"}, {"type": "ipv4-addr", "value": "212.27.0.0/18"},
          {"type": "ipv4-addr", "value": "212.27.40.1"}, {"type": "ipv4-addr", "value": "198.51.100.7"}]}""");

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String ref = (String) created.getBody().get("reference");
    driver.runJobs(ref);
    Map<String, Map<String, Object>> form = formVariables(ref);
    assertThat((String) form.get("countries").get("value")).as("preselected in the form").isEqualTo("[\"FR\",\"DE\",\"DK\"]");
    assertThat(form.get("countryProposal").get("value")).isEqualTo("France (FR) 2, Germany (DE) 1, Denmark (DK) 1; 1 not placed");
    assertThat(form.get("countryNames").get("value")).isEqualTo("France (FR), Germany (DE), Denmark (DK)");

    Map<?, ?> operation = cora.getForObject("/api/operations/" + ref, Map.class);
    assertThat((List<Map<String, Object>>) operation.get("countries")).extracting(c -> c.get("country") + " " + c.get("status"))
        .containsExactly("DE PROPOSED", "DK PROPOSED", "FR PROPOSED");
    Map<?, ?> routing = (Map<?, ?>) operation.get("routing");
    assertThat((List<Map<String, Object>>) routing.get("countries")).extracting(c -> c.get("name") + " " + c.get("indicators"))
        .containsExactly("France 2", "Germany 1", "Denmark 1");
    assertThat(routing.get("unplaced")).isEqualTo(1);
    assertThat((List<Map<String, Object>>) operation.get("indicators")).filteredOn(i -> "212.27.0.0/18".equals(i.get("value")))
        .singleElement().satisfies(i -> assertThat((List<Map<String, Object>>) i.get("places"))
            .extracting(p -> p.get("country") + " " + p.get("placedBy") + " " + p.get("source"))
            .containsExactly("DK IP_TABLE IP table 2026-06", "FR IP_TABLE IP table 2026-06"));

    driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "OPEN", "countries", list("FR", "DE", "DK")));
    driver.runJobs(ref);
    assertThat(driver.operation(ref).getStage().name()).isEqualTo("LEGAL_REVIEW");
  }

  @Test
  void aTipThatNamesNoCountryAndPlacesNoIndicatorLeavesTheChoiceToTriage() {
    Map<String, Object> tip = tip("TLP:AMBER", list());
    tip.remove("countries");
    tip.put("indicators", List.of(Map.of("type", "ipv4-addr", "value", "198.51.100.8"), Map.of("type", "domain-name", "value", "c2.example.com")));
    String ref = driver.submit(tip);

    Map<String, Map<String, Object>> form = formVariables(ref);
    assertThat(form.get("countries").get("value")).isEqualTo("[]");
    assertThat((String) form.get("countryProposal").get("value")).isEqualTo("2 not placed\n\nNo country is proposed: nothing names one and no"
        + " indicator is placed. Choose the affected countries below.");
    driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "OPEN", "countries", list("NL")));
    driver.runJobs(ref);
    assertThat(driver.operation(ref).getStage().name()).isEqualTo("LEGAL_REVIEW");
  }

  @Test
  void theSimpleTipsCountryPerIndicatorWinsOverTheTableAndTheDisagreementIsShown() {
    ResponseEntity<Map> created = postJson(vera, """
        {"title": "C2 moved", "tlp": "TLP:AMBER", "indicators": [
          {"type": "ipv4-addr", "value": "193.99.200.1", "country": "nl"},
          {"type": "domain-name", "value": "panel.example.com", "country": "BE"},
          {"type": "ipv4-addr", "value": "212.27.40.1"}]}""");
    String ref = (String) created.getBody().get("reference");
    driver.runJobs(ref);

    String proposal = (String) formVariables(ref).get("countryProposal").get("value");
    assertThat(proposal).startsWith("Belgium (BE) 1, France (FR) 1, Netherlands (NL) 1")
        .contains("**The vendor and the IP table disagree** on 1 address (routed as the vendor says):\n\n"
            + "- `193.99.200.1`: vendor: NL; IP table 2026-06: DE\n");
    Map<?, ?> operation = cora.getForObject("/api/operations/" + ref, Map.class);
    assertThat((List<Map<String, Object>>) operation.get("indicators")).filteredOn(i -> "193.99.200.1".equals(i.get("value")))
        .singleElement().satisfies(i -> assertThat((List<Map<String, Object>>) i.get("places")).singleElement().satisfies(p -> {
          assertThat(p.get("country")).isEqualTo("NL");
          assertThat(p.get("placedBy")).isEqualTo("VENDOR");
          assertThat(p.get("source")).isEqualTo("vendor");
          assertThat(p.get("disagreement")).isEqualTo("IP table 2026-06: DE");
        }));
    Map<?, ?> routing = (Map<?, ?>) operation.get("routing");
    assertThat(routing.get("disagreementCount")).isEqualTo(1);
    assertThat((List<Map<String, Object>>) routing.get("disagreements")).extracting(d -> d.get("value") + " " + d.get("words"))
        .containsExactly("193.99.200.1 vendor: NL; IP table 2026-06: DE");

    ResponseEntity<Map> refused = postJson(vera, """
        {"title": "Bad country", "tlp": "TLP:AMBER", "indicators": [{"type": "ipv4-addr", "value": "193.99.200.1", "country": "UK"}]}""");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<Map<String, String>>) refused.getBody().get("errors")).singleElement().satisfies(e -> {
      assertThat(e.get("field")).isEqualTo("indicators[0].country");
      assertThat(e.get("message")).isEqualTo("'UK' is not an ISO 3166-1 alpha-2 country code; did you mean GB (United Kingdom)?");
    });
  }

  @Test
  void aStixLocatedAtPlacesItsIndicatorAsTheVendorSays() {
    String bundle = """
        {"type": "bundle", "id": "bundle--%s", "objects": [
          {"type": "indicator", "spec_version": "2.1", "id": "indicator--%s", "created": "2026-01-01T00:00:00Z",
           "modified": "2026-01-01T00:00:00Z", "pattern": "[ipv4-addr:value = '193.99.200.1']", "pattern_type": "stix",
           "valid_from": "2026-01-01T00:00:00Z"},
          {"type": "indicator", "spec_version": "2.1", "id": "indicator--%s", "created": "2026-01-01T00:00:00Z",
           "modified": "2026-01-01T00:00:00Z", "pattern": "[domain-name:value = 'kit.example.com']", "pattern_type": "stix",
           "valid_from": "2026-01-01T00:00:00Z"},
          {"type": "infrastructure", "spec_version": "2.1", "id": "infrastructure--%s", "created": "2026-01-01T00:00:00Z",
           "modified": "2026-01-01T00:00:00Z", "name": "Phishing kit host"},
          {"type": "location", "spec_version": "2.1", "id": "location--%s", "created": "2026-01-01T00:00:00Z",
           "modified": "2026-01-01T00:00:00Z", "country": "NL"},
          {"type": "location", "spec_version": "2.1", "id": "location--%s", "created": "2026-01-01T00:00:00Z",
           "modified": "2026-01-01T00:00:00Z", "country": "SE"},
          {"type": "relationship", "spec_version": "2.1", "id": "relationship--%s", "created": "2026-01-01T00:00:00Z",
           "modified": "2026-01-01T00:00:00Z", "relationship_type": "located-at", "source_ref": "indicator--%s", "target_ref": "location--%s"},
          {"type": "relationship", "spec_version": "2.1", "id": "relationship--%s", "created": "2026-01-01T00:00:00Z",
           "modified": "2026-01-01T00:00:00Z", "relationship_type": "indicates", "source_ref": "indicator--%s", "target_ref": "infrastructure--%s"},
          {"type": "relationship", "spec_version": "2.1", "id": "relationship--%s", "created": "2026-01-01T00:00:00Z",
           "modified": "2026-01-01T00:00:00Z", "relationship_type": "located-at", "source_ref": "infrastructure--%s", "target_ref": "location--%s"}
        ]}""";
    String ip = uuid();
    String domain = uuid();
    String infrastructure = uuid();
    String nl = uuid();
    String se = uuid();
    String body = bundle.formatted(uuid(), ip, domain, infrastructure, nl, se, uuid(), ip, nl, uuid(), domain, infrastructure, uuid(),
        infrastructure, se);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(STIX_21);
    ResponseEntity<Map> created = vera.postForEntity("/api/tips", new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), headers), Map.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String ref = (String) created.getBody().get("reference");

    Map<?, ?> operation = cora.getForObject("/api/operations/" + ref, Map.class);
    assertThat((List<Map<String, Object>>) operation.get("indicators")).extracting(i -> i.get("value") + " in "
        + ((List<Map<String, Object>>) i.get("places")).stream().map(p -> p.get("country") + " (" + p.get("source") + ")").toList())
        .containsExactly("193.99.200.1 in [NL (vendor)]", "kit.example.com in [SE (vendor)]");
    assertThat((List<Map<String, Object>>) ((Map<?, ?>) operation.get("routing")).get("disagreements"))
        .extracting(d -> d.get("words")).containsExactly("vendor: NL; IP table 2026-06: DE");
    assertThat((List<Map<String, Object>>) operation.get("countries")).as("the locations place indicators; the tip names no country besides")
        .extracting(c -> c.get("country")).containsExactly("NL", "SE");
  }

  @Test
  void aCoordinatorMovesOneIndicatorABlockAWholeCountryOrLeavesThemUnrouted() {
    ResponseEntity<Map> created = postJson(vera, """
        {"title": "Moves", "tlp": "TLP:AMBER", "indicators": [
          {"type": "ipv4-addr", "value": "193.99.200.1"}, {"type": "ipv4-addr", "value": "212.27.40.1"},
          {"type": "ipv4-addr", "value": "212.27.41.0/24"}, {"type": "domain-name", "value": "shop.example.fr"},
          {"type": "domain-name", "value": "c2.example.com"}]}""");
    String ref = (String) created.getBody().get("reference");
    driver.runJobs(ref);
    assertThat(routing(ref)).containsExactly("France 3", "Germany 1");

    ResponseEntity<Map> one = move(cora, ref, "{\"type\": \"domain-name\", \"value\": \"C2.Example.COM\", \"to\": \"nl\"}");
    assertThat(one.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(one.getBody().get("message")).isEqualTo("1 indicator (domain-name c2.example.com) moved to Netherlands (NL).");
    assertThat(places(ref, "c2.example.com")).containsExactly("NL COORDINATOR coordinator");

    ResponseEntity<Map> block = move(cora, ref, "{\"cidr\": \"212.27.0.0/16\", \"to\": \"BE\"}");
    assertThat(block.getBody().get("message")).isEqualTo("2 indicators (the addresses and blocks within 212.27.0.0/16) moved to Belgium (BE).");
    assertThat(places(ref, "212.27.41.0/24")).containsExactly("BE COORDINATOR coordinator");
    assertThat(places(ref, "212.27.40.1")).containsExactly("BE COORDINATOR coordinator");

    ResponseEntity<Map> country = move(cora, ref, "{\"from\": \"FR\", \"to\": \"DE\"}");
    assertThat(country.getBody().get("message")).isEqualTo("1 indicator (all of France (FR)) moved to Germany (DE).");
    assertThat(places(ref, "shop.example.fr")).containsExactly("DE COORDINATOR coordinator");

    ResponseEntity<Map> unrouted = move(cora, ref, "{\"type\": \"ipv4-addr\", \"value\": \"193.99.200.1\", \"unrouted\": true}");
    assertThat(unrouted.getBody().get("message")).isEqualTo("1 indicator (ipv4-addr 193.99.200.1) left unrouted: no unit is sent it.");
    assertThat(places(ref, "193.99.200.1")).isEmpty();
    Map<?, ?> routing = (Map<?, ?>) unrouted.getBody().get("routing");
    assertThat(routing.get("unrouted")).isEqualTo(1);
    assertThat(routing(ref)).containsExactly("Belgium 2", "Germany 1", "Netherlands 1");

    Map<String, Map<String, Object>> form = formVariables(ref);
    assertThat(form.get("countries").get("value")).as("the form follows: FR emptied, BE and NL added").isEqualTo("[\"DE\",\"NL\",\"BE\"]");
    assertThat(form.get("countryProposal").get("value")).isEqualTo("Belgium (BE) 2, Germany (DE) 1, Netherlands (NL) 1; 1 left unrouted by a coordinator");
    assertThat(jdbc.queryForList("select actor, status from audit_event where action = ? order by id",
        "POST /api/operations/" + ref + "/routing/moves")).as("who moved, in the audit trail").hasSize(4)
        .allSatisfy(row -> assertThat(row).containsEntry("ACTOR", "cora").containsEntry("STATUS", 200));
  }

  @Test
  void movesAreStrictAndForCoordinatorsOnly() {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE"));
    String ref = driver.submit(tip);

    ResponseEntity<Map> vendor = move(vera, ref, "{\"from\": \"DE\", \"to\": \"FR\"}");
    assertThat(vendor.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<Map> legal = move(lena, ref, "{\"from\": \"DE\", \"to\": \"FR\"}");
    assertThat(legal.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(legal.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(legal.getBody().get("detail")).isEqualTo("Only coordinators move indicators between countries.");

    assertThat(field(move(cora, ref, "{\"from\": \"DE\", \"cidr\": \"10.0.0.0/8\", \"to\": \"FR\"}"))).isEqualTo("cidr");
    assertThat(field(move(cora, ref, "{\"from\": \"DE\"}"))).isEqualTo("to");
    assertThat(field(move(cora, ref, "{\"from\": \"DE\", \"to\": \"FR\", \"unrouted\": true}"))).isEqualTo("unrouted");
    assertThat(field(move(cora, ref, "{\"from\": \"DE\", \"to\": \"XX\"}"))).isEqualTo("to");
    assertThat(field(move(cora, ref, "{\"cidr\": \"10.0.0.1/8\", \"to\": \"FR\"}"))).isEqualTo("cidr");
    assertThat(field(move(cora, ref, "{\"from\": \"ES\", \"to\": \"FR\"}"))).isEqualTo("from");
    ResponseEntity<Map> unknown = move(cora, ref, "{\"from\": \"DE\", \"to\": \"FR\", \"country\": \"FR\"}");
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(jdbc.queryForObject("select count(*) from indicator_move m join operation o on o.id = m.operation_id where o.reference = ?",
        Integer.class, ref)).as("nothing moved").isZero();
  }

  @Test
  void afterTheUnitsWereAskedMovesAreRefused() {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("DE")));

    ResponseEntity<Map> refused = move(cora, ref, "{\"from\": \"DE\", \"to\": \"FR\"}");

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(refused.getBody().get("detail")).isEqualTo("The national units of " + ref + " have been asked already, each with the brief"
        + " of its own indicators, so indicators can no longer be moved between countries. Moving them now would need new briefs to"
        + " the units, which the product does not do yet.");
  }

  @Test
  void duringTheLegalReviewIndicatorsMoveOnlyAmongTheChosenCountries() {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE", "FR"));
    String ref = driver.openForLegalReview(tip);

    ResponseEntity<Map> refused = move(cora, ref, "{\"from\": \"DE\", \"to\": \"NL\"}");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.getBody().get("detail")).isEqualTo("Netherlands (NL) is not one of the countries of " + ref + " chosen at triage"
        + " (Germany (DE), France (FR)), and the legal review is of those. During the review, move indicators among them or leave them unrouted.");
    assertThat(move(cora, ref, "{\"from\": \"DE\", \"to\": \"FR\"}").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(routing(ref)).containsExactly("France 2");
  }

  private List<String> routing(String ref) {
    Map<?, ?> routing = (Map<?, ?>) cora.getForObject("/api/operations/" + ref, Map.class).get("routing");
    return ((List<Map<String, Object>>) routing.get("countries")).stream().map(c -> c.get("name") + " " + c.get("indicators")).toList();
  }

  private List<String> places(String ref, String value) {
    Map<?, ?> operation = cora.getForObject("/api/operations/" + ref, Map.class);
    return ((List<Map<String, Object>>) operation.get("indicators")).stream().filter(i -> value.equals(i.get("value"))).findFirst()
        .map(i -> ((List<Map<String, Object>>) i.get("places")).stream().map(p -> p.get("country") + " " + p.get("placedBy") + " " + p.get("source"))
            .toList()).orElseThrow();
  }

  private Map<String, Map<String, Object>> formVariables(String ref) {
    String task = driver.task(ref, "Task_TriageTip").getId();
    return cora.getForObject("/engine-rest/task/" + task + "/form-variables?deserializeValues=false", Map.class);
  }

  private static String field(ResponseEntity<Map> response) {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    return ((List<Map<String, String>>) response.getBody().get("errors")).get(0).get("field");
  }

  private ResponseEntity<Map> move(TestRestTemplate as, String ref, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as.postForEntity("/api/operations/" + ref + "/routing/moves", new HttpEntity<>(body, headers), Map.class);
  }

  private static ResponseEntity<Map> postJson(TestRestTemplate as, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as.postForEntity("/api/tips", new HttpEntity<>(body, headers), Map.class);
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }
}
