package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.ProcessDriver;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;

/**
 * A value the engine refuses reaches Tasklist's user as one plain sentence, through the webapp API
 * Tasklist itself calls, and the log holds one WARN line for it, without a stack trace.
 */
@TakedownTest
class TasklistRefusalTest {

  private static final String SENTENCE = "Give the legal basis for the approval.";

  @Autowired ProcessDriver driver;
  @LocalServerPort int port;

  private final ObjectMapper json = new ObjectMapper();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void captureLog() {
    log.start();
    root.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    root.detachAppender(log);
  }

  @Test
  void tasklistShowsThePlainSentenceAndTheLogOneWarnLine() throws IOException {
    String ref = driver.openForLegalReview(tip("TLP:AMBER", list("DE")));
    String officer = driver.user("refusal-officer", "legal");
    Task review = driver.task(ref, "Task_LegalReview");
    RawHttp client = new RawHttp(port, "127.0.0.11");
    Map<String, String> session = signIn(client, officer);
    String api = "/camunda/api/engine/engine/default/task/" + review.getId();

    RawHttp.Reply claim = client.send("POST", api + "/claim", session, "{\"userId\":\"" + officer + "\"}");
    assertThat(claim.status()).as(claim.headers() + claim.body()).isEqualTo(204);
    log.list.clear();
    RawHttp.Reply refused = client.send("POST", api + "/submit-form", session, """
        {"variables":{"legalDecision":{"value":"APPROVE","type":"String"},"releaseTlp":{"value":"TLP:AMBER","type":"String"}}}""");

    assertThat(refused.status()).isEqualTo(400);
    Map<?, ?> body = json.readValue(refused.body(), Map.class);
    assertThat(body.get("message")).isEqualTo(SENTENCE);
    assertThat(refused.body()).doesNotContain("ENGINE-", "Task_", "legalBasis", "Exception while");
    assertThat(driver.task(ref, "Task_LegalReview").getId()).as("the task stays open").isEqualTo(review.getId());
    assertOneWarnLine();

    // The engine's REST API answers problem+json: the same sentence, and the field for programs.
    log.list.clear();
    RawHttp.Reply rest = client.send("POST", "/engine-rest/task/" + review.getId() + "/complete",
        Map.of("Authorization", RawHttp.basic(officer, "demo"), "Content-Type", "application/json"), """
        {"variables":{"legalDecision":{"value":"APPROVE"}}}""");
    assertThat(rest.status()).isEqualTo(400);
    assertThat(rest.header("Content-Type")).startsWith("application/problem+json");
    Map<?, ?> problem = json.readValue(rest.body(), Map.class);
    assertThat((String) problem.get("detail")).startsWith(SENTENCE).doesNotContain("ENGINE-", "Task_");
    assertThat(problem.get("errors")).asString().contains("legalBasis");
    assertOneWarnLine();

    // Completed with a legal basis, through the same API.
    assertThat(client.send("POST", api + "/submit-form", session, """
        {"variables":{"legalDecision":{"value":"APPROVE","type":"String"},"legalBasis":{"value":"Art. 4 mandate","type":"String"},
         "releaseTlp":{"value":"TLP:AMBER","type":"String"}}}""").status()).isEqualTo(204);
    assertThat(driver.engine().getTaskService().createTaskQuery().taskId(review.getId()).count()).isZero();
  }

  @Test
  void tasklistTakesOnlyTheFormsVariablesWithTheirTypes() throws IOException {
    String ref = driver.openForLegalReview(tip("TLP:AMBER", list("DE")));
    String officer = driver.user("strict-officer", "legal");
    Task review = driver.task(ref, "Task_LegalReview");
    RawHttp client = new RawHttp(port, "127.0.0.12");
    Map<String, String> session = signIn(client, officer);
    String api = "/camunda/api/engine/engine/default/task/" + review.getId();

    RawHttp.Reply stray = client.send("POST", api + "/submit-form", session, """
        {"variables":{"legalDecision":{"value":"APPROVE","type":"String"},"legalBasis":{"value":"Art. 4","type":"String"},
         "releaseTlp":{"value":"TLP:AMBER","type":"String"},"tlp":{"value":"TLP:CLEAR","type":"String"}}}""");
    assertThat(stray.status()).isEqualTo(400);
    assertThat(json.readValue(stray.body(), Map.class).get("message")).asString().startsWith("The variable 'tlp' is not a variable of this task's form");

    RawHttp.Reply mistyped = client.send("PUT", api + "/variables/legalBasis", session, "{\"value\":5,\"type\":\"Integer\"}");
    assertThat(mistyped.status()).isEqualTo(400);
    assertThat(json.readValue(mistyped.body(), Map.class).get("message")).isEqualTo("The legal basis (legalBasis) must be of type String, "
        + "not integer. Nothing was stored; fix it and send it again.");

    RawHttp.Reply broken = client.send("POST", api + "/submit-form", session, "{\"variables\":{");
    assertThat(broken.status()).isEqualTo(400);
    Map<?, ?> notJson = json.readValue(broken.body(), Map.class);
    assertThat(notJson.get("type")).isEqualTo("Invalid input");
    assertThat(notJson.get("message")).asString().startsWith("The request body is not valid JSON at line 1, column ")
        .contains("it ends too early").doesNotContain("Source", "REDACTED", "Feature", "Exception");

    // Tasklist's "Start process" would begin an operation without a tip.
    RawHttp.Reply start = client.send("POST", "/camunda/api/engine/engine/default/process-definition/key/joint-takedown/submit-form",
        session, "{\"variables\":{},\"businessKey\":\"OP-2099-0002\"}");
    assertThat(start.status()).isEqualTo(403);
    assertThat(json.readValue(start.body(), Map.class).get("message")).asString().startsWith("An operation begins with a vendor's tip");
    assertThat(driver.engine().getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("OP-2099-0002").count()).isZero();

    assertThat(driver.task(ref, "Task_LegalReview").getId()).as("the task stays open").isEqualTo(review.getId());
    assertThat(driver.engine().getRuntimeService().getVariable(review.getProcessInstanceId(), "tlp")).isEqualTo("TLP:AMBER");
    assertThat(driver.engine().getTaskService().getVariable(review.getId(), "legalBasis")).isNull();
  }

  @Test
  void otherErrorsKeepTheirStackTrace() {
    RefusalLogFilter filter = new RefusalLogFilter();
    Logger engine = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine.context");
    RuntimeException other = new IllegalStateException("database gone");
    assertThat(filter.decide(null, engine, Level.ERROR, "ENGINE-16004 {}", new Object[] {other}, null))
        .isEqualTo(ch.qos.logback.core.spi.FilterReply.NEUTRAL);
    RuntimeException wrapped = new RuntimeException("ENGINE-03051", new TaskInput.Refused("Give it.", List.of()));
    assertThat(filter.decide(null, engine, Level.ERROR, "ENGINE-16004 {}", new Object[] {wrapped}, null))
        .isEqualTo(ch.qos.logback.core.spi.FilterReply.DENY);
  }

  private void assertOneWarnLine() {
    List<ILoggingEvent> lines = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    assertThat(lines).as("WARN and ERROR lines: %s", lines).hasSize(1);
    assertThat(lines.get(0).getLevel()).isEqualTo(Level.WARN);
    assertThat(lines.get(0).getFormattedMessage()).contains(SENTENCE, "Task_LegalReview");
    assertThat(lines.get(0).getThrowableProxy()).isNull();
  }

  /** Signs in to Tasklist as its page does: CSRF token first, then the login form; the headers of the session. */
  private static Map<String, String> signIn(RawHttp client, String user) throws IOException {
    RawHttp.Reply page = client.get("/camunda/app/tasklist/default/", Map.of());
    Map<String, String> cookies = new LinkedHashMap<>();
    collect(cookies, page);
    String csrf = page.header("X-XSRF-TOKEN");
    RawHttp.Reply login = client.send("POST", "/camunda/api/admin/auth/user/default/login/tasklist",
        Map.of("Cookie", header(cookies), "X-XSRF-TOKEN", csrf, "Content-Type", "application/x-www-form-urlencoded"),
        "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo");
    assertThat(login.status()).isEqualTo(200);
    collect(cookies, login);
    // The session is new after sign-in, and so is its CSRF token: the next page load fetches it.
    RawHttp.Reply after = client.get("/camunda/app/tasklist/default/", Map.of("Cookie", header(cookies)));
    collect(cookies, after);
    csrf = after.header("X-XSRF-TOKEN") != null ? after.header("X-XSRF-TOKEN") : cookies.getOrDefault("XSRF-TOKEN", csrf);
    return Map.of("Cookie", header(cookies), "X-XSRF-TOKEN", csrf, "Content-Type", "application/json");
  }

  private static void collect(Map<String, String> cookies, RawHttp.Reply reply) {
    reply.all("Set-Cookie").forEach(c -> {
      String pair = c.split(";")[0];
      cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    });
  }

  private static String header(Map<String, String> cookies) {
    return String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }
}
