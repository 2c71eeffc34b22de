package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.ProcessDriver;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;

/**
 * Issue 20: one text policy on every path (the JSON tip, STIX, TAXII, evidence form fields, partner
 * forms, query parameters), ?vendor= alike for JSON and STIX, and answers that say what happened.
 * Each refusal names the field, and nothing is stored.
 */
@TakedownTest
class OneTextPolicyTest {

  private static final String TIPS_TAXII = "/taxii2/api/collections/8a6c5e0f-2d41-4b7a-9c3e-5f1d7b2a9e64/objects/";
  private static final String TAXII = "application/taxii+json;version=2.1";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessDriver driver;
  private final HttpClient client = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private long stored() {
    return jdbc.queryForObject("select (select count(*) from operation) + (select count(*) from tip) + (select count(*) from evidence_item)",
        Long.class);
  }

  // --- one text policy ---

  @Test
  void aStixReportNameWithALoneSurrogateOrABidiOverrideIsRefused() throws Exception {
    for (String name : new String[] {"Panel \\uD800 kit", "invoice\\u202Egnp.exe", "one\\u2028two"}) {
      long before = stored();
      HttpResponse<String> response = send("POST", "/api/tips", "application/stix+json", bytes(report(name)), "vera");
      assertProblem(response, 400);
      JsonNode error = body(response).path("errors").get(0);
      assertThat(error.path("pointer").asText()).isEqualTo("/objects/0/name");
      assertThat(error.path("property").asText()).isEqualTo("name");
      assertThat(stored()).as(name).isEqualTo(before);
    }
    // A description may have several lines, as a JSON tip's summary may.
    assertThat(send("POST", "/api/tips", "application/stix+json",
        bytes(report("Panel").replace("\"d\"", "\"line one\\nline two\"")), "vera").statusCode()).isEqualTo(201);
  }

  @Test
  void aStixDescriptionWithAControlCharacterIsRefused() throws Exception {
    long before = stored();
    HttpResponse<String> response = send("POST", "/api/tips", "application/stix+json",
        bytes(report("Panel").replace("\"d\"", "\"bell\\u0007\"")), "vera");
    assertProblem(response, 400);
    assertThat(body(response).path("errors").get(0).path("property").asText()).isEqualTo("description");
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void aTaxiiEnvelopeWithObjectsGivenTwiceIsRefused() throws Exception {
    long before = stored();
    String objects = "[" + report("Panel").substring(report("Panel").indexOf('[') + 1, report("Panel").lastIndexOf(']')) + "]";
    HttpResponse<String> response = send("POST", TIPS_TAXII, TAXII, bytes("{\"objects\":" + objects + ",\"objects\":[]}"), "vera",
        "Accept", TAXII);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/taxii+json");
    assertThat(body(response).path("description").asText()).contains("given twice", "objects");
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void anOverlongUtf8SequenceIsRefusedOnEveryJsonPath() throws Exception {
    byte[] slash = {(byte) 0xC0, (byte) 0xAF};
    byte[] tip = concat("{\"title\":\"C2 ", slash, " panel\",\"tlp\":\"TLP:AMBER\",\"countries\":[\"DE\"]}");
    byte[] stix = concat(report("Panel ").replace("\"Panel \"", "\"Panel @\"").split("@")[0], slash, report("Panel ").replace("\"Panel \"", "\"Panel @\"").split("@")[1]);
    long before = stored();
    for (String type : new String[] {"application/json", "application/stix+json"}) {
      HttpResponse<String> response = send("POST", "/api/tips", type, type.equals("application/json") ? tip : stix, "vera");
      assertProblem(response, 400);
      assertThat(response.body()).as(type).contains("UTF-8");
      assertThat(body(response).path("errors").get(0).path("field").asText()).isIn("body", "bundle");
    }
    HttpResponse<String> taxii = send("POST", TIPS_TAXII, TAXII, concat("{\"objects\":[{\"type\":\"x", slash, "\"}]}"), "vera",
        "Accept", TAXII);
    assertThat(taxii.statusCode()).as(taxii.body()).isEqualTo(400);
    assertThat(taxii.headers().firstValue("Content-Type").orElse("")).startsWith("application/taxii+json");
    assertThat(body(taxii).path("description").asText()).contains("UTF-8");
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void aLineSeparatorInAOneLineTitleIsRefused() throws Exception {
    long before = stored();
    HttpResponse<String> response = send("POST", "/api/tips", "application/json",
        bytes("{\"title\":\"C2\\u2028panel\",\"tlp\":\"TLP:AMBER\",\"countries\":[\"DE\"],"
            + "\"indicators\":[{\"type\":\"ipv4-addr\",\"value\":\"198.51.100.7\"}]}"), "vera");
    assertProblem(response, 400);
    assertThat(body(response).path("errors").get(0).path("field").asText()).isEqualTo("title");
    assertThat(body(response).path("errors").get(0).path("message").asText()).contains("single line", "U+2028");
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void evidenceFormFieldsFollowTheSameRules() throws Exception {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    String path = "/api/operations/" + ref + "/evidence";
    long before = stored();

    HttpResponse<String> bidi = upload(path, form("description", "Disk image\u202Egnp.exe"), "disk.img");
    assertProblem(bidi, 400);
    assertThat(field(bidi)).isEqualTo("description");
    assertThat(body(bidi).path("errors").get(0).path("message").asText()).contains("bidirectional");

    HttpResponse<String> twice = upload(path, form("description", "first") + part("description", "second"), "disk.img");
    assertProblem(twice, 400);
    assertThat(field(twice)).isEqualTo("description");
    assertThat(body(twice).path("errors").get(0).path("message").asText()).contains("more than once");

    HttpResponse<String> oneLine = upload(path, form("collectedBy", "Vera\u2029Vendor"), "disk.img");
    assertProblem(oneLine, 400);
    assertThat(field(oneLine)).isEqualTo("collectedBy");

    byte[] overlong = concat(form("source", "rack ").replace("rack \r\n", "rack @\r\n").split("@")[0], new byte[] {(byte) 0xC0, (byte) 0xAF},
        form("source", "rack ").replace("rack \r\n", "rack @\r\n").split("@")[1] + file("disk.img"));
    HttpResponse<String> notUtf8 = send("POST", path, "multipart/form-data; boundary=" + BOUNDARY, overlong, "cora");
    assertProblem(notUtf8, 400);
    assertThat(field(notUtf8)).isEqualTo("source");
    assertThat(body(notUtf8).path("errors").get(0).path("message").asText()).contains("UTF-8");

    HttpResponse<String> longName = upload(path, form("description", "Disk image"), "n".repeat(10_000) + ".img");
    assertProblem(longName, 400);
    assertThat(field(longName)).isEqualTo("file");
    assertThat(body(longName).path("errors").get(0).path("message").asText()).contains("name", "255 characters").doesNotContain("GB");

    assertThat(stored()).isEqualTo(before);
    assertThat(upload(path, form("description", "Disk image\nsecond line"), "disk.img").statusCode()).isEqualTo(201);
  }

  @Test
  void partnerFormsAndQueryParametersFollowTheSameRules() throws Exception {
    HttpResponse<String> twice = send("POST", "/partner/actions/no-such-token", "application/x-www-form-urlencoded",
        bytes("note=a&note=b"), null);
    assertThat(twice.statusCode()).isEqualTo(400);
    assertThat(twice.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(twice.body()).contains("note is given more than once").doesNotContain("Exception");

    HttpResponse<String> overlong = send("POST", "/partner/actions/no-such-token", "application/x-www-form-urlencoded",
        bytes("note=%C0%AF"), null);
    assertThat(overlong.statusCode()).isEqualTo(400);
    assertThat(overlong.body()).contains("note is not valid UTF-8");

    HttpResponse<String> bidi = send("POST", "/partner/actions/no-such-token", "application/x-www-form-urlencoded",
        bytes("note=%E2%80%AEexe"), null);
    assertThat(bidi.statusCode()).isEqualTo(400);
    assertThat(bidi.body()).contains("note must not contain bidirectional");

    HttpResponse<String> unknown = send("POST", "/partner/actions/no-such-token", "application/x-www-form-urlencoded",
        bytes("note=fine&response=DECLINE"), null);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(unknown.body()).contains("response is not a field of this form; it has note and sha256");
    HttpResponse<String> download = send("POST", "/partner/evidence/no-such-token", "application/x-www-form-urlencoded",
        bytes("country=FR"), null);
    assertThat(download.statusCode()).isEqualTo(400);
    assertThat(download.body()).contains("country is not a field of this form; it has none");
    HttpResponse<String> inAddress = send("POST", "/partner/actions/no-such-token?x=1", "application/x-www-form-urlencoded", bytes("note=fine"), null);
    assertThat(inAddress.statusCode()).isEqualTo(400);
    assertThat(inAddress.body()).contains("x is not taken in the address of this form; it takes none");
    for (String type : List.of("text/plain", "multipart/form-data; boundary=b")) {
      HttpResponse<String> other = send("POST", "/partner/actions/no-such-token", type, bytes("note=fine"), null);
      assertThat(other.statusCode()).as(type).isEqualTo(400);
      assertThat(other.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      assertThat(other.body()).contains("body is not a form as the page sends it");
    }

    long before = stored();
    HttpResponse<String> query = send("POST", "/api/tips?vendor=vera%E2%80%A8x", "application/json",
        bytes("{\"title\":\"C2\",\"tlp\":\"TLP:AMBER\",\"countries\":[\"DE\"]}"), "cora");
    assertProblem(query, 400);
    assertThat(field(query)).isEqualTo("vendor");
    HttpResponse<String> queryTwice = send("POST", "/api/tips?vendor=vera&vendor=victor", "application/json",
        bytes("{\"title\":\"C2\",\"tlp\":\"TLP:AMBER\",\"countries\":[\"DE\"]}"), "cora");
    assertProblem(queryTwice, 400);
    assertThat(body(queryTwice).path("errors").get(0).path("message").asText()).contains("more than once");
    HttpResponse<String> queryOverlong = send("GET", "/api/operations?stage=%C0%AF", null, null, "cora");
    assertProblem(queryOverlong, 400);
    assertThat(field(queryOverlong)).isEqualTo("stage");
    assertThat(stored()).isEqualTo(before);
  }

  // --- ?vendor= ---

  @Test
  void aCoordinatorNamesTheVendorWithTheQueryForJsonAsForStix() throws Exception {
    String tipBody = "{\"title\":\"On behalf\",\"tlp\":\"TLP:AMBER\",\"countries\":[\"DE\"],"
        + "\"indicators\":[{\"type\":\"ipv4-addr\",\"value\":\"198.51.100.7\"}]}";
    HttpResponse<String> json = send("POST", "/api/tips?vendor=vera", "application/json", bytes(tipBody), "cora");
    assertThat(json.statusCode()).as(json.body()).isEqualTo(201);
    String reference = body(json).path("reference").asText();
    assertThat(jdbc.queryForObject("select vendor from operation where reference = ?", String.class, reference))
        .as("vera names her organisation").isEqualTo("aegis");
    assertThat(send("GET", "/api/operations/" + reference, null, null, "vera").statusCode()).as("vera sees her tip").isEqualTo(200);

    HttpResponse<String> stix = send("POST", "/api/tips?vendor=vera", "application/stix+json", bytes(report("On behalf")), "cora");
    assertThat(stix.statusCode()).as(stix.body()).isEqualTo(201);
    assertThat(jdbc.queryForObject("select vendor from operation where reference = ?", String.class,
        body(stix).path("reference").asText())).isEqualTo("aegis");

    long before = stored();
    for (String type : new String[] {"application/json", "application/stix+json"}) {
      HttpResponse<String> unknown = send("POST", "/api/tips?vendor=nobody", type,
          bytes(type.equals("application/json") ? tipBody : report("Nobody's")), "cora");
      assertProblem(unknown, 400);
      assertThat(field(unknown)).as(type).isEqualTo("vendor");
      assertThat(unknown.body()).contains("'nobody' is not a vendor organisation");
      // A vendor names itself or nobody: its tip is always its own (400, a field to leave out, not a role it lacks).
      HttpResponse<String> other = send("POST", "/api/tips?vendor=victor", type,
          bytes(type.equals("application/json") ? tipBody : report("Other")), "vera");
      assertProblem(other, 400);
      assertThat(field(other)).isEqualTo("vendor");
    }
    HttpResponse<String> disagree = send("POST", "/api/tips?vendor=vera", "application/json",
        bytes(tipBody.substring(0, tipBody.length() - 1) + ",\"vendor\":\"cora\"}"), "cora");
    assertProblem(disagree, 400);
    assertThat(body(disagree).path("errors").get(0).path("message").asText()).contains("named twice");
    assertThat(stored()).isEqualTo(before);
  }

  // --- every answer says what happened ---

  @Test
  void traceAndUnknownMethodsOnTheApiAre405WithAllow() throws Exception {
    for (String method : new String[] {"TRACE", "FOO"}) {
      Raw response = raw(method + " /api/tips HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + RawHttp.basic("vera", "demo")
          + "\r\nConnection: close\r\n\r\n");
      assertThat(response.status()).as(method + ": " + response.body()).isIn(405, 501);
      assertThat(response.head()).as(method).containsIgnoringCase("\r\nAllow: ");
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(json.readTree(response.body()).path("detail").asText()).contains(method);
      assertClean(response.body());
    }
  }

  @Test
  void anUnsupportedHttpVersionIsSaidInPlainWords() throws Exception {
    Raw response = raw("GET /api/operations HTTP/2.0\r\nHost: localhost\r\n\r\n");
    assertThat(response.status()).isEqualTo(505);
    assertThat(response.body()).contains("HTTP version", "HTTP/1.1").doesNotContain("on our side", "try again later");
  }

  @Test
  void aFailedMessageCorrelationIsSaidWithoutExceptionNames() throws Exception {
    HttpResponse<String> response = send("POST", "/engine-rest/message", "application/json",
        bytes("{\"messageName\":\"NoSuchMessage\",\"businessKey\":\"OP-0000-0000\"}"), "cora");
    assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(response.body()).contains("NoSuchMessage");
    assertClean(response.body());
  }

  @Test
  void anEncodedSlashUnderTaxiiIsATaxiiError() throws Exception {
    Raw response = raw("GET /taxii2/api/collections/a%2Fb/ HTTP/1.0\r\nAuthorization: " + RawHttp.basic("vera", "demo") + "\r\n\r\n");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/taxii+json");
    JsonNode message = json.readTree(response.body());
    assertThat(message.path("http_status").asText()).isEqualTo("400");
    assertThat(message.path("description").asText()).contains("encoded '/'");
    assertClean(response.body());
  }

  // --- helpers ---

  private static final String BOUNDARY = "----takedown-text-boundary-4f1c";

  private static String report(String name) {
    UUID report = UUID.randomUUID();
    UUID indicator = UUID.randomUUID();
    return ("{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID() + "\",\"objects\":["
        + "{\"type\":\"report\",\"spec_version\":\"2.1\",\"id\":\"report--" + report + "\",\"created\":\"2026-01-01T00:00:00Z\","
        + "\"modified\":\"2026-01-01T00:00:00Z\",\"name\":\"" + name + "\",\"description\":\"d\",\"published\":\"2026-01-01T00:00:00Z\","
        + "\"object_refs\":[\"indicator--" + indicator + "\"]},"
        + "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--" + indicator + "\",\"created\":\"2026-01-01T00:00:00Z\","
        + "\"modified\":\"2026-01-01T00:00:00Z\",\"pattern\":\"[ipv4-addr:value = '198.51.100.77']\",\"pattern_type\":\"stix\","
        + "\"valid_from\":\"2026-01-01T00:00:00Z\"}]}");
  }

  private static String part(String name, String value) {
    return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }

  /** The valid fields, with one replaced. */
  private static String form(String name, String value) {
    StringBuilder text = new StringBuilder();
    String[][] fields = {{"description", "Disk image of the C2 server"}, {"type", "disk-image"}, {"collectedBy", "Vera Vendor"},
        {"collectedAt", "2026-11-02T14:30:00Z"}, {"source", "Hosting provider, rack 12"}};
    for (String[] field : fields) {
      text.append(part(field[0], field[0].equals(name) ? value : field[1]));
    }
    return text.toString();
  }

  private static String file(String fileName) {
    return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n0123456789abcdef\r\n--" + BOUNDARY + "--\r\n";
  }

  private HttpResponse<String> upload(String path, String fields, String fileName) throws Exception {
    return send("POST", path, "multipart/form-data; boundary=" + BOUNDARY, bytes(fields + file(fileName)), "cora");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(String before, byte[] middle, String after) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(bytes(before));
    all.writeBytes(middle);
    all.writeBytes(bytes(after));
    return all.toByteArray();
  }

  private HttpResponse<String> send(String method, String path, String contentType, byte[] body, String user, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (user != null) {
      request.header("Authorization", RawHttp.basic(user, "demo"));
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private JsonNode body(HttpResponse<String> response) throws IOException {
    return json.readTree(response.body());
  }

  private String field(HttpResponse<String> response) throws IOException {
    return body(response).path("errors").get(0).path("field").asText();
  }

  private void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertClean(response.body());
  }

  private static void assertClean(String body) {
    assertThat(body).doesNotContain("ENGINE-", "java.", "jakarta.", "com.fasterxml", "org.camunda", "Exception");
  }

  record Raw(int status, String head, String contentType, String body) {}

  private Raw raw(String request) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String head = split < 0 ? text : text.substring(0, split + 2);
      String body = split < 0 ? "" : text.substring(split + 4);
      String contentType = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
          .map(l -> l.substring(13).trim()).findFirst().orElse("");
      return new Raw(Integer.parseInt(head.substring(9, 12)), head, contentType, body);
    }
  }
}
