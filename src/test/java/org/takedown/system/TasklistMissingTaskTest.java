package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.ProcessDriver;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;

/**
 * Tasklist's API (Camunda's own JAX-RS application, with Camunda's exception mappers) on a task that is not there, or
 * that someone else holds, answers in plain words in the webapp's format, not 500 with the engine's message.
 */
@TakedownTest
class TasklistMissingTaskTest {

  private static final String MISSING = "00000000-0000-0000-0000-000000000000";

  @Autowired ProcessDriver driver;
  @LocalServerPort int port;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aMissingTaskIsNotFoundInPlainWords() throws IOException {
    String coordinator = driver.user("tasklist-missing", "coordinators");
    RawHttp client = new RawHttp(port, "127.0.0.31");
    Map<String, String> session = IdentityInputTest.signIn(client, "tasklist", coordinator);
    String api = "/camunda/api/engine/engine/default/task/" + MISSING;

    for (String what : new String[] {"/submit-form", "/variables", "/complete", "/claim"}) {
      RawHttp.Reply reply = IdentityInputTest.post(client, session, api + what, "{\"variables\":{},\"modifications\":{},\"userId\":\""
          + coordinator + "\"}");
      assertNotFound(reply, "There is no task " + MISSING + "; it may have been completed meanwhile. Nothing was changed.");
    }
    RawHttp.Reply variables = client.get(api + "/variables", Map.of("Cookie", IdentityInputTest.header(session)));
    assertNotFound(variables, "There is no task " + MISSING + "; it may have been completed meanwhile.");
  }

  @Test
  void aTaskCompletedMeanwhileIsNotFoundAndOneSomeoneHoldsIsAConflict() throws IOException {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    Task triage = driver.task(ref, "Task_TriageTip");
    String holder = driver.user("tasklist-holder", "coordinators");
    String other = driver.user("tasklist-claimer", "coordinators");
    driver.engine().getTaskService().setAssignee(triage.getId(), holder);
    RawHttp client = new RawHttp(port, "127.0.0.32");
    Map<String, String> session = IdentityInputTest.signIn(client, "tasklist", other);
    String api = "/camunda/api/engine/engine/default/task/" + triage.getId();

    RawHttp.Reply claim = IdentityInputTest.post(client, session, api + "/claim", "{\"userId\":\"" + other + "\"}");
    assertThat(claim.status()).as(claim.body()).isEqualTo(409);
    Map<?, ?> held = json.readValue(claim.body(), Map.class);
    assertThat(held.get("type")).isEqualTo("Already claimed");
    assertThat(held.get("message")).isEqualTo("This task is already claimed by someone else; unclaim it first or ask them.");
    assertThat(claim.body()).doesNotContain(holder);

    // Completed by the holder while the other still had the form open.
    driver.engine().getTaskService().setAssignee(triage.getId(), null);
    driver.complete("cora", triage, ProcessDriver.vars("triageDecision", "REJECT", "triageNote", "Out of scope"));
    RawHttp.Reply late = IdentityInputTest.post(client, session, api + "/submit-form", "{\"variables\":{}}");
    assertNotFound(late, "There is no task " + triage.getId() + "; it may have been completed meanwhile. Nothing was changed.");
  }

  private void assertNotFound(RawHttp.Reply reply, String message) throws IOException {
    assertThat(reply.status()).as(reply.body()).isEqualTo(404);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    Map<?, ?> body = json.readValue(reply.body(), Map.class);
    assertThat(body.get("type")).isEqualTo("Not found");
    assertThat(body.get("message")).isEqualTo(message);
    assertThat(reply.body()).doesNotContain("RestException", "ENGINE-", "task is null", "Exception");
  }
}
