package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.operation.OperationRepository;

/**
 * What a hostile or careless client sends, through real HTTP: each input gets its status, a
 * problem+json body (a plain page under /partner) that says what to fix without engine codes or
 * Java names, and nothing is stored.
 */
@TakedownTest
class HostileInputTest {

  private static final String TITLE = "\"title\":\"C2 panel\"";
  private static final String VALID = "{" + TITLE + ",\"tlp\":\"TLP:AMBER\",\"countries\":[\"DE\"],"
      + "\"indicators\":[{\"type\":\"ipv4-addr\",\"value\":\"198.51.100.7\"}]}";

  @LocalServerPort int port;
  @Autowired OperationRepository operations;
  @Autowired ProcessDriver driver;
  private final HttpClient client = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  static Stream<Arguments> hostileTips() {
    return Stream.of(
        Arguments.of("a duplicate key", VALID.replace("\"tlp\":\"TLP:AMBER\"", "\"tlp\":\"TLP:AMBER\",\"tlp\":\"TLP:CLEAR\""),
            "tlp", "more than once"),
        Arguments.of("an escaped NUL", VALID.replace(TITLE, "\"title\":\"C2\\u0000panel\""), "title", "NUL"),
        Arguments.of("a raw NUL byte", VALID.replace(TITLE, "\"title\":\"C2\u0000panel\""), "title", "not valid JSON"),
        Arguments.of("a lone surrogate", VALID.replace(TITLE, "\"title\":\"C2 \\uD800 panel\""), "title", "unpaired UTF-16 surrogate"),
        Arguments.of("a number for text", VALID.replace(TITLE, "\"title\":42"), "title", "text in double quotes"),
        Arguments.of("an object for text", VALID.replace(TITLE, "\"title\":{\"a\":1}"), "title", "text in double quotes"),
        Arguments.of("a CRLF in a one-line field", VALID.replace(TITLE, "\"title\":\"C2\\r\\nBcc: x@example.org\""), "title", "single line"),
        Arguments.of("a right-to-left override", VALID.replace(TITLE, "\"title\":\"invoice\\u202Egnp.exe\""), "title", "bidirectional"),
        Arguments.of("an isolate", VALID.replace(TITLE, "\"title\":\"a\\u2066b\""), "title", "bidirectional"),
        Arguments.of("a tab in the TLP", VALID.replace("\"TLP:AMBER\"", "\"TLP:AMBER\\t\""), "tlp", "single line"),
        Arguments.of("a control character in the summary", VALID.replace(TITLE, TITLE + ",\"summary\":\"bell\\u0007\""), "summary", "control characters"),
        Arguments.of("a line break in an indicator", VALID.replace("198.51.100.7", "198.51.100.7\\nevil"), "indicators[0].value", "single line"),
        Arguments.of("a number for a country", VALID.replace("[\"DE\"]", "[49]"), "countries[0]", "text in double quotes"),
        Arguments.of("a string for a boolean", VALID.replace(TITLE, TITLE + ",\"personalData\":\"yes\""), "personalData", "true or false"),
        Arguments.of("a number for a boolean", VALID.replace(TITLE, TITLE + ",\"crossBorderEvidence\":1"), "crossBorderEvidence", "true or false"),
        Arguments.of("a misspelt field", VALID.replace(TITLE, TITLE + ",\"personalDta\":true"), "personalDta", "not a field"),
        Arguments.of("a string for a list", VALID.replace("[\"DE\"]", "\"DE\""), "countries", "JSON array"),
        Arguments.of("trailing content", VALID + "{}", "body", "not valid JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileTips")
  void hostileTipsAreRefusedNamingTheField(String what, String body, String field, String message) throws Exception {
    long before = operations.count();

    HttpResponse<String> response = send("POST", "/api/tips", "application/json", body, "vera");

    assertProblem(response, 400);
    assertThat(errors(response)).as(what).anySatisfy(error -> {
      assertThat(error.get("field")).isEqualTo(field);
      assertThat((String) error.get("message")).contains(message);
    });
    assertThat(operations.count()).as("nothing stored").isEqualTo(before);
  }

  @Test
  void theValidTipOfTheseTestsIsAccepted() throws Exception {
    assertThat(send("POST", "/api/tips", "application/json", VALID, "vera").statusCode()).isEqualTo(201);
    String multiLine = VALID.replace(TITLE, TITLE + ",\"summary\":\"line one\\r\\nline two\\twith a tab, and \\u00e9\\ud83d\\ude00\"");
    assertThat(send("POST", "/api/tips", "application/json", multiLine, "vera").statusCode()).isEqualTo(201);
  }

  @Test
  void vendorActionsAndApiKeysRefuseControlCharacters() throws Exception {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    HttpResponse<String> withdrawal = send("POST", "/api/operations/" + ref + "/withdrawal", "application/json",
        "{\"reason\":\"gone\\u0000\"}", "vera");
    assertProblem(withdrawal, 400);
    assertThat(errors(withdrawal)).extracting(e -> e.get("field")).containsExactly("reason");
    assertThat(operations.findByReference(ref).orElseThrow().getStage().name()).isEqualTo("TRIAGE");

    HttpResponse<String> key = send("POST", "/api/admin/api-keys", "application/json",
        "{\"vendor\":\"vera\",\"label\":\"intake\\r\\npipeline\"}", "admin");
    assertProblem(key, 400);
    assertThat(errors(key)).extracting(e -> e.get("field") + ": " + e.get("message"))
        .containsExactly("label: must be a single line: no line breaks (CR, LF) or tabs");
  }

  @Test
  void wrongMediaTypeMethodAndAddressAnswerProblems() throws Exception {
    long before = operations.count();
    HttpResponse<String> text = send("POST", "/api/tips", "text/plain", VALID, "vera");
    assertProblem(text, 415);
    // /api/tips takes the simple tip and STIX bundles; the order of the two is Spring's.
    assertThat(detail(text)).contains("accepts application/", "application/json", "application/stix+json", "Content-Type text/plain");

    HttpResponse<String> put = send("PUT", "/api/tips", "application/json", VALID, "vera");
    assertProblem(put, 405);
    assertThat(detail(put)).isEqualTo("This address does not take PUT requests; it takes POST.");

    assertProblem(send("GET", "/api/nothing-here", null, null, "cora"), 404);
    assertThat(operations.count()).isEqualTo(before);
  }

  @Test
  void anOversizeBodyIsRefusedWithTheLimit() throws Exception {
    Raw response = raw("POST /api/tips HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 70000000\r\n"
        + "Authorization: " + basic("vera") + "\r\n\r\n");
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body()).contains("\"status\":413", "\"detail\":\"The body is larger than the limit of 64 MB; nothing was stored. Send a smaller one, for example split the indicators over several tips.\"");

    // Without a declared length, the body is cut off where it passes the limit.
    long before = operations.count();
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) ' ');
    HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tips"))
        .header("Content-Type", "application/json").header("Authorization", basic("vera"))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(Collections.enumeration(
            Collections.nCopies(64 * 16 + 1, chunk).stream().map(ByteArrayInputStream::new).toList()))))
        .build();
    HttpResponse<String> cut = client.send(chunked, HttpResponse.BodyHandlers.ofString());
    assertProblem(cut, 413);
    assertThat(detail(cut)).isEqualTo("The body is larger than the limit of 64 MB; nothing was stored. Send a smaller one, for example split the indicators over several tips.");
    assertThat(operations.count()).isEqualTo(before);
  }

  @Test
  void addressesTomcatRefusesAnswerProblemJson() throws Exception {
    for (String path : List.of("/api/operations/OP%2F2026", "/api/operations/OP%002026", "/engine-rest/task/a%2Fb", "/api/operations/OP;x=1", "/api/operations/a%252Fb",
        "/api/operations/" + "X".repeat(10_000))) {
      Raw response = raw("GET " + path + " HTTP/1.0\r\nAuthorization: " + basic("cora") + "\r\n\r\n");
      assertThat(response.status()).as(path.substring(0, Math.min(60, path.length()))).isBetween(400, 499);
      assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
      assertThat(json.readValue(response.body(), Map.class).get("detail").toString()).isNotBlank();
      assertClean(response.body());
    }
    Raw longKey = raw("GET /api/operations HTTP/1.0\r\nX-Api-Key: " + "k".repeat(10_000) + "\r\n\r\n");
    assertThat(longKey.status()).isEqualTo(401);
    assertThat(longKey.contentType()).startsWith("application/problem+json");
  }

  @Test
  void partnerLinksAnswerPlainPages() throws Exception {
    for (String path : List.of("/partner/actions/a%2Fb", "/partner/actions/a%00b", "/partner/actions/" + "t".repeat(10_000))) {
      Raw response = raw("GET " + path + " HTTP/1.0\r\n\r\n");
      assertThat(response.status()).isBetween(400, 499);
      assertThat(response.contentType()).as(response.body()).startsWith("text/html");
      assertThat(response.body()).doesNotContain("Tomcat", "Exception");
    }
    HttpResponse<String> deeper = send("GET", "/partner/actions/abc/def", null, null, null);
    assertThat(deeper.statusCode()).isEqualTo(404);
    assertThat(deeper.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(deeper.body()).contains("open the whole link from the email");
    HttpResponse<String> put = send("PUT", "/partner/actions/abc", "application/x-www-form-urlencoded", "note=x", null);
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertClean(put.body());
  }

  @Test
  void engineRestRefusesBadVariablesWithProblems() throws Exception {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    String task = driver.task(ref, "Task_TriageTip").getId();
    String complete = "/engine-rest/task/" + task + "/complete";

    HttpResponse<String> notJson = send("POST", complete, "application/json", """
        {"variables":{"triageDecision":{"value":"OPEN"},"countries":{"value":"not json","type":"Json"}}}""", "cora");
    assertProblem(notJson, 400);
    assertThat(detail(notJson)).contains("not valid JSON");

    HttpResponse<String> serialised = send("POST", complete, "application/json", """
        {"variables":{"triageDecision":{"type":"Object","value":"rO0ABXQAA2FiYw==","valueInfo":{"objectTypeName":"java.lang.String",
         "serializationDataFormat":"application/x-java-serialized-object"}}}}""", "cora");
    assertProblem(serialised, 400);
    assertThat(detail(serialised)).contains("Java-serialised objects are not accepted");

    HttpResponse<String> shape = send("POST", complete, "application/json", "{\"variables\":\"x\"}", "cora");
    assertProblem(shape, 400);
    assertThat(errors(shape)).extracting(e -> e.get("field") + " " + e.get("message")).containsExactly("variables must be a JSON object, e.g. { ... }");

    HttpResponse<String> note = send("POST", complete, "application/json",
        "{\"variables\":{\"triageDecision\":{\"value\":\"REJECT\"},\"triageNote\":{\"value\":\"spam\\u202Etxt.exe\"}}}", "cora");
    assertProblem(note, 400);
    assertThat(errors(note)).extracting(e -> e.get("field")).containsExactly("triageNote");

    HttpResponse<String> refused = send("POST", complete, "application/json",
        "{\"variables\":{\"triageDecision\":{\"value\":\"PERHAPS\"}}}", "cora");
    assertProblem(refused, 400);
    assertThat(errors(refused)).extracting(e -> e.get("field")).containsExactly("triageDecision");

    assertProblem(send("POST", complete, "text/plain", "x", "cora"), 415);
    assertProblem(send("GET", "/engine-rest/no-such-resource", null, null, "cora"), 404);
    assertProblem(send("DELETE", "/engine-rest/engine", null, null, "cora"), 405);
    assertThat(driver.task(ref, "Task_TriageTip").getId()).as("the task is still open").isEqualTo(task);
  }

  @Test
  void aConcurrentChangeOnTheEngineIsAConflictToRetry() {
    var response = EngineRestErrors.problem(new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE ExecutionEntity' failed"));
    assertThat(response.getStatus()).isEqualTo(409);
    assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
    assertThat(((Map<?, ?>) response.getEntity()).get("detail")).isEqualTo("Another change to this operation was saved at the same "
        + "moment; nothing of yours was stored. Send the request again.");
  }

  private void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertClean(response.body());
  }

  private static void assertClean(String body) {
    assertThat(body).doesNotContain("ENGINE-", "java.", "jakarta.", "com.fasterxml", "org.camunda", "Exception");
  }

  private String detail(HttpResponse<String> response) throws IOException {
    return (String) json.readValue(response.body(), Map.class).get("detail");
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> errors(HttpResponse<String> response) throws IOException {
    return (List<Map<String, Object>>) json.readValue(response.body(), Map.class).get("errors");
  }

  private HttpResponse<String> send(String method, String path, String contentType, String body, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (user != null) {
      request.header("Authorization", basic(user));
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }

  record Raw(int status, String contentType, String body) {}

  /** java.net.http refuses to send such paths, so they go over a plain socket, as HTTP/1.0 (no chunking). */
  private Raw raw(String request) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      // The request is all there is: without the half-close, Tomcat waits its read timeout (60 s) for a declared body that never comes.
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String head = split < 0 ? text : text.substring(0, split);
      String body = split < 0 ? "" : text.substring(split + 4);
      int status = Integer.parseInt(head.substring(9, 12));
      String contentType = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
          .map(l -> l.substring(13).trim()).findFirst().orElse("");
      return new Raw(status, contentType, body);
    }
  }
}
