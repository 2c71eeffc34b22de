package org.takedown.tip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
import org.takedown.operation.JointTakedownProcess;
import org.takedown.system.Hashes;

/** POST /api/tips with STIX bundles, as a vendor's platform sends them (malformed and hostile ones: {@link StixCorpusTest}). */
@TakedownTest
class StixTipApiTest {

  static final MediaType STIX_21 = MediaType.parseMediaType("application/stix+json;version=2.1");

  @Autowired TestRestTemplate anonymous;
  @Autowired ProcessDriver driver;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired IndicatorRepository indicators;
  @Autowired StixBundleRepository bundles;
  @Autowired JdbcTemplate jdbc;
  TestRestTemplate vera;
  TestRestTemplate cora;

  @BeforeEach
  void signIn() {
    vera = anonymous.withBasicAuth("vera", "demo");
    cora = anonymous.withBasicAuth("cora", "demo");
  }

  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of("indicator-for-c2-ip-address.json", List.of("ipv4-addr 10.0.0.0")),
        Arguments.of("indicators-for-C2-with-COA.json",
            List.of("ipv4-addr 10.0.0.0", "file-sha256 ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c")),
        Arguments.of("infrastructure.json", List.of("ipv4-addr 198.51.100.3", "domain-name example.com")),
        // Its two patterns are MATCHES only: no value of a type, so each is kept whole as a pattern indicator.
        Arguments.of("malicious-email-indicator-with-attachment.json", List.of(
            "pattern [email-message:subject MATCHES '^[IMPORTANT] Please Review Before']",
            "pattern [email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']")));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void eachOasisSampleOpensOneOperationAndARepostAnswersIt(String sample, List<String> expectedIndicators) throws IOException {
    byte[] bundle = resource("/stix/samples/" + sample);
    long processes = processes();

    ResponseEntity<Map> first = post(vera, bundle, STIX_21);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String reference = (String) first.getBody().get("reference");
    Map<?, ?> operation = cora.getForObject("/api/operations/" + reference, Map.class);
    assertThat(operation.get("tlp")).as("no TLP marking in the OASIS samples: the default").isEqualTo("TLP:AMBER");
    assertThat(operation.get("vendor")).as("vera's organisation, as people read it").isEqualTo("Aegis Threat Research");
    assertThat(operation.get("vendorId")).isEqualTo("aegis");
    assertThat(operation.get("stage")).isEqualTo("TRIAGE");
    assertThat(indicators.findByOperationReferenceOrderById(reference)).extracting(i -> i.getType() + " " + i.getNormalizedValue())
        .containsExactlyInAnyOrderElementsOf(expectedIndicators);
    assertThat(context(reference)).contains("No TLP in the bundle").contains("TLP:AMBER");
    assertThat(processes()).isEqualTo(processes + 1);

    ResponseEntity<Map> again = post(vera, bundle, STIX_21);

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody()).isEqualTo(first.getBody());
    assertThat(again.getHeaders().getLocation()).hasToString("/api/operations/" + reference);
    assertThat(processes()).as("a re-post starts nothing").isEqualTo(processes + 1);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).processDefinitionKey(JointTakedownProcess.KEY)
        .count()).isEqualTo(1);
    assertThat(bundles.findByOperationReferenceOrderById(reference)).singleElement().satisfies(stored -> {
      assertThat(stored.getContent()).as("kept verbatim").isEqualTo(bundle);
      assertThat(stored.getSha256()).isEqualTo(Hashes.sha256(bundle));
    });
  }

  @Test
  void locationsAndTheMostRestrictiveTlpMarkingSetCountriesAndTlp() throws IOException {
    byte[] bundle = resource("/stix/bundles/report-tlp2-locations.json");

    ResponseEntity<Map> response = post(vera, bundle, MediaType.parseMediaType("application/stix+json"));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String reference = (String) response.getBody().get("reference");
    Map<?, ?> operation = cora.getForObject("/api/operations/" + reference, Map.class);
    assertThat(operation.get("title")).isEqualTo("Banking trojan C2 servers");
    assertThat(operation.get("summary")).isEqualTo("Three C2 servers seen in our sinkhole telemetry.");
    assertThat(operation.get("tlp")).isEqualTo("TLP:RED");
    assertThat((List<Map<String, Object>>) operation.get("countries")).extracting(c -> c.get("country") + " " + c.get("status"))
        .containsExactly("DE PROPOSED", "FR PROPOSED");
    assertThat(indicators.findByOperationReferenceOrderById(reference)).extracting(i -> i.getType() + " " + i.getNormalizedValue())
        .contains("ipv4-addr 198.51.100.23", "domain-name panel-update.example.net", "ipv4-addr 203.0.113.77");
    String context = context(reference);
    assertThat(context).doesNotContain("No TLP").contains("Copyright 2026 Example Threat Labs")
        .as("a port alone is no indicator: triage reads that it was not taken").contains("dst\\-port \\'8443\\' is no indicator on its own here");
    assertThat(jdbc.queryForObject("select t.content_type from tip t join operation o on o.id = t.operation_id where o.reference = ?",
        String.class, reference)).isEqualTo("application/stix+json");
  }

  @Test
  void aBundleSentAsPlainJsonIsReadAsStixAndHtmlInNamesIsKeptAsText() {
    String title = "<script>alert('x')</script> Panel & \"kit\"";
    String bundle = bundle(UUID.randomUUID(), """
        {"type": "report", "spec_version": "2.1", "id": "report--%s", "created": "2026-01-01T00:00:00Z",
         "modified": "2026-01-01T00:00:00Z", "name": %s, "description": "<img src=x onerror=alert(1)>",
         "published": "2026-01-01T00:00:00Z", "object_refs": ["indicator--%s", "indicator--%s"]},
        {"type": "indicator", "spec_version": "2.1", "id": "indicator--%s", "created": "2026-01-01T00:00:00Z",
         "modified": "2026-01-01T00:00:00Z", "pattern": "[domain-name:value = 'Evil.Example.ORG']", "pattern_type": "stix",
         "valid_from": "2026-01-01T00:00:00Z"},
        {"type": "indicator", "spec_version": "2.1", "id": "indicator--%s", "created": "2026-01-01T00:00:00Z",
         "modified": "2026-01-01T00:00:00Z", "pattern": "[ipv4-addr:value = '198.51.100.9'", "pattern_type": "stix",
         "valid_from": "2026-01-01T00:00:00Z"}""".formatted(UUID.randomUUID(), quoted(title), ids(1), ids(2), ids(1), ids(2)));

    ResponseEntity<Map> response = post(vera, bundle.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String reference = (String) response.getBody().get("reference");
    Map<?, ?> operation = cora.getForObject("/api/operations/" + reference, Map.class);
    assertThat(operation.get("title")).as("stored unchanged").isEqualTo(title);
    assertThat(operation.get("summary")).isEqualTo("<img src=x onerror=alert(1)>");
    assertThat(indicators.findByOperationReferenceOrderById(reference)).extracting(i -> i.getType() + " " + i.getNormalizedValue())
        .containsExactly("domain-name evil.example.org");
    assertThat(context(reference)).as("the unbalanced pattern is shown in triage")
        .contains("Patterns that do not parse").contains("`[ipv4-addr:value = '198.51.100.9'`")
        .as("said once, not again as a warning").doesNotContain("Not taken, or taken in part");
    assertThat((List<Map<String, Object>>) response.getBody().get("warnings")).as("and returned to the vendor").singleElement()
        .satisfies(w -> {
          assertThat(w.get("objectId")).isEqualTo("indicator--" + ids(2));
          assertThat(w.get("pointer")).isEqualTo("/objects/2/pattern");
          assertThat(w.get("property")).isEqualTo("pattern");
          assertThat(w.get("message")).asString().startsWith("cannot be parsed at offset 33").endsWith("so the indicator was not taken: "
              + "correct its pattern and send it again");
        });
  }

  @Test
  void theSameBundleIdWithOtherContentIsANewTip() {
    UUID id = UUID.randomUUID();
    String one = bundle(id, indicator(ids(3), "192.0.2.31"));
    String two = bundle(id, indicator(ids(3), "192.0.2.32"));

    ResponseEntity<Map> first = post(vera, one.getBytes(StandardCharsets.UTF_8), STIX_21);
    ResponseEntity<Map> second = post(vera, two.getBytes(StandardCharsets.UTF_8), STIX_21);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(second.getBody().get("reference")).isNotEqualTo(first.getBody().get("reference"));
  }

  @Test
  void aCoordinatorSubmitsABundleOnBehalfOfAVendor() {
    String bundle = bundle(UUID.randomUUID(), indicator(ids(4), "192.0.2.41"));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(STIX_21);

    ResponseEntity<Map> response = cora.postForEntity("/api/tips?vendor=vera", new HttpEntity<>(bundle.getBytes(StandardCharsets.UTF_8), headers),
        Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    Map<?, ?> operation = cora.getForObject("/api/operations/" + response.getBody().get("reference"), Map.class);
    assertThat(operation.get("vendor")).as("a member's user name names its organisation").isEqualTo("Aegis Threat Research");
    assertThat(operation.get("vendorId")).isEqualTo("aegis");
  }

  @Test
  void anUnsupportedVersionSaysWhichAreRead() {
    String body = bundle(UUID.randomUUID(), indicator(ids(6), "192.0.2.61").replace("\"2.1\"", "\"3.0\""));

    ResponseEntity<Map> response = post(vera, body.getBytes(StandardCharsets.UTF_8), STIX_21);

    assertThat(response.getStatusCode().value()).isEqualTo(422);
    assertThat(response.getBody().toString()).contains("Takedown reads STIX 2.1 and STIX 2.0 bundles");
  }

  private long processes() {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(JointTakedownProcess.KEY).count();
  }

  private String context(String reference) {
    return (String) runtime.getVariable(driver.process(reference).getId(), TipService.STIX_CONTEXT);
  }

  private ResponseEntity<Map> post(TestRestTemplate as, byte[] body, MediaType type) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(type);
    return as.postForEntity("/api/tips", new HttpEntity<>(body, headers), Map.class);
  }

  static String bundle(UUID id, String objects) {
    return "{\"type\": \"bundle\", \"id\": \"bundle--" + id + "\", \"objects\": [" + objects + "]}";
  }

  static String indicator(String id, String ip) {
    return """
        {"type": "indicator", "spec_version": "2.1", "id": "indicator--%s", "created": "2026-01-01T00:00:00Z",
         "modified": "2026-01-01T00:00:00Z", "pattern": "[ipv4-addr:value = '%s']", "pattern_type": "stix",
         "valid_from": "2026-01-01T00:00:00Z"}""".formatted(id, ip);
  }

  static String ids(int n) {
    return "11111111-2222-4333-8444-00000000000" + n;
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static byte[] resource(String path) {
    try (InputStream in = StixTipApiTest.class.getResourceAsStream(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(path, e);
    }
  }
}
