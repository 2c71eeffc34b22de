package org.takedown.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;

/** The engine itself refuses tasks of another role or country, whatever client asks. */
@TakedownTest
class EngineAuthorizationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired ProcessDriver driver;
  @Autowired IdentityService identity;

  private ResponseEntity<Map> complete(String user, String taskId, Map<String, Object> variables) {
    return anonymous.withBasicAuth(user, "demo").postForEntity("/engine-rest/task/" + taskId + "/complete",
        Map.of("variables", variables), Map.class);
  }

  @Test
  void aLegalOfficerCannotCompleteACoordinatorTask() {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    String triage = driver.task(ref, "Task_TriageTip").getId();

    ResponseEntity<Map> refused = complete("lena", triage, Map.of("triageDecision", Map.of("value", "REJECT")));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getBody().get("title")).isEqualTo("Forbidden");
    assertThat((String) refused.getBody().get("detail")).contains("lena", "does not have");
    assertThatThrownBy(() -> driver.complete("lena", ref, "Task_TriageTip", vars("triageDecision", "REJECT")))
        .isInstanceOf(AuthorizationException.class);
    assertThat(driver.task(ref, "Task_TriageTip").getId()).isEqualTo(triage);
    assertThat(complete("cora", triage, Map.of("triageDecision", Map.of("value", "REJECT"))).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void aCoordinatorCannotDecideALegalReview() {
    String ref = driver.openForLegalReview(tip("TLP:AMBER", list("DE")));
    String review = driver.task(ref, "Task_LegalReview").getId();
    assertThat(complete("cora", review, Map.of("legalDecision", Map.of("value", "APPROVE"), "legalBasis", Map.of("value", "x")))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void aGermanUnitCannotCompleteTheFrenchUnitsTask() {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("DE", "FR")));
    String german = driver.officer("DE");
    driver.officer("FR");
    String french = driver.task(ref, "Task_RespondToAssignment", "FR").getId();

    List<Map<String, Object>> visible = anonymous.withBasicAuth(german, "demo")
        .getForObject("/engine-rest/task?processInstanceBusinessKey={ref}", List.class, ref);
    assertThat(visible).extracting(t -> t.get("name")).containsExactly(ref + " · Respond to assignment · Germany · C2 servers of a banking trojan");
    assertThat(complete(german, french, Map.of("assignmentResponse", Map.of("value", "DECLINE"))).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThatThrownBy(() -> driver.complete(german, ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "DECLINE")))
        .isInstanceOf(AuthorizationException.class);

    assertThat(complete("officer-fr", french, Map.of("assignmentResponse", Map.of("value", "ACCEPT"))).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void vendorsCannotBypassTheApiThroughTheEngine() {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    TestRestTemplate vera = anonymous.withBasicAuth("vera", "demo");
    // Vendors use the product's API; the engine's REST API refuses them before the engine is asked.
    List<ResponseEntity<String>> refused = List.of(
        vera.postForEntity("/engine-rest/message", Map.of("messageName", "Msg_TipWithdrawn", "businessKey", ref), String.class),
        vera.postForEntity("/engine-rest/process-definition/key/joint-takedown/start", Map.of("businessKey", "OP-2099-0001"),
            String.class),
        vera.getForEntity("/engine-rest/task?processInstanceBusinessKey={ref}", String.class, ref),
        vera.getForEntity("/engine-rest/engine", String.class));
    assertThat(refused).allSatisfy(response -> {
      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
      assertThat(response.getBody()).contains("Your role does not allow this request.");
    });
    // The tip's withdrawal message did not reach the process.
    assertThat(driver.task(ref, "Task_TriageTip")).isNotNull();
  }

  @Test
  void usersWithoutARoleGetNoEngineAccessEither() {
    if (identity.createUserQuery().userId("no-role-engine").count() == 0) {
      User user = identity.newUser("no-role-engine");
      user.setPassword("demo");
      identity.saveUser(user);
    }
    ResponseEntity<String> refused = anonymous.withBasicAuth("no-role-engine", "demo").getForEntity("/engine-rest/task", String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getBody()).contains("Your role does not allow this request.");
    // A national unit's officer is let in, and sees only what the engine allows.
    assertThat(anonymous.withBasicAuth(driver.officer("NL"), "demo").getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }
}
