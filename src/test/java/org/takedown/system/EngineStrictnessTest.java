package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;

/**
 * The engine's REST API is as strict as the product's: a task takes only the variables its form declares, with the
 * types the form sends; client errors are 4xx, never 500. Each refusal names the variable and stores nothing.
 */
@TakedownTest
class EngineStrictnessTest {

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired JdbcTemplate jdbc;
  private final HttpClient client = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  static Stream<Arguments> hostileCompletions() {
    String oneMegabyte = Base64.getEncoder().encodeToString(new byte[1024 * 1024]);
    return Stream.of(
        Arguments.of("an Object in JSON format", """
            {"variables":{"triageDecision":{"value":"OPEN"},"url":{"type":"Object","value":"\\"http://evil.example\\"",
             "valueInfo":{"objectTypeName":"java.net.URL","serializationDataFormat":"application/json"}}}}""", "url", "not a variable"),
        Arguments.of("a declared name as an Object", """
            {"variables":{"triageDecision":{"type":"Object","value":"\\"OPEN\\"",
             "valueInfo":{"objectTypeName":"java.lang.String","serializationDataFormat":"application/json"}}}}""", "triageDecision", "serialised Object"),
        Arguments.of("an Object in XML format", """
            {"variables":{"triageNote":{"type":"Object","value":"<a/>",
             "valueInfo":{"objectTypeName":"java.lang.String","serializationDataFormat":"application/xml"}}}}""", "triageNote", "serialised Object"),
        Arguments.of("a File variable", """
            {"variables":{"../../x.sh":{"type":"File","value":"IyEvYmluL3No","valueInfo":{"filename":"../../x.sh"}}}}""", "../../x.sh", "not a variable"),
        Arguments.of("a File variable of a declared name", """
            {"variables":{"triageNote":{"type":"File","value":"IyEvYmluL3No","valueInfo":{"filename":"x.sh"}}}}""", "triageNote", "File and Bytes"),
        Arguments.of("1 MB of Bytes", "{\"variables\":{\"triageNote\":{\"type\":\"Bytes\",\"value\":\"" + oneMegabyte + "\"}}}",
            "triageNote", "File and Bytes"),
        Arguments.of("an Xml variable that is not XML", """
            {"variables":{"triageNote":{"type":"Xml","value":"<a"}}}""", "triageNote", "must be of type String, not xml"),
        Arguments.of("a number for text", """
            {"variables":{"triageDecision":{"value":"REJECT"},"triageNote":{"value":5}}}""", "triageNote", "must be text, not a number"),
        Arguments.of("an Integer for text", """
            {"variables":{"triageDecision":{"value":5,"type":"Integer"}}}""", "triageDecision", "must be of type String, not integer"),
        Arguments.of("a stray name", """
            {"variables":{"triageDecision":{"value":"REJECT"},"legalDecision":{"value":"APPROVE"}}}""", "legalDecision", "not a variable"),
        Arguments.of("a key given twice", """
            {"variables":{"triageDecision":{"value":"REJECT"},"triageDecision":{"value":"OPEN"},"countries":{"value":"[\\"DE\\"]","type":"Json"}}}""",
            "variables.triageDecision", "more than once"),
        Arguments.of("a Null variable", """
            {"variables":{"triageDecision":{"value":"REJECT"},"triageNote":{"value":null,"type":"Null"}}}""", "triageNote", "not Null"),
        Arguments.of("a transient value", """
            {"variables":{"triageDecision":{"value":"REJECT","type":"String","valueInfo":{"transient":true}},"triageNote":{"value":"x"}}}""",
            "triageDecision", "cannot be transient"),
        Arguments.of("a field a variable does not have", """
            {"variables":{"triageDecision":{"value":"REJECT","foo":1},"triageNote":{"value":"x"}}}""", "triageDecision", "has a field 'foo'"),
        Arguments.of("a field the request does not have", """
            {"variables":{"triageDecision":{"value":"REJECT"},"triageNote":{"value":"x"}},"foo":1}""", "foo", "is not a field of this request"),
        Arguments.of("Json that is not JSON", """
            {"variables":{"triageDecision":{"value":"OPEN"},"countries":{"value":"[\\"DE\\"","type":"Json"}}}""", "countries", "not valid JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileCompletions")
  void hostileCompletionsAreRefusedNamingTheVariable(String what, String body, String field, String message) throws Exception {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    Task task = driver.task(ref, "Task_TriageTip");

    HttpResponse<String> response = send("POST", "/engine-rest/task/" + task.getId() + "/complete", body, "cora");

    assertInvalid(response, field, message);
    assertNothingStored(ref, task);
  }

  @Test
  void anOverlongUtf8SequenceIsRefusedNotDecodedIntoASlash() throws Exception {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    Task task = driver.task(ref, "Task_TriageTip");
    byte[] body = concat("{\"variables\":{\"triageDecision\":{\"value\":\"REJECT\"},\"triageNote\":{\"value\":\"a".getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xC0, (byte) 0xAF}, "b\"}}}".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = client.send(request("/engine-rest/task/" + task.getId() + "/complete", "cora")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertInvalid(response, "body", "not valid UTF-8");
    assertNothingStored(ref, task);
  }

  @Test
  void onlyAVariableTheFormDeclaresIsDeleted() throws Exception {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    Task task = driver.task(ref, "Task_TriageTip");
    for (String path : List.of("/engine-rest/task/" + task.getId() + "/variables/title",
        "/engine-rest/process-instance/" + task.getProcessInstanceId() + "/variables/vendor")) {
      HttpResponse<String> response = send("DELETE", path, null, "admin");
      assertInvalid(response, path.substring(path.lastIndexOf('/') + 1), "not a variable");
    }
    assertThat(runtime.getVariables(task.getProcessInstanceId())).containsKeys("title", "vendor");
  }

  @Test
  void theProductsProcessesAreNotStartedOrMessagedThroughTheEngineApi() throws Exception {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    long instances = runtime.createProcessInstanceQuery().count();
    for (String path : List.of("/engine-rest/process-definition/key/joint-takedown/start",
        "/engine-rest/process-definition/key/legal-review/submit-form",
        "/engine-rest/process-definition/key/joint%2Dtakedown/start",
        "/engine-rest/engine/default/process-definition/key/joint-takedown/start",
        "/engine-rest/process-definition/" + driver.process(ref).getProcessDefinitionId() + "/start")) {
      HttpResponse<String> start = send("POST", path, "{\"businessKey\":\"OP-2099-0001\"}", "admin");
      assertProblem(start, 403);
      assertThat(detail(start)).contains("POST /api/tips", "nothing was started");
    }
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instances);

    HttpResponse<String> withdrawal = send("POST", "/engine-rest/message", """
        {"messageName":"Msg_TipWithdrawn","businessKey":"%s","processVariables":{"withdrawalReason":{"value":"x","type":"String"}}}"""
        .formatted(ref), "admin");
    assertProblem(withdrawal, 403);
    assertThat(detail(withdrawal)).contains("Msg_TipWithdrawn", "POST /api/operations/{reference}/withdrawal", "Nothing was correlated");
    assertThat(driver.task(ref, "Task_TriageTip")).as("still waiting for triage").isNotNull();
    assertThat(runtime.getVariable(driver.process(ref).getId(), "withdrawalReason")).isNull();

    HttpResponse<String> twice = send("POST", "/engine-rest/message", """
        {"messageName":"NoSuchMessage","businessKey":"%s","businessKey":"OP-2099-0001"}""".formatted(ref), "admin");
    assertInvalid(twice, "businessKey", "more than once");
  }

  /** The engine's ways round a task's form are refused; claiming is for the task's own groups; the model names the task. */
  @Test
  void theEnginesWaysRoundATasksFormAreRefused() throws Exception {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    Task task = driver.task(ref, "Task_TriageTip");
    String base = "/engine-rest/task/" + task.getId();
    for (String[] refused : new String[][] {{base + "/bpmnError", "{\"errorCode\":\"X\"}"}, {base + "/bpmnEscalation", "{\"escalationCode\":\"X\"}"},
        {base + "/delegate", "{\"userId\":\"lena\"}"}, {base + "/identity-links", "{\"userId\":\"lena\",\"type\":\"candidate\"}"},
        {"/engine-rest/process-instance/message-async", "{\"messageName\":\"Msg_TipWithdrawn\",\"processInstanceIds\":[\"" + task.getProcessInstanceId() + "\"]}"},
        {"/engine-rest/process-instance/" + task.getProcessInstanceId() + "/modification",
            "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_TriageTip\"}]}"},
        {"/engine-rest/execution/" + task.getExecutionId() + "/messageSubscriptions/Msg_TipWithdrawn/trigger", "{}"},
        {"/engine-rest/condition", "{}"}, {"/engine-rest/engine/default/task/" + task.getId() + "/bpmnError", "{\"errorCode\":\"X\"}"}}) {
      HttpResponse<String> response = send("POST", refused[0], refused[1], "admin");
      assertProblem(response, 403);
      assertThat(detail(response)).as(refused[0]).contains("a task ends by completing its form", "Nothing was changed");
    }
    assertThat(driver.task(ref, "Task_TriageTip").getId()).isEqualTo(task.getId());
    assertThat(driver.openTasks(ref)).hasSize(1);
    assertThat(driver.operation(ref).getStage()).isEqualTo(org.takedown.operation.Stage.TRIAGE);

    assertInvalid(send("POST", base + "/claim", "{\"userId\":\"lena\"}", "admin"), "userId", "is not in a group this task is for (coordinators)");
    assertInvalid(send("POST", base + "/assignee", "{\"userId\":\"lena\"}", "cora"), "userId", "is not in a group this task is for");
    assertThat(send("POST", base + "/claim", "{\"userId\":\"cora\"}", "cora").statusCode()).isEqualTo(204);
    assertInvalid(send("PUT", base, "{\"name\":\"OP-2026-9999 fake\"}", "cora"), "name", "cannot be changed");
    assertInvalid(send("POST", base + "/comment/create", "{\"message\":\"abc\u202Edef\"}", "cora"), "message", "bidirectional");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getName()).isEqualTo(task.getName());
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }

  @Test
  void mistypedLegalBasisIsRefused() throws Exception {
    String ref = driver.openForLegalReview(tip("TLP:AMBER", list("DE")));
    Task task = driver.task(ref, "Task_LegalReview");
    HttpResponse<String> response = send("POST", "/engine-rest/task/" + task.getId() + "/complete", """
        {"variables":{"legalDecision":{"value":"APPROVE"},"legalBasis":{"value":5},"releaseTlp":{"value":"TLP:AMBER"}}}""", "lena");
    assertInvalid(response, "legalBasis", "must be text, not a number");
    assertThat(detail(response)).startsWith("The legal basis (legalBasis) must be text, not a number.");
    assertThat(driver.task(ref, "Task_LegalReview").getId()).isEqualTo(task.getId());
    assertThat(runtime.getVariable(task.getProcessInstanceId(), "legalDecision")).isNull();
  }

  @Test
  void settingVariablesTakesOnlyTheFormsVariables() throws Exception {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    Task task = driver.task(ref, "Task_TriageTip");
    String taskVariables = "/engine-rest/task/" + task.getId() + "/variables";

    assertInvalid(send("POST", taskVariables, """
        {"modifications":{"countries":{"value":"not json","type":"Json"}}}""", "cora"), "countries", "not valid JSON");
    assertInvalid(send("PUT", taskVariables + "/stray", "{\"value\":\"x\"}", "cora"), "stray", "not a variable");
    assertInvalid(send("POST", taskVariables, """
        {"modifications":{"triageNote":{"value":"abc\u202Edef","type":"String"}}}""", "cora"), "triageNote", "bidirectional");
    assertInvalid(send("POST", taskVariables, "{\"modifications\":{\"triageNote\":{\"value\":\"" + "n".repeat(4001) + "\"}}}", "cora"),
        "triageNote", "at most 4000 characters");
    assertInvalid(send("PUT", "/engine-rest/engine/default/task/" + task.getId() + "/variables/stray", "{\"value\":\"x\"}", "cora"),
        "stray", "not a variable");
    // Encoded, as the engine's API decodes it.
    assertInvalid(send("PUT", taskVariables + "/%74lp", "{\"value\":\"TLP:CLEAR\"}", "cora"), "tlp", "not a variable");
    assertInvalid(send("PUT", "/engine-rest/task/" + task.getId() + "/localVariables/triageNote", "{\"value\":true}", "cora"),
        "triageNote", "must be text");
    assertInvalid(send("POST", "/engine-rest/process-instance/" + task.getProcessInstanceId() + "/variables", """
        {"modifications":{"tlp":{"value":"TLP:CLEAR"}}}""", "cora"), "tlp", "not a variable");
    assertInvalid(send("PUT", "/engine-rest/process-instance/" + task.getProcessInstanceId() + "/variables/triageDecision",
        "{\"value\":\"OPEN\",\"type\":\"Date\"}", "cora"), "triageDecision", "must be of type String, not date");
    HttpResponse<String> upload = client.send(request("/engine-rest/task/" + task.getId() + "/variables/triageNote/data", "cora")
        .header("Content-Type", "multipart/form-data; boundary=b")
        .POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"data\"; filename=\"x.sh\"\r\n\r\nx\r\n--b--\r\n"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertInvalid(upload, "triageNote", "File and Bytes");
    assertThat(runtime.getVariable(task.getProcessInstanceId(), "tlp")).isEqualTo("TLP:AMBER");
    assertNothingStored(ref, task);

    // The form's own variables, with the form's types, are taken.
    assertThat(send("PUT", taskVariables + "/triageNote", "{\"value\":\"looks real\",\"type\":\"String\"}", "cora").statusCode()).isEqualTo(204);
    assertThat(tasks.getVariable(task.getId(), "triageNote")).isEqualTo("looks real");
  }

  @Test
  void clientErrorsOfTheEngineApiAreNever500() throws Exception {
    HttpResponse<String> missing = send("PUT", "/engine-rest/task/no-such-task/variables/triageNote", "{\"value\":\"x\"}", "cora");
    assertProblem(missing, 404);

    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    String instance = driver.process(ref).getId();
    driver.complete("cora", ref, "Task_TriageTip", vars("triageDecision", "REJECT", "triageNote", "spam"));
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).finished().count()).isEqualTo(1);
    assertProblem(send("GET", "/engine-rest/process-instance/" + instance + "/variables", null, "cora"), 404);

    HttpResponse<String> user = send("POST", "/engine-rest/user/create", """
        {"profile":{"id":"vera","firstName":"Vera","lastName":"Again","email":"vera2@example.org"},"credentials":{"password":"another-one-1"}}""", "admin");
    assertProblem(user, 409);
    assertThat(jdbc.queryForObject("select count(*) from ACT_ID_USER where ID_ = 'vera'", Integer.class)).isEqualTo(1);
    HttpResponse<String> member = send("PUT", "/engine-rest/group/vendors/members/vera", null, "admin");
    assertProblem(member, 409);
    assertThat(jdbc.queryForObject("select count(*) from ACT_ID_MEMBERSHIP where USER_ID_ = 'vera' and GROUP_ID_ = 'vendors'", Integer.class))
        .isEqualTo(1);
  }

  @Test
  void aNulInAnEvidenceFileNameIsRefusedNamingTheField() throws Exception {
    assertFileNameRefused("evil\u0000.sh".getBytes(StandardCharsets.UTF_8), "NUL character");
  }

  @Test
  void anEvidenceFileNameThatIsNotUtf8IsRefusedNotReplaced() throws Exception {
    assertFileNameRefused(new byte[] {'a', (byte) 0xC0, (byte) 0xAF, 'b', '.', 'b', 'i', 'n'}, "not valid UTF-8");
    assertFileNameRefused(new byte[] {'a', (byte) 0xFF, '.', 'b', 'i', 'n'}, "not valid UTF-8");
  }

  private void assertFileNameRefused(byte[] fileName, String message) throws Exception {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    String boundary = "name-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> fields = Map.of("description", "Disk image", "type", "disk-image", "collectedBy", "Vera",
        "collectedAt", "2026-11-02T14:30:00Z", "source", "rack 12");
    fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
        + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(fileName);
    body.writeBytes(("\"\r\nContent-Type: application/octet-stream\r\n\r\n0123456789abcdef\r\n--" + boundary + "--\r\n")
        .getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> response = client.send(request("/api/operations/" + ref + "/evidence", "cora")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());

    assertProblem(response, 400);
    assertThat(errors(response)).singleElement().satisfies(error -> {
      assertThat(error.get("field")).isEqualTo("file");
      assertThat((String) error.get("message")).contains(message);
    });
    assertThat(jdbc.queryForObject("select count(*) from evidence_item i join operation o on o.id = i.operation_id where o.reference = ?",
        Integer.class, ref)).isZero();
  }

  private void assertInvalid(HttpResponse<String> response, String field, String message) throws Exception {
    assertProblem(response, 400);
    assertThat(errors(response)).as(response.body()).anySatisfy(error -> {
      assertThat(error.get("field")).isEqualTo(field);
      assertThat((String) error.get("message")).contains(message);
    });
    assertThat(detail(response)).contains("Nothing was stored");
  }

  private void assertNothingStored(String ref, Task task) {
    assertThat(driver.task(ref, "Task_TriageTip").getId()).as("the task is still open").isEqualTo(task.getId());
    Map<String, Object> variables = runtime.getVariables(task.getProcessInstanceId());
    assertThat(variables).doesNotContainKeys("triageDecision", "triageNote", "url", "../../x.sh", "legalDecision", "stray");
    assertThat(tasks.getVariablesLocal(task.getId())).isEmpty();
    assertThat(variables.get("countries").toString()).isEqualTo("[\"DE\"]");
  }

  private void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(response.body()).doesNotContain("ENGINE-", "java.", "org.camunda", "Exception");
  }

  private String detail(HttpResponse<String> response) throws Exception {
    return (String) json.readValue(response.body(), Map.class).get("detail");
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> errors(HttpResponse<String> response) throws Exception {
    return (List<Map<String, Object>>) json.readValue(response.body(), Map.class).get("errors");
  }

  private HttpRequest.Builder request(String path, String user) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> send(String method, String path, String body, String user) throws Exception {
    HttpRequest.Builder request = request(path, user)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
