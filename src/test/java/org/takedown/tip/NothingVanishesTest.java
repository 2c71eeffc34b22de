package org.takedown.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.vars;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.briefing.DocumentKind;
import org.takedown.briefing.DocumentRepository;
import org.takedown.dossier.PageClient;
import org.takedown.operation.JointTakedownProcess;
import org.takedown.stix.Observable;
import org.takedown.stix.StixIntake;
import org.takedown.stix.StixSchemas;
import org.takedown.stix.StixTip;
import org.takedown.stix.StixTip.StixIndicator;
import org.takedown.system.Tlp;

/**
 * Issue 21, "nothing a vendor sent vanishes": every indicator object of every OASIS sample and hold-out-like bundle is
 * found again, mapped to values of a type or kept whole as a pattern indicator, in the API, on the operation's page and
 * in the STIX export; or, where it was not taken, in the answer's warnings. A bundle or tip with nothing to act on is
 * refused and stores nothing.
 */
@TakedownTest
class NothingVanishesTest {

  static final MediaType STIX_21 = MediaType.parseMediaType("application/stix+json;version=2.1");

  @Autowired TestRestTemplate anonymous;
  @Autowired ProcessDriver driver;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @Autowired DocumentRepository documents;
  @LocalServerPort int port;
  TestRestTemplate vera;
  TestRestTemplate cora;

  @BeforeEach
  void signIn() {
    vera = anonymous.withBasicAuth("vera", "demo");
    cora = anonymous.withBasicAuth("cora", "demo");
  }

  static Stream<String> bundles() {
    return Stream.of(
        // The OASIS CTI TC's examples (cti-stix2-json-schemas, examples/), as ../shared/samples/stix holds some of them.
        "/stix/samples/indicator-for-c2-ip-address.json", "/stix/samples/indicators-for-C2-with-COA.json",
        "/stix/samples/infrastructure.json", "/stix/samples/malicious-email-indicator-with-attachment.json",
        "/stix/samples/indicator-to-campaign-relationship.json", "/stix/samples/apt1.json", "/stix/samples/poisonivy.json",
        // Ours: TLP 2.0 and locations; STIX 2.0 observed data; and two hold-outs of what vendors send beyond addresses.
        "/stix/bundles/report-tlp2-locations.json", "/stix/bundles/stix20-observed-data.json",
        "/stix/bundles/holdout-patterns-and-leftovers.json", "/stix/bundles/holdout-stix20-certificates.json");
  }

  @ParameterizedTest
  @MethodSource("bundles")
  void everyIndicatorOfTheBundleIsFoundInTheApiThePageAndTheExportOrInTheWarnings(String path) throws IOException {
    byte[] sent = fresh(resource(path));
    JsonNode bundle = json.readTree(sent);
    List<JsonNode> indicatorsIn = new ArrayList<>();
    bundle.path("objects").forEach(o -> {
      if ("indicator".equals(o.path("type").asText())) {
        indicatorsIn.add(o);
      }
    });
    StixTip read = new StixIntake().read(sent, Tlp.AMBER);

    ResponseEntity<Map> answer = post(vera, sent);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String reference = (String) answer.getBody().get("reference");
    List<Map<String, Object>> warnings = answer.getBody().get("warnings") == null ? List.of()
        : (List<Map<String, Object>>) answer.getBody().get("warnings");
    Map<String, Object> operation = cora.getForObject("/api/operations/" + reference, Map.class);
    List<Map<String, Object>> api = (List<Map<String, Object>>) operation.get("indicators");
    assertThat(((Number) operation.get("indicatorCount")).intValue()).isEqualTo(api.size());
    Document page = Jsoup.parse(PageClient.signIn(port, "cora").get("/operations/" + reference).body());
    String pageText = page.select("#indicators").text();
    JsonNode export = json.readTree(cora.getForObject("/api/operations/" + reference + "/stix", byte[].class));
    assertThat(StixSchemas.errors(export)).as("the export is valid STIX 2.1, pattern indicators and all").isEmpty();

    Set<String> apiValues = new HashSet<>();
    Set<String> apiPatterns = new HashSet<>();
    api.forEach(i -> {
      apiValues.add(i.get("type") + " " + i.get("normalizedValue"));
      if ("pattern".equals(i.get("type"))) {
        apiPatterns.add(i.get("stixId") + " " + i.get("value"));
      }
    });
    int found = 0;
    int notTaken = 0;
    for (JsonNode in : indicatorsIn) {
      String id = in.path("id").asText();
      String pattern = in.path("pattern").asText();
      if (read.notTaken().contains(id)) {
        notTaken++;
        assertThat(warnings).as("%s was not taken: the answer says why", id)
            .anySatisfy(w -> assertThat(w.get("objectId")).isEqualTo(id));
        assertThat(api).as("%s was not taken", id).noneMatch(i -> id.equals(i.get("stixId")));
        continue;
      }
      StixIndicator mapped = read.indicators().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
      List<String> typed = mapped.exactObservables().stream().filter(o -> IndicatorType.of(o.type()).isPresent())
          .map(o -> o.type() + " " + o.normalizedValue()).toList();
      boolean whole = apiPatterns.contains(id + " " + pattern);
      assertThat(whole || !typed.isEmpty()).as("%s %s is in the API", id, pattern).isTrue();
      assertThat(apiValues).as("the values of %s", id).containsAll(typed);
      if (whole) {
        assertThat(page.select("#indicators code.pattern").eachText()).as("%s on the page, verbatim", id)
            .contains(pattern.strip().replaceAll("\\s+", " "));
      } else {
        for (Observable o : mapped.exactObservables()) {
          if (IndicatorType.of(o.type()).isPresent()) {
            assertThat(pageText).as("%s on the page", o.normalizedValue()).contains(o.normalizedValue());
          }
        }
      }
      assertThat(export.path("objects").findParents("pattern")).as("%s in the export, with its own id and whole pattern", id)
          .anySatisfy(x -> {
            assertThat(x.path("id").asText()).isEqualTo(id);
            assertThat(x.path("pattern").asText()).isEqualTo(pattern);
            assertThat(x.path("pattern_type").asText()).isEqualTo(in.path("pattern_type").asText("stix"));
          });
      found++;
    }
    assertThat(found + notTaken).as("every indicator of %s", path).isEqualTo(indicatorsIn.size());
    assertThat(warnings).as("every warning says which object, where and why").allSatisfy(w -> {
      assertThat(w.get("pointer")).asString().startsWith("/");
      assertThat(w.get("message")).asString().isNotBlank();
    });
  }

  @Test
  void theApt1ReportsCertificatesAndTheMaliciousEmailsPatternsAreKept() throws IOException {
    String apt1 = reference(post(vera, fresh(resource("/stix/samples/apt1.json"))));
    List<Map<String, Object>> indicators = (List<Map<String, Object>>) cora.getForObject("/api/operations/" + apt1, Map.class).get("indicators");
    assertThat(indicators).hasSize(14).extracting(i -> i.get("type"), i -> i.get("normalizedValue"), i -> i.get("value")).contains(
        tuple("x509-issuer", "CN=webmail", "CN=WEBMAIL"),
        tuple("x509-serial", "4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28", "4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28"),
        tuple("x509-issuer", "CN=lm-68ab71fbd8f5", "CN=LM-68AB71FBD8F5"),
        tuple("x509-serial", "0e:97:88:1c:6c:a1:37:96:42:03:bc:45:42:24:75:6c", "0e:97:88:1c:6c:a1:37:96:42:03:bc:45:42:24:75:6c"));
    JsonNode export = json.readTree(cora.getForObject("/api/operations/" + apt1 + "/stix", byte[].class));
    assertThat(export.path("objects").findValuesAsText("pattern")).as("both certificate indicators, whole").contains(
        "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
        "[x509-certificate:issuer = 'CN=LM-68AB71FBD8F5' AND x509-certificate:serial_number = '0e:97:88:1c:6c:a1:37:96:42:03:bc:45:42:24:75:6c']");

    String email = reference(post(vera, fresh(resource("/stix/samples/malicious-email-indicator-with-attachment.json"))));
    Map<String, Object> operation = vera.getForObject("/api/operations/" + email, Map.class);
    assertThat((List<Map<String, Object>>) operation.get("indicators"))
        .extracting(i -> i.get("type"), i -> i.get("patternType"), i -> i.get("value"), i -> i.get("name"), i -> i.get("stixId")).containsExactly(
            tuple("pattern", "stix", "[email-message:subject MATCHES '^[IMPORTANT] Please Review Before']", "Malicious E-mail",
                "indicator--8cf9236f-1b96-493d-98be-0c1c1e8b62d7"),
            tuple("pattern", "stix", "[email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
                "Malicious Email Attachment", "indicator--2e17f6fe-3a4d-438a-911a-e509ba1b9933"));
    Document page = Jsoup.parse(PageClient.signIn(port, "vera").get("/operations/" + email).body());
    assertThat(page.select("#indicators table.patterns td").eachText()).as("the vendor reads its own patterns").contains(
        "[email-message:subject MATCHES '^[IMPORTANT] Please Review Before']", "Malicious E-mail",
        "[email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']", "Malicious Email Attachment");
    assertThat(variable(email, JointTakedownProcess.INDICATOR_SUMMARY)).as("triage lists them")
        .contains("- pattern (stix) `[email-message:subject MATCHES '^[IMPORTANT] Please Review Before']` — Malicious E\\-mail",
            "Pattern indicators are kept whole");
  }

  @Test
  void whatIsNotTakenIsReturnedToTheVendorAndShownToTheCoordinator() throws IOException {
    ResponseEntity<Map> answer = post(vera, fresh(resource("/stix/bundles/holdout-patterns-and-leftovers.json")));
    String reference = reference(answer);
    List<Map<String, Object>> warnings = (List<Map<String, Object>>) answer.getBody().get("warnings");

    assertThat(warnings).extracting(w -> w.get("objectId"), w -> w.get("pointer"), w -> w.get("property")).containsExactly(
        tuple("indicator--7e27099a-f3d0-5a03-91e0-e1d756f5c080", "/objects/9/pattern", "pattern"),
        tuple("report--62eb8fc6-2f68-59ba-96c9-13ba3e9da24e", "/objects/1/object_refs/11", "object_refs"),
        tuple("indicator--06ccfe41-c75a-54fc-b6c1-19d85b007663", "/objects/10/pattern", "pattern"),
        tuple("x-acme-sinkhole--5313393d-fe0d-57ef-916c-cad2788aab35", "/objects/12/type", "type"),
        tuple("relationship--51ff5271-e029-5043-887b-78c12df1cb1c", "/objects/13/target_ref", "target_ref"),
        tuple("note--eb08a01c-1ab7-5201-9fed-298025133c09", "/objects/20/type", "type"));
    assertThat(warnings.get(0).get("message")).asString().isEqualTo("cannot be parsed at offset 33: expected AND, OR or ']' to close the"
        + " observation expression opened at offset 0, found the end of the pattern, so the indicator was not taken: correct its pattern"
        + " and send it again");
    assertThat(warnings.get(3).get("message")).asString().startsWith("is 'x-acme-sinkhole', a type Takedown does not know, so the object was not taken");
    assertThat(warnings.get(4).get("message")).asString().isEqualTo("refers to malware--3824a56c-7e99-58be-a40a-853534bbe867, which is not in"
        + " the bundle, so the relationship was not taken");
    assertThat(warnings).allSatisfy(w -> assertThat(w).doesNotContainKey("taken"));

    // The coordinator reads them on the page and in triage; the typed values and patterns are all there.
    String html = PageClient.signIn(port, "cora").get("/operations/" + reference).body();
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/nothing-vanishes-page.html"), html); // to look at, with src/main/resources/static
    Document page = Jsoup.parse(html);
    assertThat(page.select("#not-taken tbody tr")).hasSize(6);
    assertThat(page.select("#not-taken").text()).contains("indicator--7e27099a-f3d0-5a03-91e0-e1d756f5c080", "/objects/9/pattern",
        "pattern: cannot be parsed at offset 33", "x-acme-sinkhole", "in part");
    assertThat(page.select("#indicators table.patterns tbody tr")).hasSize(7);
    assertThat(page.select("#indicators table.patterns td:first-child").eachText())
        .containsExactly("snort", "yara", "stix", "stix", "stix", "stix", "sigma");
    assertThat(page.select("#indicators code.pattern").eachText()).contains(
        "alert tcp $HOME_NET any -> 198.51.100.0/24 443 (msg:\"SIMJack panel beacon\"; content:\"|16 03 01|\"; sid:1000001; rev:2;)");
    assertThat(page.select("#indicators").text()).contains("asn AS64496", "asn AS64497", "email-addr billing@mailer.example.net",
        "ipv4-addr 203.0.113.50", "x509-serial 01:02:03", "x509-issuer CN=panel ca, O=simjack");
    String context = variable(reference, TipService.STIX_CONTEXT);
    assertThat(context).contains("Patterns that do not parse (not taken; the vendor was told)", "Not taken, or taken in part",
        "x\\-acme\\-sinkhole");
    String summary = variable(reference, JointTakedownProcess.INDICATOR_SUMMARY);
    assertThat(summary).contains("- asn `AS64496`", "- pattern (snort) `alert tcp", "- pattern (yara) `rule simjack_panel_kit {",
        "- and 2 more pattern indicators").hasSizeLessThan(4_000);

    // And the vendor reads what was not taken of its own tip in the API; a reader of the community does not.
    Map<String, Object> asVendor = vera.getForObject("/api/operations/" + reference, Map.class);
    assertThat((List<?>) asVendor.get("intakeWarnings")).hasSize(6);
  }

  @Test
  void theBriefingListsThePatternIndicatorsVerbatim() throws IOException {
    String reference = reference(post(vera, fresh(resource("/stix/bundles/holdout-patterns-and-leftovers.json"))));
    driver.runJobs(reference);
    driver.complete("cora", reference, "Task_TriageTip", vars("triageDecision", "OPEN", "countries", list("NL")));
    driver.complete("lena", reference, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate", "releaseTlp", "TLP:AMBER"));
    driver.runJobs(reference);

    byte[] docx = documents.findFirstByOperationReferenceAndKindAndCountryOrderByVersionDesc(reference, DocumentKind.OPERATION_BRIEFING, null)
        .orElseThrow().getContent();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/nothing-vanishes-briefing.docx"), docx); // to look at: libreoffice --headless --convert-to pdf
    try (XWPFWordExtractor text = new XWPFWordExtractor(new XWPFDocument(new ByteArrayInputStream(docx)))) {
      assertThat(text.getText()).contains("asn", "AS64496", "x509-serial", "01:02:03", "pattern (snort)",
          "alert tcp $HOME_NET any -> 198.51.100.0/24 443 (msg:\"SIMJack panel beacon\"; content:\"|16 03 01|\"; sid:1000001; rev:2;)"
              + " — named “Panel beacon (Snort)”",
          "pattern (stix)", "[file:name = 'invoice_4471.pdf.exe'] — named “Dropper file name”", "pattern (sigma)");
    }
  }

  @Test
  void anEmptyBundleOrOneWithNothingToActOnIsRefusedAndNothingIsStored() {
    long[] before = counts();
    String empty = "{\"type\": \"bundle\", \"id\": \"bundle--" + UUID.randomUUID() + "\", \"objects\": []}";
    String noObjects = "{\"type\": \"bundle\", \"id\": \"bundle--" + UUID.randomUUID() + "\"}";
    String contextOnly = StixTipApiTest.bundle(UUID.randomUUID(), """
        {"type": "malware", "spec_version": "2.1", "id": "malware--%s", "created": "2026-01-01T00:00:00Z",
         "modified": "2026-01-01T00:00:00Z", "name": "QakBot", "is_family": true}""".formatted(UUID.randomUUID()));
    String brokenOnly = StixTipApiTest.bundle(UUID.randomUUID(), StixTipApiTest.indicator(StixTipApiTest.ids(7), "192.0.2.71'"));

    for (String body : List.of(empty, noObjects)) {
      ResponseEntity<Map> refused = post(vera, body.getBytes(StandardCharsets.UTF_8));
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody().get("title")).isEqualTo("Nothing to act on in the STIX bundle");
      assertThat((List<Map<String, Object>>) refused.getBody().get("errors")).singleElement().satisfies(e -> {
        assertThat(e.get("pointer")).isEqualTo("/objects");
        assertThat(e.get("message")).asString().startsWith("is empty: a tip needs at least one indicator or cyber-observable to act on");
      });
    }
    ResponseEntity<Map> context = post(vera, contextOnly.getBytes(StandardCharsets.UTF_8));
    assertThat(context.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(context.getBody().get("detail")).asString().contains("hold no indicator or cyber-observable of which anything could be taken",
        "context such as malware or a report alone opens no operation");
    ResponseEntity<Map> broken = post(vera, brokenOnly.getBytes(StandardCharsets.UTF_8));
    assertThat(broken.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<Map<String, Object>>) broken.getBody().get("errors")).extracting(e -> e.get("pointer"))
        .as("and why each object was not taken").containsExactly("/objects", "/objects/0/pattern");

    ResponseEntity<Map> simple = vera.postForEntity("/api/tips", Map.of("title", "Nothing here", "tlp", "TLP:GREEN", "countries", List.of("DE")),
        Map.class);
    assertThat(simple.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(simple.getBody().toString()).contains("indicators", "name at least one indicator to act on");
    ResponseEntity<Map> emptyList = vera.postForEntity("/api/tips", Map.of("title", "Nothing here", "tlp", "TLP:GREEN", "countries",
        List.of("DE"), "indicators", List.of()), Map.class);
    assertThat(emptyList.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    assertThat(counts()).as("operations, tips, bundles, indicators, warnings, processes").containsExactly(before);
  }

  @Test
  void aSimpleTipTakesTheNewTypes() {
    ResponseEntity<Map> created = vera.postForEntity("/api/tips", Map.of("title", "Certificates and networks", "tlp", "TLP:AMBER",
        "countries", List.of("DE"), "indicators", List.of(
            Map.of("type", "x509-serial", "value", "4C:0B:1D:19:74:86:A7:66:B4:1A:BF:40:27:21:76:28"),
            Map.of("type", "x509-issuer", "value", "CN=WEBMAIL"),
            Map.of("type", "asn", "value", "as 64496"),
            Map.of("type", "file-sha512", "value", "AB".repeat(64)))), Map.class);

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    List<Map<String, Object>> indicators = (List<Map<String, Object>>) cora.getForObject("/api/operations/" + reference(created), Map.class)
        .get("indicators");
    assertThat(indicators).extracting(i -> i.get("type") + " " + i.get("normalizedValue")).containsExactly(
        "x509-serial 4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28", "x509-issuer CN=webmail", "asn AS64496", "file-sha512 " + "ab".repeat(64));

    ResponseEntity<Map> refused = vera.postForEntity("/api/tips", Map.of("title", "t", "tlp", "TLP:AMBER", "countries", List.of("DE"),
        "indicators", List.of(Map.of("type", "asn", "value", "AS-FOO"), Map.of("type", "pattern", "value", "[file:name = 'x']"))), Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().toString()).contains("indicators[0].value", "must be an autonomous system number such as AS64496",
        "indicators[1].type", "'pattern' is not supported; use one of ipv4-addr, ipv6-addr, domain-name, url, email-addr, file-md5,"
            + " file-sha1, file-sha256, file-sha512, x509-serial, x509-issuer, asn");
  }

  @Test
  void aMergeCarriesThePatternIndicatorsAndWarnings() throws IOException {
    String into = driver.submit(ProcessDriver.tip("TLP:AMBER", list("DE")));
    String merged = reference(post(vera, fresh(resource("/stix/bundles/holdout-patterns-and-leftovers.json"))));
    driver.runJobs(merged);
    driver.complete("cora", merged, "Task_TriageTip", vars("triageDecision", "MERGE", "mergeInto", into));
    driver.runJobs(merged);

    Map<String, Object> target = cora.getForObject("/api/operations/" + into, Map.class);
    assertThat((List<Map<String, Object>>) target.get("indicators")).filteredOn(i -> "pattern".equals(i.get("type"))).hasSize(7);
    assertThat((List<?>) target.get("intakeWarnings")).hasSize(6);
    JsonNode export = json.readTree(cora.getForObject("/api/operations/" + into + "/stix", byte[].class));
    assertThat(export.path("objects").findValuesAsText("pattern_type")).contains("snort", "yara", "sigma");
  }

  private long[] counts() {
    return new long[] {
        jdbc.queryForObject("select count(*) from operation", Long.class),
        jdbc.queryForObject("select count(*) from tip", Long.class),
        jdbc.queryForObject("select count(*) from stix_bundle", Long.class),
        jdbc.queryForObject("select count(*) from indicator", Long.class),
        jdbc.queryForObject("select count(*) from intake_warning", Long.class),
        history.createHistoricProcessInstanceQuery().processDefinitionKey(JointTakedownProcess.KEY).count()};
  }

  private String variable(String reference, String name) {
    return (String) runtime.getVariable(driver.process(reference).getId(), name);
  }

  private static String reference(ResponseEntity<Map> answer) {
    assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.CREATED);
    return (String) answer.getBody().get("reference");
  }

  /** The bundle under a bundle id of its own, so that it opens an operation of its own (not a re-post of another test's). */
  private byte[] fresh(byte[] bundle) throws IOException {
    ObjectNode root = (ObjectNode) json.readTree(bundle);
    root.put("id", "bundle--" + UUID.randomUUID());
    return json.writeValueAsBytes(root);
  }

  private ResponseEntity<Map> post(TestRestTemplate as, byte[] body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(STIX_21);
    return as.postForEntity("/api/tips", new HttpEntity<>(body, headers), Map.class);
  }

  private static byte[] resource(String path) {
    try (InputStream in = NothingVanishesTest.class.getResourceAsStream(path)) {
      return in.readAllBytes();
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("test resource " + path + " is missing", e);
    }
  }
}
