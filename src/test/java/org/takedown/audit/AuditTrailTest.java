package org.takedown.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.takedown.RawHttp;
import org.takedown.PostgresTest;

/** Every state-changing request is on record, whatever its outcome; engine actions in Camunda's log. */
@PostgresTest
class AuditTrailTest {

  @Autowired TestRestTemplate anonymous;
  @LocalServerPort int port;

  private List<Map<String, Object>> audit(String query) {
    ResponseEntity<List> response = anonymous.withBasicAuth("admin", "demo").getForEntity("/api/admin/audit?" + query, List.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  @Test
  void submissionsRefusalsAndEngineActionsAreRecorded() {
    TestRestTemplate vera = anonymous.withBasicAuth("vera", "demo");
    ResponseEntity<Map> created = vera.postForEntity("/api/tips", Map.of("title", "Audit me", "tlp", "TLP:GREEN", "countries", List.of("SE"),
        "indicators", List.of(Map.of("type", "ipv4-addr", "value", "198.51.100.7"))), Map.class);
    String ref = (String) created.getBody().get("reference");
    vera.postForEntity("/api/operations/" + ref + "/information", Map.of("information", "unasked"), Map.class);

    assertThat(audit("operation=" + ref)).extracting(e -> e.get("actor") + " " + e.get("via") + " " + e.get("action") + " " + e.get("status") + " " + e.get("outcome"))
        .containsExactly(
            "vera password POST /api/operations/" + ref + "/information 409 REFUSED",
            "vera password POST /api/tips 201 SUCCEEDED");

    anonymous.postForEntity("/api/tips", Map.of("title", "no credentials"), Map.class);
    assertThat(audit("actor=anonymous&limit=1")).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("action", "POST /api/tips").containsEntry("status", 401).containsEntry("via", "none"));

    // Completing a task through Camunda's REST API lands in the engine's user operation log, with the user.
    TestRestTemplate cora = anonymous.withBasicAuth("cora", "demo");
    var admin = anonymous.withBasicAuth("admin", "demo");
    List<Map<String, Object>> instances = admin.getForObject("/engine-rest/process-instance?businessKey={ref}", List.class, ref);
    for (int round = 0; round < 5; round++) {
      for (Map<String, Object> job : (List<Map<String, Object>>) admin.getForObject("/engine-rest/job?processInstanceId={id}", List.class, instances.get(0).get("id"))) {
        admin.postForEntity("/engine-rest/job/" + job.get("id") + "/execute", null, String.class);
      }
    }
    List<Map<String, Object>> tasks = cora.getForObject("/engine-rest/task?processInstanceBusinessKey={ref}", List.class, ref);
    cora.postForEntity("/engine-rest/task/" + tasks.get(0).get("id") + "/complete",
        Map.of("variables", Map.of("triageDecision", Map.of("value", "REJECT"))), String.class);
    List<Map<String, Object>> log = admin.getForObject(
        "/engine-rest/history/user-operation?taskId={task}&operationType=Complete", List.class, tasks.get(0).get("id"));
    assertThat(log).isNotEmpty().allSatisfy(entry -> assertThat(entry.get("userId")).isEqualTo("cora"));
    // The product's own trail names the operation of an engine task, read before the task is gone.
    assertThat(audit("operation=" + ref + "&actor=cora")).extracting(e -> e.get("action") + " " + e.get("status"))
        .contains("POST /engine-rest/task/" + tasks.get(0).get("id") + "/complete 204");
  }

  @Test
  void failedSignInsAreRecordedWithoutThePassword() throws IOException {
    // A client of its own (127.0.0.7) and a user name with a right-to-left override that no one else uses.
    String tried = "audit\u202Eprobe";
    RawHttp client = new RawHttp(port, "127.0.0.7");
    for (int i = 0; i < 6; i++) {
      client.get("/engine-rest/engine", Map.of("Authorization", RawHttp.basic(tried, "Secret-Tried-" + i)));
    }
    List<Map<String, Object>> events = anonymous.withBasicAuth("admin", "demo")
        .getForObject("/api/admin/audit?actor={actor}", List.class, "audit?probe");
    assertThat(events).extracting(e -> e.get("via") + " " + e.get("status") + " " + e.get("outcome") + " " + e.get("action"))
        .containsExactly(
            "engine-rest 429 REFUSED SIGN-IN THROTTLED from 127.0.0.7: refused without checking the password",
            "engine-rest 401 REFUSED SIGN-IN FAILED from 127.0.0.7: wrong user name or password",
            "engine-rest 401 REFUSED SIGN-IN FAILED from 127.0.0.7: wrong user name or password",
            "engine-rest 401 REFUSED SIGN-IN FAILED from 127.0.0.7: wrong user name or password",
            "engine-rest 401 REFUSED SIGN-IN FAILED from 127.0.0.7: wrong user name or password",
            "engine-rest 401 REFUSED SIGN-IN FAILED from 127.0.0.7: wrong user name or password");
    assertThat(events.toString()).doesNotContain("Secret-Tried");

    // A failed sign-in on a state-changing request is one row, not also an anonymous request.
    int anonymousRows = audit("actor=anonymous&limit=1000").size();
    client.send("POST", "/api/tips", Map.of("Authorization", RawHttp.basic("audit-post-probe", "Secret-Tried"),
        "Content-Type", "application/json"), "{}");
    assertThat(audit("actor=audit-post-probe")).extracting(e -> e.get("via") + " " + e.get("status") + " " + e.get("action"))
        .containsExactly("api-basic 401 SIGN-IN FAILED from 127.0.0.7: wrong user name or password");
    assertThat(audit("actor=anonymous&limit=1000")).hasSize(anonymousRows);
  }

  @Test
  void onlyAdministratorsReadTheAuditTrail() {
    assertThat(anonymous.withBasicAuth("cora", "demo").getForEntity("/api/admin/audit", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(anonymous.getForEntity("/api/admin/audit", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.withBasicAuth("admin", "demo").getForEntity("/api/admin/audit?limit=0", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }
}
