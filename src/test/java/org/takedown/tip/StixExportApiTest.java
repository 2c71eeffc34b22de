package org.takedown.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.vars;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.takedown.briefing.Document;
import org.takedown.briefing.DocumentKind;
import org.takedown.briefing.DocumentRepository;
import java.io.InputStream;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
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
import org.takedown.operation.JointTakedownProcess;
import org.takedown.stix.StixIntake;
import org.takedown.stix.StixSchemas;
import org.takedown.stix.StixTip;
import org.takedown.stix.StixTip.ContextObject;
import org.takedown.system.Tlp;

/** GET /api/operations/{reference}/stix, as a partner's threat-intelligence platform pulls it, and posting it back. */
@TakedownTest
class StixExportApiTest {

  static final MediaType STIX_21 = MediaType.parseMediaType("application/stix+json;version=2.1");

  @Autowired TestRestTemplate anonymous;
  @Autowired ProcessDriver driver;
  @Autowired HistoryService history;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @Autowired DocumentRepository documents;

  @Test
  void theExportOfAStixTipIsValidStix21AndPostedBackIsTheSameOperation() throws IOException {
    TestRestTemplate vera = anonymous.withBasicAuth("vera", "demo");
    // A bundle id of its own, so that this operation is not StixTipApiTest's (which posts the same file).
    byte[] sent = new String(resource("/stix/bundles/report-tlp2-locations.json"), StandardCharsets.UTF_8)
        .replace("bundle--0f0c1a55-7a2e-4a39-8f0b-7d8b6b1c2e01", "bundle--" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    ResponseEntity<Map> submitted = post(vera, sent);
    String reference = (String) submitted.getBody().get("reference");

    ResponseEntity<byte[]> export = anonymous.withBasicAuth("cora", "demo").getForEntity("/api/operations/" + reference + "/stix", byte[].class);

    assertThat(export.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(export.getHeaders().getContentType()).isEqualTo(STIX_21);
    JsonNode bundle = json.readTree(export.getBody());
    assertThat(StixSchemas.errors(bundle)).as("valid against the OASIS STIX 2.1 schemas").isEmpty();
    StixTip read = new StixIntake().read(export.getBody(), Tlp.CLEAR);
    assertThat(read.title()).isEqualTo("Banking trojan C2 servers");
    assertThat(read.tlp()).isEqualTo(Tlp.RED);
    assertThat(read.countries()).containsExactly("DE", "FR");
    assertThat(read.takedownReference()).isEqualTo(reference);
    assertThat(read.indicators()).as("the vendor's indicator keeps its id and its whole pattern")
        .anySatisfy(i -> {
          assertThat(i.id()).isEqualTo("indicator--9d1a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b");
          assertThat(i.pattern()).startsWith("[ipv4-addr:value = '198.51.100.23'] OR [domain-name:value = 'Panel-Update.example.NET.']");
        })
        .as("a value from observed data gets a pattern of its own")
        .anySatisfy(i -> assertThat(i.pattern()).isEqualTo("[ipv4-addr:value = '203.0.113.77']"));
    assertThat(read.context()).extracting(ContextObject::id).contains("campaign--1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b");
    assertThat(read.relationships()).extracting(StixTip.Relation::readable).isNotEmpty();
    assertThat(read.statements()).contains("Copyright 2026 Example Threat Labs. Shared for law-enforcement use only.");

    long[] before = counts();
    ResponseEntity<Map> back = post(vera, export.getBody());

    assertThat(back.getStatusCode()).as("recognised, not a new tip").isEqualTo(HttpStatus.OK);
    assertThat(back.getBody().get("reference")).isEqualTo(reference);
    assertThat(counts()).as("operations, tips, bundles, processes").containsExactly(before);

    // The vendor's terms go into the briefings with its data.
    driver.runJobs(reference);
    driver.complete("cora", reference, "Task_TriageTip", vars("triageDecision", "OPEN", "countries", list("DE", "FR")));
    driver.complete("lena", reference, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate", "releaseTlp", "TLP:RED"));
    driver.complete("leon", reference, "Task_SecondLegalApproval", vars("legalDecision", "APPROVE", "legalBasis", "mandate"));
    driver.runJobs(reference);
    Document briefing = documents.findFirstByOperationReferenceAndKindAndCountryOrderByVersionDesc(reference, DocumentKind.OPERATION_BRIEFING, null)
        .orElseThrow();
    try (XWPFWordExtractor text = new XWPFWordExtractor(new XWPFDocument(new ByteArrayInputStream(briefing.getContent())))) {
      assertThat(text.getText()).contains("The vendor's terms (statement markings of its STIX bundle): "
          + "Copyright 2026 Example Threat Labs. Shared for law-enforcement use only.");
      // And what the bundle says beyond indicators: its context objects and what indicates what.
      ContextObject campaign = read.context().stream().filter(c -> "campaign".equals(c.type())).findFirst().orElseThrow();
      assertThat(text.getText()).contains("What the vendor's STIX bundle says: ", "campaign '" + campaign.name() + "'",
          read.relationships().get(0).readable());
    }
  }

  @Test
  void aSimpleTipExportsPatternsBuiltFromItsValuesAndUnitsGetTheReleaseTlp() throws IOException {
    Map<String, Object> tip = ProcessDriver.tip("TLP:AMBER+STRICT", list("DE"));
    String reference = driver.openForLegalReview(tip);
    driver.complete("lena", reference, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate",
        "releaseTlp", "TLP:GREEN"));
    driver.runJobs(reference);

    JsonNode staff = json.readTree(anonymous.withBasicAuth("cora", "demo").getForObject("/api/operations/" + reference + "/stix", byte[].class));
    ResponseEntity<byte[]> unit = anonymous.withBasicAuth(driver.officer("DE"), "demo")
        .getForEntity("/api/operations/" + reference + "/stix", byte[].class);
    ResponseEntity<byte[]> notAsked = anonymous.withBasicAuth(driver.officer("FR"), "demo")
        .getForEntity("/api/operations/" + reference + "/stix", byte[].class);

    assertThat(StixSchemas.errors(staff)).isEmpty();
    assertThat(staff.get("objects").findValuesAsText("pattern"))
        .containsExactlyInAnyOrder("[ipv4-addr:value = '198.51.100.1']", "[domain-name:value = 'c2.example.net']");
    assertThat(new StixIntake().read(json.writeValueAsBytes(staff), Tlp.CLEAR).tlp()).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(unit.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(new StixIntake().read(unit.getBody(), Tlp.CLEAR).tlp()).as("the release TLP of the legal decision").isEqualTo(Tlp.GREEN);
    assertThat(notAsked.getStatusCode()).as("a unit that was not asked learns nothing").isEqualTo(HttpStatus.NOT_FOUND);
  }

  private long[] counts() {
    return new long[] {
        jdbc.queryForObject("select count(*) from operation", Long.class),
        jdbc.queryForObject("select count(*) from tip", Long.class),
        jdbc.queryForObject("select count(*) from stix_bundle", Long.class),
        history.createHistoricProcessInstanceQuery().processDefinitionKey(JointTakedownProcess.KEY).count()};
  }

  private ResponseEntity<Map> post(TestRestTemplate as, byte[] body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(STIX_21);
    return as.postForEntity("/api/tips", new HttpEntity<>(body, headers), Map.class);
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = StixExportApiTest.class.getResourceAsStream(path)) {
      return in.readAllBytes();
    }
  }
}
