package org.takedown.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.ProcessDriver;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;
import org.takedown.operation.JointTakedownProcess;

/** The TAXII 2.1 server through HTTP, as a vendor's TAXII client and a reader's client use it. */
@TakedownTest
class TaxiiApiTest {

  static final String TAXII = "application/taxii+json;version=2.1";
  static final String TIPS = "/taxii2/api/collections/" + InboundCollection.ID + "/";
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void users() {
    driver.user("victor", "vendors");
    driver.officer("FR");
  }

  @Test
  void discoveryApiRootAndCollectionsPerRole() throws Exception {
    HttpResponse<String> discovery = get("/taxii2/", RawHttp.basic("vera", "demo"));
    assertThat(discovery.statusCode()).isEqualTo(200);
    assertThat(discovery.headers().firstValue("Content-Type")).hasValue(TAXII);
    String root = "http://localhost:" + port + "/taxii2/api/";
    assertThat(json(discovery).path("api_roots").get(0).asText()).isEqualTo(root);
    assertThat(json(get("/taxii2/api/", RawHttp.basic("vera", "demo"))).path("versions").get(0).asText()).isEqualTo(TAXII);

    assertThat(collections("vera")).extracting(c -> c.path("alias").asText() + " read=" + c.path("can_read") + " write=" + c.path("can_write"))
        .contains("tips read=false write=true");
    assertThat(collections("officer-fr")).extracting(c -> c.path("alias").asText()).doesNotContain("tips");
    assertThat(collections("cora")).extracting(c -> c.path("alias").asText()).contains("tips");
  }

  @Test
  void anAddBecomesATipItsStatusNamesTheOperationAndTheSameAddAgainStartsNothing() throws Exception {
    String apiKey = apiKey("vera");
    String envelope = envelope("indicators-for-C2-with-COA.json");
    long processes = processes();

    HttpResponse<String> added = post(TIPS + "objects/", TAXII, envelope, apiKey);

    assertThat(added.statusCode()).isEqualTo(202);
    assertThat(added.headers().firstValue("Content-Type")).hasValue(TAXII);
    JsonNode status = json(added);
    for (int poll = 0; poll < 5 && !status.path("status").asText().equals("complete"); poll++) {
      status = json(get("/taxii2/api/status/" + status.path("id").asText() + "/", apiKey));
    }
    JsonNode polled = json(get("/taxii2/api/status/" + status.path("id").asText() + "/", apiKey));
    assertThat(polled.path("status").asText()).isEqualTo("complete");
    assertThat(polled.path("total_count").asInt()).isEqualTo(JSON.readTree(envelope).path("objects").size()).isEqualTo(polled.path("success_count").asInt());
    String message = polled.path("successes").get(0).path("message").asText();
    assertThat(message).startsWith("Received: opened operation OP-");
    String reference = message.substring(message.indexOf("OP-"));
    assertThat(processes()).isEqualTo(processes + 1);
    assertThat(jdbc.queryForObject("select vendor from operation where reference = ?", String.class, reference))
        .as("vera's organisation").isEqualTo("aegis");
    assertThat(jdbc.queryForList("select i.normalized_value from indicator i join operation o on o.id = i.operation_id where o.reference = ?",
        String.class, reference)).contains("10.0.0.0");
    assertThat(get("/taxii2/api/status/" + polled.path("id").asText() + "/", RawHttp.basic("victor", "demo")).statusCode())
        .as("another vendor's status").isEqualTo(404);

    JsonNode again = json(post(TIPS + "objects/", TAXII, envelope, apiKey));

    assertThat(again.path("successes").get(0).path("message").asText()).contains(reference, "nothing new was stored");
    assertThat(processes()).as("the same add starts no second process").isEqualTo(processes + 1);
  }

  /**
   * What is not taken of an add is a failure of its status, with the object's id and why (as POST /api/tips answers it in
   * warnings); what is taken in part is a success whose message says what was left out. An add with nothing to act on
   * is refused and stores nothing.
   */
  @Test
  void whatIsNotTakenIsAFailureOfTheStatusWithWhy() throws Exception {
    String apiKey = apiKey("vera");
    String objects = """
        {"objects": [
          {"type": "indicator", "spec_version": "2.1", "id": "indicator--%1$s", "created": "2026-01-01T00:00:00.000Z",
           "modified": "2026-01-01T00:00:00.000Z", "pattern": "[ipv4-addr:value = '198.51.100.61'] OR [domain-name:value = 'not a domain']",
           "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z"},
          {"type": "indicator", "spec_version": "2.1", "id": "indicator--%2$s", "created": "2026-01-01T00:00:00.000Z",
           "modified": "2026-01-01T00:00:00.000Z", "pattern": "[ipv4-addr:value = '198.51.100.62'", "pattern_type": "stix",
           "valid_from": "2026-01-01T00:00:00Z"},
          {"type": "x-acme-sinkhole", "spec_version": "2.1", "id": "x-acme-sinkhole--%3$s", "domain": "sinkhole.example"}
        ]}""".formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    JsonNode sent = JSON.readTree(objects);

    JsonNode status = json(post(TIPS + "objects/", TAXII, objects, apiKey));

    assertThat(status.path("total_count").asInt()).isEqualTo(3);
    assertThat(status.path("success_count").asInt()).isEqualTo(1);
    assertThat(status.path("failure_count").asInt()).isEqualTo(2);
    JsonNode success = status.path("successes").get(0);
    assertThat(success.path("id").asText()).isEqualTo(sent.path("objects").get(0).path("id").asText());
    assertThat(success.path("message").asText()).startsWith("Received: opened operation OP-")
        .contains("; but pattern (/objects/0/pattern) 'not a domain' in domain-name:value was left out");
    assertThat(status.path("failures")).extracting(f -> f.path("id").asText()).containsExactly(
        sent.path("objects").get(1).path("id").asText(), sent.path("objects").get(2).path("id").asText());
    assertThat(status.path("failures").get(0).path("message").asText()).startsWith("Not taken: pattern (/objects/1/pattern) cannot be"
        + " parsed at offset").contains("the rest of the add opened operation OP-");
    assertThat(status.path("failures").get(1).path("version").isMissingNode()).as("no version: the object has no modified").isTrue();
    assertThat(status.path("failures").get(1).path("message").asText()).startsWith("Not taken: type (/objects/2/type) is 'x-acme-sinkhole',"
        + " a type Takedown does not know");
    JsonNode polled = json(get("/taxii2/api/status/" + status.path("id").asText() + "/", apiKey));
    assertThat(polled.path("failures")).isEqualTo(status.path("failures"));

    long before = processes();
    HttpResponse<String> empty = post(TIPS + "objects/", TAXII, "{\"objects\": []}", apiKey);
    assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
    assertThat(json(empty).path("title").asText()).isEqualTo("Nothing to act on");
    assertThat(json(empty).path("description").asText()).contains("nothing was stored", "is empty");
    assertThat(processes()).isEqualTo(before);
  }

  @Test
  void anOperationsCollectionPagesWithNextAndFiltersByAddedAfterAndTypeForItsReadersOnly() throws Exception {
    String vera = RawHttp.basic("vera", "demo");
    String reference = addedTip("infrastructure.json");
    String collection = "/taxii2/api/collections/" + jdbcCollectionId(reference) + "/";
    assertThat(json(get(collection, vera)).path("alias").asText()).isEqualTo(reference);

    HttpResponse<String> whole = get(collection + "objects/", vera);
    List<String> all = ids(json(whole));
    assertThat(all).anyMatch(id -> id.startsWith("report--")).anyMatch(id -> id.startsWith("indicator--"))
        .anyMatch(id -> id.startsWith("marking-definition--"));
    List<String> paged = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      HttpResponse<String> page = get(collection + "objects/?limit=2" + (next == null ? "" : "&next=" + next), vera);
      JsonNode envelope = json(page);
      assertThat(envelope.path("objects").size()).isLessThanOrEqualTo(2);
      assertThat(page.headers().firstValue("X-TAXII-Date-Added-First")).isPresent();
      paged.addAll(ids(envelope));
      next = envelope.path("more").asBoolean() ? envelope.path("next").asText() : null;
      pages++;
    } while (next != null && pages < 50);
    assertThat(paged).containsExactlyElementsOf(all);
    assertThat(pages).isEqualTo((all.size() + 1) / 2);

    String last = whole.headers().firstValue("X-TAXII-Date-Added-Last").orElseThrow();
    assertThat(ids(json(get(collection + "objects/?added_after=" + encode(last), vera)))).isEmpty();
    assertThat(ids(json(get(collection + "objects/?added_after=2000-01-01T00:00:00Z", vera)))).isEqualTo(all);
    assertThat(ids(json(get(collection + "objects/?" + encode("match[type]") + "=indicator", vera))))
        .isNotEmpty().allMatch(id -> id.startsWith("indicator--"));
    JsonNode report = json(get(collection + "objects/" + all.stream().filter(id -> id.startsWith("report--")).findFirst().orElseThrow() + "/", vera))
        .path("objects").get(0);
    assertThat(report.path("external_references").get(0).path("external_id").asText()).isEqualTo(reference);
    assertThat(json(get(collection + "manifest/", vera)).path("objects")).hasSize(all.size());

    // TLP:AMBER (no marking in the sample): not for another vendor, nor for a unit that was not asked; they learn nothing.
    assertThat(get(collection, RawHttp.basic("victor", "demo")).statusCode()).isEqualTo(404);
    HttpResponse<String> unit = get(collection + "objects/", RawHttp.basic("officer-fr", "demo"));
    assertThat(unit.statusCode()).isEqualTo(404);
    assertThat(json(unit).path("http_status").asText()).isEqualTo("404");
    assertThat(collections("victor")).extracting(c -> c.path("alias").asText()).doesNotContain(reference);
    assertThat(get(collection, RawHttp.basic("cora", "demo")).statusCode()).isEqualTo(200);
  }

  @Test
  void errorsAreTaxiiErrorMessagesAndNothingIsStored() throws Exception {
    HttpResponse<String> anonymous = get("/taxii2/api/collections/", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValue(TAXII);
    assertThat(json(anonymous).path("description").asText()).contains("HTTP Basic", "X-Api-Key");
    assertThat(json(anonymous).path("http_status").asText()).isEqualTo("401");

    long tips = jdbc.queryForObject("select count(*) from tip", Long.class);
    long processes = processes();
    String vera = RawHttp.basic("vera", "demo");
    HttpResponse<String> json = post(TIPS + "objects/", "application/json", envelope("infrastructure.json"), vera);
    assertThat(json.statusCode()).isEqualTo(415);
    assertThat(json(json).path("description").asText()).contains(TAXII, "application/json", "Nothing was stored");
    HttpResponse<String> truncated = post(TIPS + "objects/", TAXII, "{\"objects\": [{\"type\": \"indicator\",", vera);
    assertThat(truncated.statusCode()).isEqualTo(400);
    assertThat(json(truncated).path("title").asText()).isNotBlank();
    assertThat(json(truncated).path("description").asText()).contains("nothing was stored");
    HttpResponse<String> xml = http.send(request("/taxii2/api/", vera).header("Accept", "application/xml").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(xml.statusCode()).isEqualTo(406);
    assertThat(json(xml).path("description").asText()).contains(TAXII);
    assertThat(jdbc.queryForObject("select count(*) from tip", Long.class)).isEqualTo(tips);
    assertThat(processes()).isEqualTo(processes);
  }

  /**
   * src/test/python/taxii_client_check.py with the standard client (taxii2-client), where python3 can
   * import it; skipped otherwise, as on machines without PyPI.
   */
  @Test
  void theStandardTaxiiClientAddsAndPagesUnmodified() throws Exception {
    Assumptions.assumeTrue(python("-c", "import taxii2client.v21").exitCode() == 0,
        "python3 with taxii2-client is not installed (pip install taxii2-client): the standard-client check is skipped");

    Python check = python("src/test/python/taxii_client_check.py", "http://localhost:" + port, "vera", "demo");

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("OK: OP-");
  }

  record Python(int exitCode, String output) {}

  private static Python python(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3"));
    command.addAll(List.of(arguments));
    Path log = Files.createTempFile("taxii-python", ".log");
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      return new Python(-1, "no python3: " + e.getMessage());
    }
    boolean ended = process.waitFor(90, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String output = Files.readString(log) + (ended ? "" : "\n(timed out after 90 s)");
    Files.deleteIfExists(log);
    if (!ended) {
      return new Python(-1, output);
    }
    return new Python(process.exitValue(), output);
  }

  private String addedTip(String sample) throws Exception {
    JsonNode status = json(post(TIPS + "objects/", TAXII, envelope(sample), RawHttp.basic("vera", "demo")));
    String message = status.path("successes").get(0).path("message").asText();
    return message.substring(message.indexOf("OP-"), message.indexOf("OP-") + 12);
  }

  private static String jdbcCollectionId(String reference) {
    return Taxii.collectionId(reference);
  }

  /**
   * The sample's objects as a TAXII envelope, with an identity of its own so that no earlier test has added the same
   * (an identity is taken, as context; a note would be a failure: Takedown does not use notes).
   */
  private static String envelope(String sample) throws IOException {
    try (InputStream in = TaxiiApiTest.class.getResourceAsStream("/stix/samples/" + sample)) {
      JsonNode bundle = JSON.readTree(in);
      ObjectNode envelope = JSON.createObjectNode();
      envelope.set("objects", bundle.path("objects"));
      envelope.withArray("objects").addObject().put("type", "identity").put("spec_version", "2.1").put("id", "identity--" + UUID.randomUUID())
          .put("created", "2026-01-01T00:00:00.000Z").put("modified", "2026-01-01T00:00:00.000Z").put("name", "TAXII test " + UUID.randomUUID());
      return JSON.writeValueAsString(envelope);
    }
  }

  private List<JsonNode> collections(String user) throws Exception {
    List<JsonNode> list = new ArrayList<>();
    json(get("/taxii2/api/collections/", RawHttp.basic(user, "demo"))).path("collections").forEach(list::add);
    return list;
  }

  private String apiKey(String vendor) throws Exception {
    HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/admin/api-keys"))
        .header("Authorization", RawHttp.basic("admin", "demo")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"vendor\":\"" + vendor + "\",\"label\":\"TAXII client\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    return "key " + json(created).path("apiKey").asText();
  }

  private HttpRequest.Builder request(String path, String credentials) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (credentials != null && credentials.startsWith("key ")) {
      request.header("X-Api-Key", credentials.substring(4));
    } else if (credentials != null) {
      request.header("Authorization", credentials);
    }
    return request;
  }

  private HttpResponse<String> get(String path, String credentials) throws Exception {
    return http.send(request(path, credentials).header("Accept", TAXII).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String contentType, String body, String credentials) throws Exception {
    return http.send(request(path, credentials).header("Accept", TAXII).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private static List<String> ids(JsonNode envelope) {
    List<String> ids = new ArrayList<>();
    envelope.path("objects").forEach(o -> ids.add(o.path("id").asText()));
    return ids;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private long processes() {
    return runtime.createProcessInstanceQuery().processDefinitionKey(JointTakedownProcess.KEY).count();
  }
}
