package org.takedown.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;

/** What an operator sees of a running node: public health, the metrics behind a sign-in, and logs per operation. */
@TakedownTest
@ExtendWith(OutputCaptureExtension.class)
class OperatingTest {

  @Autowired TestRestTemplate http;
  @Autowired ProcessDriver driver;

  @Test
  void readinessIsPublicButItsDetailsAreForAdministrators() {
    ResponseEntity<String> anonymous = http.getForEntity("/actuator/health/readiness", String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(anonymous.getBody()).isEqualTo("{\"status\":\"UP\"}");

    ResponseEntity<String> admin = http.withBasicAuth("admin", "demo").getForEntity("/actuator/health/readiness", String.class);
    assertThat(admin.getBody()).contains("\"db\"", "\"engine\"", "\"jobExecutor\"", "\"mail\"", "\"readinessState\"",
        "\"version\":\"7.", "\"dueJobs\"", "embedded demo server");
    // Liveness depends on nothing outside the process: a database outage must not get nodes restarted.
    assertThat(http.withBasicAuth("admin", "demo").getForEntity("/actuator/health/liveness", String.class).getBody())
        .contains("livenessState").doesNotContain("\"db\"", "\"mail\"", "\"engine\"");
  }

  @Test
  void metricsNeedAnAdministratorOrAScraper() {
    assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("cora", "demo").getForEntity("/actuator/prometheus", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth(driver.user("prometheus", "monitoring"), "demo").getForEntity("/actuator/prometheus", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    // Nothing else of the actuator is public.
    assertThat(http.getForEntity("/actuator/info", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/actuator", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void metricsFollowTheOperations() {
    String before = scrape();
    String reference = driver.submitOnly(ProcessDriver.tip("TLP:GREEN", List.of("DE")));
    String waiting = scrape();
    driver.runJobs(reference);
    driver.registerEvidence(reference, "Disk image of the C2 server");
    RuntimeService runtime = driver.engine().getRuntimeService();
    Incident incident = runtime.createIncident("custodyBreak", driver.process(reference).getId(), "E1", "test break");
    String after;
    try {
      after = scrape();
    } finally {
      runtime.resolveIncident(incident.getId());
    }

    // the acknowledgement waited for the (here absent) job executor
    assertThat(value(waiting, "camunda_jobs_due", "")).isGreaterThan(value(before, "camunda_jobs_due", ""));
    assertThat(value(after, "camunda_incidents", "type=\"custodyBreak\"")).isEqualTo(value(before, "camunda_incidents", "type=\"custodyBreak\"") + 1);

    assertThat(value(after, "takedown_operations", "stage=\"TRIAGE\"")).isEqualTo(value(before, "takedown_operations", "stage=\"TRIAGE\"") + 1);
    // the vendor's acknowledgement went out
    assertThat(value(after, "takedown_notices", "status=\"sent\"")).isGreaterThan(value(before, "takedown_notices", "status=\"sent\""));
    assertThat(value(after, "takedown_evidence_bytes", "held=\"elsewhere\""))
        .isEqualTo(value(before, "takedown_evidence_bytes", "held=\"elsewhere\"") + 1_200_000_000L + "Disk image of the C2 server".length());
    assertThat(after).contains("# HELP takedown_operations Operations at each stage", "takedown_evidence_bytes{held=\"store\"}",
        "takedown_action_links{state=\"used\"}", "camunda_incidents{type=\"failedJob\"}",
        "camunda_jobs_successful_total", "camunda_job_acquisition_attempts_total");
  }

  @Test
  void logLinesOfAJobCarryTheOperation(CapturedOutput output) {
    String reference = driver.submit(ProcessDriver.tip("TLP:GREEN", List.of("DE")));
    assertThat(output.getOut().lines().filter(line -> line.contains(" sent to ")))
        .anyMatch(line -> line.contains("INFO operation=" + reference + " "));
  }

  private String scrape() {
    ResponseEntity<String> metrics = http.withBasicAuth("admin", "demo").getForEntity("/actuator/prometheus", String.class);
    assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
    return metrics.getBody();
  }

  private static long value(String scrape, String metric, String label) {
    Matcher matcher = Pattern.compile("(?m)^" + metric + (label.isEmpty() ? "" : "\\{[^}]*" + Pattern.quote(label) + "[^}]*}") + " (\\S+)$")
        .matcher(scrape);
    assertThat(matcher.find()).as("%s{%s} in%n%s", metric, label, scrape).isTrue();
    return (long) Double.parseDouble(matcher.group(1));
  }
}
