package org.takedown.tip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.TakedownTest;
import org.takedown.dossier.PageSession;
import org.takedown.operation.JointTakedownProcess;
import org.takedown.operation.OperationRepository;

/**
 * Malformed and hostile STIX bundles through HTTP, as a careless or malicious platform sends them:
 * each refused one answers its status and names the JSON pointer and property, and leaves nothing
 * stored and no process started. Hostile text that is valid STIX is accepted, stored unchanged, and
 * escaped where it is shown.
 */
@TakedownTest
class StixCorpusTest {

  private static final String STIX = "application/stix+json;version=2.1";
  private static final String T = "2026-01-01T00:00:00.000Z";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired OperationRepository operations;
  @Autowired TipRepository tips;
  @Autowired StixBundleRepository bundles;
  @Autowired IndicatorRepository indicators;
  @Autowired HistoryService history;
  @Autowired ObjectMapper json;

  /** One input: the body (made when the case runs), its expected status, and the pointer and property its first error names. */
  record Case(String name, Supplier<InputStream> body, int status, String pointer, String property) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> corpus() {
    String ind = indicator(id(1), "198.51.100.1");
    return Stream.of(
        // Not readable as JSON or as UTF-8: 400
        refused("truncated JSON", bundle(ind).substring(0, 150), 400, null, null),
        refused("empty body", "", 400, null, null),
        refused("whitespace only", "   \n ", 400, null, null),
        refused("not JSON at all", "this is not a bundle", 400, null, null),
        refused("trailing data after the bundle", bundle(ind) + " {}", 400, null, null),
        refused("a key given twice in one object", bundle(ind.replace("\"pattern_type\"", "\"name\": \"a\", \"name\"")), 400, null, null),
        refused("a raw control character in a string", bundle(ind.replace("\"stix\"", "\"st\u0001ix\"")), 400, null, null),
        bytes("invalid UTF-8 bytes in a name", bundle(ind.replace("\"stix\"", "\"stix\", \"name\": \"caf@\"")), (byte) 0xC3, (byte) 0x28, 400),
        bytes("an overlong UTF-8 encoding", bundle(ind.replace("\"stix\"", "\"stix\", \"name\": \"@\"")), (byte) 0xC0, (byte) 0xAF, 400),
        bytes("a lone UTF-8 continuation byte", bundle(ind.replace("\"stix\"", "\"stix\", \"name\": \"x@\"")), (byte) 0x80, (byte) 0x41, 400),

        // Nothing to act on: 400, and why each object was not taken
        refused("a bundle without objects", "{\"type\": \"bundle\", \"id\": \"bundle--" + UUID.randomUUID() + "\", \"objects\": []}", 400,
            "/objects", "objects"),
        refused("a bundle of context only", bundle("{\"type\": \"malware\", \"spec_version\": \"2.1\", \"id\": \"malware--" + id(5)
            + "\", \"created\": \"" + T + "\", \"modified\": \"" + T + "\", \"name\": \"Ivy\", \"is_family\": true}"), 400, "/objects", "objects"),
        refused("a bundle whose only pattern does not parse", bundle(ind.replace("198.51.100.1']", "198.51.100.1'")), 400, "/objects", "objects"),
        refused("a bundle of an unknown type only", bundle("{\"type\": \"x-acme-c2\", \"id\": \"x-acme-c2--" + id(5) + "\", \"ip\": \"198.51.100.1\"}"),
            400, "/objects", "objects"),

        // Too big or too deep: 413
        refused("10,000-level nesting", "{\"type\":\"bundle\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}", 413, "", "depth"),
        refused("65 levels inside an indicator", bundle(ind.replace("\"stix\"", "\"stix\", \"x_deep\": " + "[".repeat(62) + "]".repeat(62))),
            413, "", "depth"),
        refused("more objects than the limit (250,000)", bundle(String.join(",", Collections.nCopies(250_001, "{}"))), 413, null, null),
        Arguments.of(new Case("a 65 MB body (the limit is 64 MB), streamed without a length", StixCorpusTest::sixtyFiveMegabytes, 413, null, null)),

        // Not STIX 2.1 or 2.0: 422 naming the version
        refused("unknown spec_version on an object", bundle(ind.replace("\"2.1\"", "\"2.2\"")), 422, "/objects/0/spec_version", "spec_version"),
        refused("spec_version 3.0 on the bundle", bundle(ind).replaceFirst("\\{\"type\": \"bundle\"", "{\"type\": \"bundle\", \"spec_version\": \"3.0\""),
            422, "/spec_version", "spec_version"),
        refused("spec_version as a number", bundle(ind.replace("\"2.1\"", "2.1")), 422, "/objects/0/spec_version", "spec_version"),

        // Invalid STIX: 422 with pointer and property
        refused("bundle type is not bundle", bundle(ind).replaceFirst("\"bundle\"", "\"report\""), 422, "/type", "type"),
        refused("bundle id is not bundle--uuid", bundle(ind).replaceFirst("bundle--[0-9a-f-]+", "bundle--42"), 422, "/id", "id"),
        refused("objects is not a list", "{\"type\": \"bundle\", \"id\": \"bundle--" + UUID.randomUUID() + "\", \"objects\": {}}", 422,
            "/objects", "objects"),
        refused("an object that is a string", bundle("\"indicator\""), 422, "/objects/0", "type"),
        refused("an object without type", bundle(ind.replace("\"type\": \"indicator\", ", "")), 422, "/objects/0/type", "type"),
        refused("a type in upper case", bundle(ind.replace("\"type\": \"indicator\"", "\"type\": \"Indicator\"")), 422, "/objects/0/type", "type"),
        refused("a wrong id format", bundle(ind.replace("indicator--" + id(1), "indicator-x")), 422, "/objects/0/id", "id"),
        refused("an id whose uuid is not hex", bundle(ind.replace(id(1), "zzzzzzzz-2222-4333-8444-000000000001")), 422, "/objects/0/id", "id"),
        refused("an id of another type", bundle(ind.replace("indicator--" + id(1), "malware--" + id(1))), 422, "/objects/0/id", "id"),
        refused("an object without id", bundle(ind.replace("\"id\": \"indicator--" + id(1) + "\", ", "")), 422, "/objects/0/id", "id"),
        refused("duplicate ids", bundle(ind + "," + ind), 422, "/objects/1/id", "id"),
        refused("a bad timestamp (30 February)", bundle(ind.replace("\"valid_from\": \"" + T, "\"valid_from\": \"2026-02-30T00:00:00.000Z")),
            422, "/objects/0/valid_from", "valid_from"),
        refused("a timestamp with an offset instead of Z", bundle(ind.replace("\"created\": \"" + T, "\"created\": \"2026-01-01T01:00:00+01:00")),
            422, "/objects/0/created", "created"),
        refused("a timestamp that is a number", bundle(ind.replace("\"modified\": \"" + T + "\"", "\"modified\": 1767225600")),
            422, "/objects/0/modified", "modified"),
        refused("a date without time", bundle(ind.replace("\"valid_from\": \"" + T, "\"valid_from\": \"2026-01-01")), 422,
            "/objects/0/valid_from", "valid_from"),
        refused("a missing required property (pattern)", bundle(ind.replace("\"pattern\": \"[ipv4-addr:value = '198.51.100.1']\", ", "")),
            422, "/objects/0/pattern", "pattern"),
        refused("a missing pattern_type", bundle(ind.replace("\"pattern_type\": \"stix\", ", "")), 422, "/objects/0/pattern_type", "pattern_type"),
        refused("a missing created", bundle(ind.replace("\"created\": \"" + T + "\", ", "")), 422, "/objects/0/created", "created"),
        refused("a pattern that is not text", bundle(ind.replace("\"[ipv4-addr:value = '198.51.100.1']\"", "{\"x\": 1}")), 422,
            "/objects/0/pattern", "pattern"),
        refused("a name that is not text", bundle(ind.replace("\"stix\"", "\"stix\", \"name\": 42")), 422, "/objects/0/name", "name"),
        refused("a report without published", bundle(report(id(2), id(1)).replace("\"published\": \"" + T + "\", ", "") + "," + ind), 422,
            "/objects/0/published", "published"),
        refused("a relationship from something that is no id", bundle(ind + "," + relationship(id(3), "<script>", "indicator--" + id(1))), 422,
            "/objects/1/source_ref", "source_ref"),
        refused("a relationship without relationship_type", bundle(ind + "," + relationship(id(3), "indicator--" + id(1), "indicator--" + id(1))
            .replace("\"relationship_type\": \"indicates\", ", "")), 422, "/objects/1/relationship_type", "relationship_type"),
        refused("object_marking_refs naming an indicator", bundle(ind.replace("\"stix\"", "\"stix\", \"object_marking_refs\": [\"indicator--" + id(1)
            + "\"]")), 422, "/objects/0/object_marking_refs/0", "object_marking_refs"),
        refused("malware with is_family as text", bundle("{\"type\": \"malware\", \"spec_version\": \"2.1\", \"id\": \"malware--" + id(5)
            + "\", \"created\": \"" + T + "\", \"modified\": \"" + T + "\", \"name\": \"Ivy\", \"is_family\": \"yes\"}"), 422,
            "/objects/0/is_family", "is_family"),
        refused("an identity without name", bundle("{\"type\": \"identity\", \"spec_version\": \"2.1\", \"id\": \"identity--" + id(6)
            + "\", \"created\": \"" + T + "\", \"modified\": \"" + T + "\"}"), 422, "/objects/0/name", "name"),
        refused("a location without country, region or coordinates", bundle("{\"type\": \"location\", \"spec_version\": \"2.1\", \"id\": \"location--"
            + id(7) + "\", \"created\": \"" + T + "\", \"modified\": \"" + T + "\", \"name\": \"<b>Atlantis</b>\"}"), 422, "/objects/0/country",
            "country"),
        refused("a STIX 2.0 indicator without labels", ("{\"type\": \"bundle\", \"id\": \"bundle--" + UUID.randomUUID()
            + "\", \"spec_version\": \"2.0\", \"objects\": [" + ind.replace("\"spec_version\": \"2.1\", ", "") + "]}"), 422, "/objects/0/labels",
            "labels"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void aRefusedInputAnswersItsStatusAndPointerAndStoresNothing(Case c) throws Exception {
    long[] before = counts();

    HttpResponse<String> response = post(c.body().get());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    Map<?, ?> problem = json.readValue(response.body(), Map.class);
    assertThat((String) problem.get("detail")).containsIgnoringCase("nothing was stored").doesNotContain("Exception", "at org.");
    if (c.pointer() != null) {
      List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
      assertThat(errors).as("the first error names the object's pointer and property").first().satisfies(e -> {
        assertThat(e.get("pointer")).isEqualTo(c.pointer());
        assertThat(e.get("property")).isEqualTo(c.property());
      });
    }
    assertThat(counts()).as("operations, tips, stix bundles, indicators, processes").containsExactly(before);
  }

  @Test
  void hostileTextAndAnUnbalancedPatternAreAcceptedStoredUnchangedAndEscapedOnThePage() throws Exception {
    String title = "<script>alert('x')</script> Panel & \"kit\" =HYPERLINK(\"http://evil\")";
    String description = "<img src=x onerror=alert(1)> '; DROP TABLE operation; --";
    String body = bundle(report(id(2), id(1)).replace("\"name\": \"r\"", "\"name\": " + json.writeValueAsString(title))
        .replace("\"published\"", "\"description\": " + json.writeValueAsString(description) + ", \"published\"")
        + "," + indicator(id(1), "198.51.100.7").replace("\"stix\"", "\"stix\", \"name\": \"<iframe src=//evil>\"")
        + "," + indicator(id(8), "198.51.100.8").replace("[ipv4-addr:value = '198.51.100.8']", "[ipv4-addr:value = '198.51.100.8'"));
    long[] before = counts();

    HttpResponse<String> response = post(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String reference = (String) json.readValue(response.body(), Map.class).get("reference");
    assertThat(operations.findAll()).filteredOn(o -> o.getReference().equals(reference)).singleElement().satisfies(o -> {
      assertThat(o.getTitle()).as("stored unchanged").isEqualTo(title);
      assertThat(o.getSummary()).isEqualTo(description);
    });
    assertThat(indicators.findByOperationReferenceOrderById(reference)).extracting(Indicator::getNormalizedValue)
        .as("the unbalanced pattern gives no value, and does not stop the rest").containsExactly("198.51.100.7");
    assertThat(new String(bundles.findByOperationReferenceOrderById(reference).get(0).getContent(), StandardCharsets.UTF_8))
        .as("the bundle is kept verbatim, the broken pattern with it").isEqualTo(body);
    long[] after = counts();
    assertThat(after[0] - before[0]).as("one operation").isEqualTo(1);
    assertThat(after[4] - before[4]).as("one process").isEqualTo(1);

    String page = PageSession.signIn(port, "cora").get("/operations/" + reference).body();
    assertThat(page).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Panel &amp; &quot;kit&quot;")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<script>alert", "<img src=x");
  }

  @Test
  void referencesToObjectsNotInTheBundleAreTakenWithAWarningAndWhatHangsOnThemIsNot() throws Exception {
    String body = bundle(report(id(2), id(9)) + "," + indicator(id(1), "198.51.100.9")
        + "," + relationship(id(3), "indicator--" + id(1), "malware--" + id(9))
        + ",{\"type\": \"sighting\", \"spec_version\": \"2.1\", \"id\": \"sighting--" + id(4) + "\", \"created\": \"" + T
        + "\", \"modified\": \"" + T + "\", \"sighting_of_ref\": \"indicator--" + id(9) + "\"}");

    HttpResponse<String> response = post(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    List<Map<String, Object>> warnings = (List<Map<String, Object>>) json.readValue(response.body(), Map.class).get("warnings");
    assertThat(warnings).extracting(w -> w.get("pointer"), w -> w.get("message")).containsExactly(
        org.assertj.core.groups.Tuple.tuple("/objects/0/object_refs/0", "refers to indicator--" + id(9) + ", which is not in the bundle:"
            + " nothing of it was taken"),
        org.assertj.core.groups.Tuple.tuple("/objects/2/target_ref", "refers to malware--" + id(9) + ", which is not in the bundle, so the"
            + " relationship was not taken"),
        org.assertj.core.groups.Tuple.tuple("/objects/3/sighting_of_ref", "refers to indicator--" + id(9) + ", which is not in the bundle,"
            + " so the sighting was not taken"));
    String reference = (String) json.readValue(response.body(), Map.class).get("reference");
    assertThat(indicators.findByOperationReferenceOrderById(reference)).extracting(Indicator::getNormalizedValue).containsExactly("198.51.100.9");
  }

  private long[] counts() {
    return new long[] {operations.count(), tips.count(), bundles.count(), indicators.count(),
        history.createHistoricProcessInstanceQuery().processDefinitionKey(JointTakedownProcess.KEY).count()};
  }

  private HttpResponse<String> post(InputStream body) throws Exception {
    // Streamed, without a declared length, as a platform pushing a large bundle would.
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tips"))
        .header("Content-Type", STIX).header("Authorization", "Basic " + Base64.getEncoder().encodeToString("vera:demo".getBytes()))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A bundle's start and then 50 MB of spaces, generated while it is sent. */
  private static InputStream sixtyFiveMegabytes() {
    byte[] chunk = new byte[1024 * 1024];
    java.util.Arrays.fill(chunk, (byte) ' ');
    List<InputStream> parts = new java.util.ArrayList<>();
    parts.add(new ByteArrayInputStream(("{\"type\": \"bundle\", \"id\": \"bundle--" + UUID.randomUUID() + "\", \"objects\": [").getBytes()));
    for (int i = 0; i < 65; i++) {
      parts.add(new ByteArrayInputStream(chunk));
    }
    return new SequenceInputStream(Collections.enumeration(parts));
  }

  private static Arguments refused(String name, String body, int status, String pointer, String property) {
    return Arguments.of(new Case(name, () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), status, pointer, property));
  }

  /** The text with its '@' replaced by two raw bytes that are not UTF-8. */
  private static Arguments bytes(String name, String body, byte first, byte second, int status) {
    byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
    int at = body.indexOf('@');
    byte[] out = new byte[utf8.length + 1];
    System.arraycopy(utf8, 0, out, 0, at);
    out[at] = first;
    out[at + 1] = second;
    System.arraycopy(utf8, at + 1, out, at + 2, utf8.length - at - 1);
    return Arguments.of(new Case(name, () -> new ByteArrayInputStream(out), status, null, null));
  }

  static String bundle(String objects) {
    return "{\"type\": \"bundle\", \"id\": \"bundle--" + UUID.randomUUID() + "\", \"objects\": [" + objects + "]}";
  }

  static String indicator(String id, String ip) {
    return "{\"type\": \"indicator\", \"spec_version\": \"2.1\", \"id\": \"indicator--" + id + "\", \"created\": \"" + T + "\", \"modified\": \""
        + T + "\", \"pattern\": \"[ipv4-addr:value = '" + ip + "']\", \"pattern_type\": \"stix\", \"valid_from\": \"" + T + "\"}";
  }

  static String report(String id, String ref) {
    return "{\"type\": \"report\", \"spec_version\": \"2.1\", \"id\": \"report--" + id + "\", \"created\": \"" + T + "\", \"modified\": \"" + T
        + "\", \"name\": \"r\", \"published\": \"" + T + "\", \"object_refs\": [\"indicator--" + ref + "\"]}";
  }

  static String relationship(String id, String source, String target) {
    return "{\"type\": \"relationship\", \"spec_version\": \"2.1\", \"id\": \"relationship--" + id + "\", \"created\": \"" + T
        + "\", \"modified\": \"" + T + "\", \"relationship_type\": \"indicates\", \"source_ref\": \"" + source + "\", \"target_ref\": \""
        + target + "\"}";
  }

  static String id(int n) {
    return "5a1e2b3c-2222-4333-8444-00000000000" + n;
  }
}
