package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.ProcessDriver;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;

/**
 * A 404 of the engine's REST API says in plain words which id of the address is not there, whatever the engine
 * failed with on the way ("processInstance is null", a 400, a 500), for every caller.
 */
@TakedownTest
class EngineRestErrorsTest {

  private static final String UNKNOWN = "00000000-dead-beef-0000-000000000000";

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired IdentityService identity;
  private final HttpClient client = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  static Stream<Arguments> unknownIds() {
    return Stream.of("admin", "cora").flatMap(user -> Stream.of(
        Arguments.of(user, "GET", "task/" + UNKNOWN, "There is no task " + UNKNOWN + " (it may have been completed or deleted)."),
        Arguments.of(user, "GET", "task/" + UNKNOWN + "/deployed-form", "There is no task " + UNKNOWN),
        Arguments.of(user, "GET", "task/" + UNKNOWN + "/form-variables", "There is no task " + UNKNOWN),
        Arguments.of(user, "GET", "task/" + UNKNOWN + "/identity-links", "There is no task " + UNKNOWN),
        Arguments.of(user, "POST", "task/" + UNKNOWN + "/assignee", "There is no task " + UNKNOWN),
        Arguments.of(user, "GET", "process-instance/" + UNKNOWN, "There is no process instance " + UNKNOWN + " (it may have ended"),
        Arguments.of(user, "GET", "process-instance/" + UNKNOWN + "/activity-instances", "There is no process instance " + UNKNOWN),
        Arguments.of(user, "GET", "process-instance/" + UNKNOWN + "/variables", "There is no process instance " + UNKNOWN),
        Arguments.of(user, "DELETE", "process-instance/" + UNKNOWN, "There is no process instance " + UNKNOWN),
        Arguments.of(user, "GET", "execution/" + UNKNOWN, "There is no execution " + UNKNOWN),
        Arguments.of(user, "POST", "execution/" + UNKNOWN + "/signal", "There is no execution " + UNKNOWN),
        Arguments.of(user, "GET", "group/no-such-group", "There is no group no-such-group."),
        Arguments.of(user, "GET", "user/no-such-user/profile", "There is no user no-such-user."),
        Arguments.of(user, "GET", "job/" + UNKNOWN + "/stacktrace", "There is no job " + UNKNOWN),
        Arguments.of(user, "PUT", "job/" + UNKNOWN + "/retries", "There is no job " + UNKNOWN),
        Arguments.of(user, "GET", "incident/" + UNKNOWN, "There is no incident " + UNKNOWN),
        Arguments.of(user, "PUT", "incident/" + UNKNOWN + "/annotation", "There is no incident " + UNKNOWN),
        Arguments.of(user, "GET", "variable-instance/" + UNKNOWN, "There is no variable " + UNKNOWN),
        Arguments.of(user, "GET", "history/process-instance/" + UNKNOWN, "There is no process instance " + UNKNOWN + " in the history.")));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("unknownIds")
  void anUnknownIdIsNamedInPlainWords(String user, String method, String path, String detail) throws Exception {
    String body = method.equals("GET") || method.equals("DELETE") ? null
        : path.endsWith("/retries") ? "{\"retries\":1}" : path.endsWith("/annotation") ? "{\"annotation\":\"x\"}"
        : path.endsWith("/assignee") ? "{\"userId\":\"cora\"}" : "{}";
    HttpResponse<String> response = send(method, "/engine-rest/" + path, body, user);

    assertNotFound(response);
    assertThat(detail(response)).startsWith(detail);
    if (!method.equals("GET")) {
      assertThat(detail(response)).endsWith("Nothing was changed.");
    }
  }

  @Test
  void aGroupsMembersNameTheGroupOrTheUserThatIsMissing() throws Exception {
    HttpResponse<String> group = send("PUT", "/engine-rest/group/no-such-group/members/cora", null, "admin");
    assertNotFound(group);
    assertThat(detail(group)).isEqualTo("There is no group no-such-group. Nothing was changed.");

    HttpResponse<String> user = send("PUT", "/engine-rest/group/vendors/members/no-such-user", null, "admin");
    assertNotFound(user);
    assertThat(detail(user)).isEqualTo("There is no user no-such-user. Nothing was changed.");
    assertThat(identity.createUserQuery().memberOfGroup("vendors").userId("no-such-user").count()).isZero();
  }

  @Test
  void identityLinksOfAMissingTaskNameTheTask() throws Exception {
    HttpResponse<String> add = send("POST", "/engine-rest/task/" + UNKNOWN + "/identity-links",
        "{\"groupId\":\"coordinators\",\"type\":\"candidate\"}", "cora");
    assertNotFound(add);
    assertThat(detail(add)).startsWith("There is no task " + UNKNOWN);

    HttpResponse<String> delete = send("POST", "/engine-rest/task/" + UNKNOWN + "/identity-links/delete",
        "{\"groupId\":\"coordinators\",\"type\":\"candidate\"}", "cora");
    assertNotFound(delete);
    assertThat(detail(delete)).startsWith("There is no task " + UNKNOWN);
  }

  @Test
  void whatIsMissingOfAnExistingTaskOrInstanceIsNamed() throws Exception {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    Task task = driver.task(ref, "Task_TriageTip");

    HttpResponse<String> variable = send("GET", "/engine-rest/task/" + task.getId() + "/variables/noSuchVariable", null, "cora");
    assertNotFound(variable);
    assertThat(detail(variable)).isEqualTo("Task " + task.getId() + " has no variable noSuchVariable.");

    HttpResponse<String> instanceVariable = send("GET", "/engine-rest/process-instance/" + task.getProcessInstanceId()
        + "/variables/noSuchVariable", null, "cora");
    assertNotFound(instanceVariable);
    assertThat(detail(instanceVariable)).isEqualTo("Process instance " + task.getProcessInstanceId() + " has no variable noSuchVariable.");
  }

  @Test
  void anAddressTheApiDoesNotHaveSaysSo() throws Exception {
    HttpResponse<String> nothing = send("GET", "/engine-rest/history/process-instance/" + UNKNOWN + "/variables", null, "cora");
    assertNotFound(nothing);
    assertThat(detail(nothing)).isEqualTo("There is nothing at this address of the engine's REST API; "
        + "check it against Camunda's REST API reference.");
  }

  @Test
  void anIdTheEnginesRulesRefuseIsInvalidInputNot500() throws Exception {
    HttpResponse<String> group = send("POST", "/engine-rest/group/create", "{\"id\":\"two words\",\"name\":\"x\"}", "admin");
    assertThat(group.statusCode()).as(group.body()).isEqualTo(400);
    assertThat(group.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(detail(group)).isEqualTo("The id 'two words' is not allowed for a group: an id holds letters and digits, and only "
        + "the separators this server's id rules allow; nothing was stored.");
    assertThat(identity.createGroupQuery().groupId("two words").count()).isZero();

    HttpResponse<String> user = send("POST", "/engine-rest/user/create",
        "{\"profile\":{\"id\":\"a/b\",\"firstName\":\"A\",\"lastName\":\"B\"},\"credentials\":{\"password\":\"long-enough-1\"}}", "admin");
    assertThat(user.statusCode()).as(user.body()).isEqualTo(400);
    assertThat(detail(user)).startsWith("The id 'a/b' is not allowed for a user");
    assertThat(user.body()).doesNotContain("ENGINE-", "Exception", "resource identifier");
  }

  @Test
  void claimingATaskSomeoneHoldsIsAConflictThatNamesNobody() throws Exception {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    Task task = driver.task(ref, "Task_TriageTip");
    String holder = driver.user("holding-coordinator", "coordinators");
    String other = driver.user("claiming-coordinator", "coordinators");
    assertThat(send("POST", "/engine-rest/task/" + task.getId() + "/assignee", "{\"userId\":\"" + holder + "\"}", holder).statusCode())
        .isEqualTo(204);

    String path = "/engine-rest/task/" + task.getId() + "/claim";
    HttpResponse<String> claim = send("POST", path, "{\"userId\":\"" + other + "\"}", other);

    assertProblem(claim, 409, path);
    assertThat(detail(claim)).startsWith("This task is already claimed by someone else; unclaim it first or ask them.");
    assertThat(claim.body()).doesNotContain(holder);
    assertThat(driver.engine().getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo(holder);
  }

  @Test
  void aTaskOfAnOperationIsNotDeletedAndTheAnswerSaysWhy() throws Exception {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    Task task = driver.task(ref, "Task_TriageTip");
    String path = "/engine-rest/task/" + task.getId();

    HttpResponse<String> delete = send("DELETE", path, null, "cora");
    assertProblem(delete, 409, path);
    assertThat(detail(delete)).isEqualTo("This task belongs to a running operation and cannot be deleted; a task of an operation "
        + "ends when its form is completed. Nothing was changed.");

    assertThat(send("DELETE", "/engine-rest/engine/default/task/" + task.getId(), null, "cora").statusCode()).isEqualTo(409);

    // A legal officer does not see a triage task: told it is not there, as for any other request on it.
    HttpResponse<String> unseen = send("DELETE", path, null, "lena");
    assertNotFound(unseen);
    assertThat(detail(unseen)).startsWith("There is no task " + task.getId());
    assertThat(driver.task(ref, "Task_TriageTip").getId()).isEqualTo(task.getId());
  }

  @Test
  void aConditionNoProcessWaitsForIsInvalidInputNot500() throws Exception {
    HttpResponse<String> condition = send("POST", "/engine-rest/condition", "{\"variables\":{\"x\":{\"value\":1,\"type\":\"Integer\"}}}",
        "cora");
    // 400 from the engine's answer, or 403 where EngineShortcuts refuses /condition before the engine sees it; never 500.
    assertThat(condition.statusCode()).as(condition.body()).isIn(400, 403);
    assertProblem(condition, condition.statusCode(), "/engine-rest/condition");

    // The engine's answer itself: a plain ProcessEngineException with its code.
    var response = EngineRestErrors.problem(new org.camunda.bpm.engine.ProcessEngineException(
        "ENGINE-13043 No subscriptions were found during evaluation of the conditional start events."));
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(((Map<?, ?>) response.getEntity()).get("detail").toString()).startsWith("No process waits for a condition")
        .doesNotContain("ENGINE-", "subscriptions");
  }

  @Test
  void aValueLongerThanItsColumnIsInvalidInputNot500() {
    // Behind IdentityInput, which names the field: the database's "value too long" (SQLState 22001) for any other column.
    java.sql.SQLException tooLong = new java.sql.SQLDataException("Value too long for column \"USER_ID_\"", "22001");
    var response = EngineRestErrors.problem(new org.camunda.bpm.engine.ProcessEnginePersistenceException("persistence", tooLong));
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getEntity().toString()).contains("longer than the engine's database holds").doesNotContain("USER_ID_", "Exception");
  }

  @Test
  void anEncodedDotSegmentOntoTheEngineIsTheFirewallsRefusalNot500() throws Exception {
    // Tomcat maps /x/%2e%2e/engine-rest/task onto the Jersey servlet at /engine-rest; the firewall refuses it first.
    for (String path : List.of("/x/%2e%2e/engine-rest/task", "/x/%2E%2E/engine-rest/task",
        "/x/%2e%2e/camunda/api/engine/engine/default/task", "/x/%2e%2e/api/operations")) {
      RawHttp.Reply reply = new RawHttp(port, "127.0.0.1").get(path, Map.of("Authorization", RawHttp.basic("cora", "demo")));
      assertThat(reply.status()).as(path + " " + reply.body()).isEqualTo(400);
      assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
      Map<?, ?> problem = json.readValue(reply.body(), Map.class);
      assertThat(problem.get("detail").toString()).startsWith("The address of the request is not allowed");
      assertThat(problem.get("instance")).isEqualTo(path);
      assertThat(reply.body()).doesNotContain("contextPath", "Exception", "Internal");
    }
    RawHttp.Reply taxii = new RawHttp(port, "127.0.0.1").get("/taxii2/%2e%2e/engine-rest/task", Map.of());
    assertThat(taxii.status()).isEqualTo(400);
    assertThat(taxii.header("Content-Type")).startsWith("application/taxii+json");
  }

  @Test
  void theIdsAreShownOnOneLineAndShort() {
    assertThat(EngineRestNotFound.shown("a\u202Eb\nc")).isEqualTo("a?b?c");
    assertThat(EngineRestNotFound.shown("x".repeat(200))).hasSize(81).endsWith("…");
  }

  private void assertProblem(HttpResponse<String> response, int status, String instance) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(json.readValue(response.body(), Map.class).get("instance")).isEqualTo(instance);
    assertThat(response.body()).doesNotContain("ENGINE-", "java.", "org.camunda", "Exception", "subscriptions");
  }

  private void assertNotFound(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(json.readValue(response.body(), Map.class).get("title").toString()).isIn("Not found", "Not Found");
    assertThat(response.body()).doesNotContain("ENGINE-", "java.", "org.camunda", "Exception", " is null", "processInstance",
        "does not exist", "email");
  }

  private String detail(HttpResponse<String> response) throws Exception {
    return (String) json.readValue(response.body(), Map.class).get("detail");
  }

  private HttpResponse<String> send(String method, String path, String body, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
