package org.takedown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A whole operation driven as an API client would: the product's API for tips and operations,
 * Camunda's REST API for tasks. The job executor is off in tests, so an administrator executes the
 * due jobs through the REST API, where the executor would otherwise pick them up.
 */
@TakedownTest
class JointTakedownApiTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired ProcessDriver driver;
  TestRestTemplate http;

  /** Each step is taken by the user whose job it is. */
  private TestRestTemplate as(String user) {
    return http = anonymous.withBasicAuth(user, "demo");
  }

  @Test
  void operationFromTipToClosure() {
    ResponseEntity<Map> created = as("vera").postForEntity("/api/tips", Map.of(
        "title", "Ransomware affiliate infrastructure", "tlp", "TLP:AMBER", "countries", List.of("DE", "FR"),
        "indicators", List.of(Map.of("type", "ipv4-addr", "value", "192.0.2.44"))), Map.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String ref = (String) created.getBody().get("reference");
    as("cora");
    runJobs(ref);
    assertThat(openTaskKeys(ref)).containsExactly("Task_TriageTip");

    complete(ref, "Task_TriageTip", Map.of(
        "triageDecision", Map.of("value", "OPEN"),
        "countries", Map.of("value", "[\"DE\",\"FR\"]", "type", "Json")));
    assertThat(stage(ref)).isEqualTo("LEGAL_REVIEW");

    // A bad value is refused by the engine with 400, and the task stays open.
    as("lena");
    String legal = taskId(ref, "Task_LegalReview");
    ResponseEntity<Map> refused = http.postForEntity("/engine-rest/task/" + legal + "/complete",
        Map.of("variables", Map.of("legalDecision", Map.of("value", "PERHAPS"))), Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) refused.getBody().get("detail")).startsWith("The legal decision must be one of APPROVE, REJECT, REQUEST_INFO, not 'PERHAPS'.")
        .doesNotContain("Task_", "ENGINE-");
    assertThat(refused.getBody().get("errors")).asString().contains("legalDecision");
    complete(ref, "Task_LegalReview", Map.of(
        "legalDecision", Map.of("value", "APPROVE"), "legalBasis", Map.of("value", "Art. 4 mandate"),
        "releaseTlp", Map.of("value", "TLP:AMBER")));
    as("cora");
    runJobs(ref);
    assertThat(stage(ref)).isEqualTo("NATIONAL_ASSIGNMENT");

    // Coordinators cannot see the units' tasks; each unit's officer answers for its country.
    assertThat(http.getForObject("/engine-rest/task?processInstanceBusinessKey={ref}", List.class, ref)).isEmpty();
    for (String country : List.of("de", "fr")) {
      as(officer(country));
      complete(ref, "Task_RespondToAssignment", Map.of("assignmentResponse", Map.of("value", "ACCEPT"), "responseNote", Map.of("value", "on it")));
    }
    as("cora");
    assertThat(stage(ref)).isEqualTo("EVIDENCE_HANDOVER");

    // The register's own API belongs to the evidence feature; here the items are registered directly.
    List<String> items = driver.registerEvidence(ref, "Disk image");
    for (int country = 0; country < 2; country++) {
      complete(ref, "Task_PrepareEvidencePackage", Map.of("evidenceItems", Map.of("value", ProcessDriver.evidencePackage(items), "type", "Json")));
    }
    runJobs(ref);
    for (String country : List.of("de", "fr")) {
      as(officer(country));
      complete(ref, "Task_ConfirmReceipt", Map.of("receiptConfirmed", Map.of("value", true),
          "reportedSha256", Map.of("value", driver.matchingHashes(ref, items), "type", "Json")));
      complete(ref, "Task_ReportResults", Map.of("resultsComplete", Map.of("value", true)));
    }
    as("cora");
    assertThat(stage(ref)).isEqualTo("OUTCOME");

    complete(ref, "Task_RecordOutcome", Map.of("outcomeSummary", Map.of("value", "Servers seized in DE and FR"),
        "outcomes", Map.of("value", "DE: 4 servers seized\nFR: 2 domains sinkholed")));
    runJobs(ref);

    Map<?, ?> operation = http.getForObject("/api/operations/" + ref, Map.class);
    assertThat(operation.get("stage")).isEqualTo("CLOSED");
    assertThat(operation.get("outcomeSummary")).isEqualTo("Servers seized in DE and FR");
    assertThat((List<Map<String, Object>>) operation.get("countries"))
        .extracting(c -> c.get("country") + " " + c.get("status") + " " + c.get("handoverStatus") + " " + c.get("outcome"))
        .containsExactly("DE ACCEPTED RECEIVED 4 servers seized", "FR ACCEPTED RECEIVED 2 domains sinkholed");
    assertThat((List<?>) operation.get("openTasks")).isEmpty();
    List<Map<String, Object>> closed = http.getForObject("/api/operations?stage=CLOSED", List.class);
    assertThat(closed).extracting(o -> o.get("reference")).contains(ref);
  }

  /** An officer of a national unit, created by an administrator through the REST API. */
  private String officer(String country) {
    String id = "api-officer-" + country;
    TestRestTemplate admin = anonymous.withBasicAuth("admin", "demo");
    if (admin.getForEntity("/engine-rest/user/" + id + "/profile", String.class).getStatusCode() == HttpStatus.NOT_FOUND) {
      ResponseEntity<String> created = admin.postForEntity("/engine-rest/user/create",
          Map.of("profile", Map.of("id", id, "firstName", "Officer", "lastName", country), "credentials", Map.of("password", "demo")), String.class);
      assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
      admin.put("/engine-rest/group/unit-" + country + "/members/" + id, null);
    }
    return id;
  }

  private String stage(String ref) {
    return (String) http.getForObject("/api/operations/" + ref, Map.class).get("stage");
  }

  private List<String> openTaskKeys(String ref) {
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) http.getForObject("/api/operations/" + ref, Map.class).get("openTasks");
    return tasks.stream().map(t -> (String) t.get("key")).toList();
  }

  private String taskId(String ref, String key) {
    List<Map<String, Object>> tasks = http.getForObject(
        "/engine-rest/task?processInstanceBusinessKey={ref}&taskDefinitionKey={key}", List.class, ref, key);
    assertThat(tasks).as("open %s of %s", key, ref).isNotEmpty();
    return (String) tasks.get(0).get("id");
  }

  private void complete(String ref, String key, Map<String, Object> variables) {
    ResponseEntity<String> response = http.postForEntity("/engine-rest/task/" + taskId(ref, key) + "/complete",
        Map.of("variables", variables), String.class);
    assertThat(response.getStatusCode()).as("complete %s: %s", key, response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    runJobs(ref);
  }

  private void runJobs(String ref) {
    TestRestTemplate admin = anonymous.withBasicAuth("admin", "demo");
    // Each job may lead to the next (a step, then its notices), so execute until none is due.
    for (int round = 0; round < 10; round++) {
      if (!runDueJobs(admin, ref)) {
        return;
      }
    }
  }

  private boolean runDueJobs(TestRestTemplate admin, String ref) {
    boolean ran = false;
    List<Map<String, Object>> instances = admin.getForObject("/engine-rest/process-instance?businessKey={ref}", List.class, ref);
    for (Map<String, Object> instance : instances) {
      List<Map<String, Object>> jobs = admin.getForObject(
          "/engine-rest/job?processInstanceId={id}&executable=true&messages=true", List.class, instance.get("id"));
      for (Map<String, Object> job : jobs) {
        ResponseEntity<String> executed = admin.postForEntity("/engine-rest/job/" + job.get("id") + "/execute", null, String.class);
        assertThat(executed.getStatusCode()).as("job %s: %s", job.get("id"), executed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        ran = true;
      }
    }
    return ran;
  }
}
