package org.takedown.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
import org.takedown.system.Hashes;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.operation.OperationRepository;

/** POST /api/tips and the operations API, as an HTTP client sees them. */
@TakedownTest
class TipApiTest {

  @Autowired TestRestTemplate anonymous;
  TestRestTemplate vendor;
  TestRestTemplate http;
  @Autowired OperationRepository operations;
  @Autowired TipRepository tips;
  @Autowired IndicatorRepository indicators;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessDriver driver;

  @BeforeEach
  void signIn() {
    vendor = anonymous.withBasicAuth("vera", "demo");
    http = anonymous.withBasicAuth("cora", "demo");
  }

  private ResponseEntity<Map> post(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return vendor.postForEntity("/api/tips", new HttpEntity<>(body, headers), Map.class);
  }

  @Test
  void validTipOpensAnOperationAtTriage() throws Exception {
    String body = """
        {"title":"Phishing kit panel","summary":"Kit hosted on two domains","tlp":"amber","pap":"PAP:GREEN",
         "countries":["de","FR"],
         "indicators":[{"type":"domain-name","value":"Login-Bank.example.ORG."},{"type":"ipv6-addr","value":"2001:DB8:0:0::1"},
                       {"type":"url","value":"HTTPS://login-bank.example.org/kit"}]}""";
    ResponseEntity<Map> response = post(body);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String reference = (String) response.getBody().get("reference");
    assertThat(reference).matches("OP-\\d{4}-\\d{4}");
    assertThat(response.getBody()).as("every country has a national unit").doesNotContainKey("warnings");
    assertThat(response.getHeaders().getLocation()).hasToString("/api/operations/" + reference);

    Map<?, ?> operation = http.getForObject(response.getHeaders().getLocation(), Map.class);
    assertThat(operation.get("stage")).isEqualTo("TRIAGE");
    assertThat(operation.get("tlp")).isEqualTo("TLP:AMBER");
    assertThat(operation.get("pap")).isEqualTo("PAP:GREEN");
    assertThat(operation.get("vendor")).as("a vendor's analyst submits for its organisation, named as people read it")
        .isEqualTo("Aegis Threat Research");
    assertThat(operation.get("vendorId")).as("its id, for the fusion centre's staff").isEqualTo("aegis");
    Map<?, ?> asVendor = vendor.getForObject(response.getHeaders().getLocation(), Map.class);
    assertThat(asVendor.get("vendor")).isEqualTo("Aegis Threat Research");
    assertThat(asVendor.containsKey("vendorId")).as("the id is the staff's").isFalse();
    assertThat(jdbc.queryForObject("select vendor from operation where reference = ?", String.class, reference)).isEqualTo("aegis");
    assertThat(jdbc.queryForMap("select tlp, pap, stage from operation where reference = ?", reference))
        .as("labels as people read them").containsEntry("TLP", "TLP:AMBER").containsEntry("PAP", "PAP:GREEN").containsEntry("STAGE", "TRIAGE");
    assertThat(operation.get("indicatorCount")).isEqualTo(3);
    assertThat((List<Map<String, Object>>) operation.get("countries"))
        .extracting(c -> c.get("country") + " " + c.get("status")).containsExactly("DE PROPOSED", "FR PROPOSED");
    Map<?, ?> tip = ((List<Map<?, ?>>) operation.get("tips")).get(0);
    assertThat(tip.get("submitter")).isEqualTo("vera");
    assertThat(tip.get("payloadSha256")).isEqualTo(Hashes.sha256(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(indicators.findByOperationReferenceOrderById(reference)).extracting(Indicator::getNormalizedValue)
        .containsExactly("login-bank.example.org", "2001:db8::1", "https://login-bank.example.org/kit");

    List<Map<String, Object>> triage = http.getForObject("/api/operations?stage=TRIAGE", List.class);
    assertThat(triage).extracting(o -> o.get("reference")).contains(reference);
  }

  @Test
  void invalidTipIsRefusedWithEveryProblemAndStoresNothing() {
    long operationsBefore = operations.count();
    long tipsBefore = tips.count();
    ResponseEntity<Map> response = post("""
        {"title":"","tlp":"TLP:PURPLE","pap":"PAP:BLUE","countries":["DE","XX"],
         "indicators":[{"type":"ipv4-addr","value":"300.1.2.3"},{"type":"mutex","value":"x"},{"type":"domain-name","value":""}]}""");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response.getBody().get("title")).isEqualTo("Invalid input");
    assertThat((List<Map<String, String>>) response.getBody().get("errors")).extracting(e -> e.get("field"))
        .containsExactlyInAnyOrder("title", "tlp", "pap", "countries[1]", "indicators[0].value", "indicators[1].type", "indicators[2].value");
    assertThat((List<Map<String, String>>) response.getBody().get("errors"))
        .anySatisfy(e -> assertThat(e.get("message")).contains("'TLP:PURPLE' is not a TLP 2.0 label"));
    assertThat(operations.count()).isEqualTo(operationsBefore);
    assertThat(tips.count()).isEqualTo(tipsBefore);
  }

  @Test
  void ukIsRefusedWithTheCodeToUseInstead() {
    ResponseEntity<Map> response = post("""
        {"title":"Phishing kit","tlp":"TLP:AMBER","countries":["UK"],"indicators":[{"type":"domain-name","value":"kit.example.net"}]}""");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat((List<Map<String, String>>) response.getBody().get("errors")).singleElement().satisfies(e -> {
      assertThat(e.get("field")).isEqualTo("countries[0]");
      assertThat(e.get("message")).isEqualTo("'UK' is not an ISO 3166-1 alpha-2 country code; did you mean GB (United Kingdom)?");
    });
  }

  /** Tuvalu, not an INTERPOL member, has no unit in the directory: the tip is taken, flagged, and triage cannot open the operation with it. */
  @Test
  void aCountryWithoutANationalUnitIsFlaggedAtIntakeAndRefusedAtTriage() {
    ResponseEntity<Map> response = post("""
        {"title":"Bulletproof hoster","tlp":"TLP:AMBER","countries":["DE","TV"],"indicators":[{"type":"ipv4-addr","value":"198.51.100.77"}]}""");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String reference = (String) response.getBody().get("reference");
    assertThat((List<Map<String, String>>) response.getBody().get("warnings")).singleElement().satisfies(w -> {
      assertThat(w).doesNotContainKey("objectId");
      assertThat(w.get("pointer")).isEqualTo("/countries/1");
      assertThat(w.get("property")).isEqualTo("country");
      assertThat(w.get("message")).isEqualTo("TV (Tuvalu): the fusion centre has no national unit for"
          + " this country in its directory; at triage the coordinators add one or leave the country out of the operation.");
    });

    driver.runJobs(reference);
    List<Map<String, Object>> open = http.getForObject("/engine-rest/task?processInstanceBusinessKey=" + reference, List.class);
    String task = (String) open.get(0).get("id");
    Map<String, Map<String, Object>> variables = http.getForObject("/engine-rest/task/" + task + "/form-variables?deserializeValues=false", Map.class);
    assertThat((String) variables.get("countriesWithoutUnit").get("value")).startsWith("Tuvalu (TV). An operation cannot be opened with a"
        + " country that has no unit: it would stop at national assignment.");
    assertThat((String) variables.get("countryOptions").get("value")).contains("Tuvalu (TV) – no national unit").doesNotContain("Germany (DE) –");

    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<Map> refused = http.postForEntity("/engine-rest/task/" + task + "/complete", new HttpEntity<>("""
        {"variables": {"triageDecision": {"value": "OPEN"}, "countries": {"value": "[\\"DE\\",\\"TV\\"]", "type": "Json"}}}""", headers), Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(refused.getBody().get("detail")).isEqualTo("Tuvalu (TV) has no national unit in the directory, so the operation would stop"
        + " at national assignment. Remove it from the affected countries, or add its unit to config/national-units.yml first."
        + " Nothing was stored; fix it and complete the task again.");
    assertThat((List<Map<String, String>>) refused.getBody().get("errors")).extracting(e -> e.get("field")).containsExactly("countries");

    ResponseEntity<String> opened = http.postForEntity("/engine-rest/task/" + task + "/complete", new HttpEntity<>("""
        {"variables": {"triageDecision": {"value": "OPEN"}, "countries": {"value": "[\\"DE\\"]", "type": "Json"}}}""", headers), String.class);
    assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void vendorsSubmitOnlyAsThemselvesAndCoordinatorsOnAVendorsBehalf() {
    String tip = "{\"title\":\"t\",\"tlp\":\"TLP:GREEN\",\"countries\":[\"DE\"],\"vendor\":\"%s\","
        + "\"indicators\":[{\"type\":\"ipv4-addr\",\"value\":\"198.51.100.8\"}]}";
    ResponseEntity<Map> spoofed = post(tip.formatted("someone-else"));
    assertThat(spoofed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(spoofed.getBody().toString()).contains("you submit for aegis; leave vendor out or set it to 'aegis'");

    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<Map> onBehalf = http.postForEntity("/api/tips", new HttpEntity<>(tip.formatted("vera"), headers), Map.class);
    assertThat(onBehalf.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    Map<?, ?> entered = http.getForObject(onBehalf.getHeaders().getLocation(), Map.class);
    assertThat(entered.get("vendor")).as("a member's user name names its organisation").isEqualTo("Aegis Threat Research");
    assertThat(entered.get("vendorId")).isEqualTo("aegis");

    ResponseEntity<Map> unknownVendor = http.postForEntity("/api/tips", new HttpEntity<>(tip.formatted("examplesec"), headers), Map.class);
    assertThat(unknownVendor.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknownVendor.getBody().toString()).contains("'examplesec' is not a vendor organisation");

    ResponseEntity<Map> byLegal = anonymous.withBasicAuth("lena", "demo")
        .postForEntity("/api/tips", new HttpEntity<>(tip.formatted("vera"), headers), Map.class);
    assertThat(byLegal.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void malformedJsonIsAProblemNotAStackTrace() {
    ResponseEntity<Map> response = post("{\"title\": \"x\", ");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat((String) response.getBody().get("detail")).startsWith("The body is not valid JSON");
    assertThat(response.getBody().toString()).doesNotContain("at com.fasterxml", "Exception");
  }

  @Test
  void unknownOperationAndUnknownStageAreProblems() {
    ResponseEntity<Map> missing = http.getForEntity("/api/operations/OP-1999-9999", Map.class);
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

    ResponseEntity<Map> badStage = http.getForEntity("/api/operations?stage=SOMEWHERE", Map.class);
    assertThat(badStage.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badStage.getBody().toString()).contains("'SOMEWHERE' is not a stage");
  }
}
