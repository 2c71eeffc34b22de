package org.takedown.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;

/**
 * The audit trail fails closed: while its table cannot be written, no state-changing request on any surface is
 * taken (nothing stored, nothing sent), each is answered 503 in plain words, and the operator sees it in the
 * metrics, the health and the log. Sign-ins and reads go on.
 */
@TakedownTest
class AuditFailsClosedTest {

  static final String DETAIL = "The action was not recorded in the audit trail, so it was not taken; try again or tell the operator.";

  @Autowired TestRestTemplate http;
  @Autowired ProcessDriver driver;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  @Test
  void anActionTheTrailCannotRecordIsNotTaken() throws Exception {
    String ref = driver.submit(ProcessDriver.tip("TLP:GREEN", List.of("DE")));
    Task triage = driver.openTasks(ref).get(0);
    HttpClient cora = signIn("cora");
    double refusedBefore = refusedActions();
    long operations = count("operation");
    long notices = count("notice");
    long documents = count("document");

    jdbc.execute("alter table audit_event rename to audit_event_offline");
    try {
      // The API: a new tip creates no operation and sends nothing.
      ResponseEntity<String> tip = http.withBasicAuth("vera", "demo").exchange("/api/tips", HttpMethod.POST,
          json(Map.of("title", "Refused for want of an audit row", "tlp", "TLP:GREEN", "countries", List.of("SE"),
              "indicators", List.of(Map.of("type", "ipv4-addr", "value", "198.51.100.7")))), String.class);
      assertThat(tip.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      assertThat(tip.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
      assertThat(tip.getBody()).contains("\"status\":503", DETAIL);

      // Camunda's REST API: the task stays open.
      ResponseEntity<String> completed = http.withBasicAuth("cora", "demo").exchange("/engine-rest/task/" + triage.getId() + "/complete",
          HttpMethod.POST, json(Map.of("variables", Map.of("triageDecision", Map.of("value", "REJECT")))), String.class);
      assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      assertThat(completed.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
      assertThat(completed.getBody()).contains(DETAIL);
      assertThat(driver.engine().getTaskService().createTaskQuery().taskId(triage.getId()).count()).isOne();

      // The product's pages: signing in still works (no one is locked out); the action gets a page of the product.
      HttpClient legal = signIn("lena");
      assertThat(legal).isNotNull();
      String page = send(cora, HttpRequest.newBuilder(uri("/operations/" + ref)).GET().build()).body();
      HttpResponse<String> tracker = send(cora, HttpRequest.newBuilder(uri("/operations/" + ref + "/tracker"))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf(page))).build());
      assertThat(tracker.statusCode()).isEqualTo(503);
      assertThat(tracker.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      assertThat(tracker.body()).contains("<h1>Not recorded, not taken</h1>", DETAIL, "/css/takedown.css");

      // An emailed link: the plain page of the links, before its token is even looked at.
      HttpResponse<String> link = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(uri("/partner/actions/not-a-token"))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("note=on+my+way")).build());
      assertThat(link.statusCode()).isEqualTo(503);
      assertThat(link.body()).contains("Not recorded, not taken", DETAIL);

      // Reads and failed sign-ins are answered as always.
      assertThat(http.withBasicAuth("cora", "demo").getForEntity("/api/operations/" + ref, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(http.withBasicAuth("cora", "wrong").postForEntity("/api/tips", json(Map.of()), String.class).getStatusCode())
          .isEqualTo(HttpStatus.UNAUTHORIZED);

      // The operator: health DOWN with why, readiness unchanged (reads go on), the counter up.
      ResponseEntity<Map> health = http.withBasicAuth("admin", "demo").getForEntity("/actuator/health", Map.class);
      assertThat(health.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
      assertThat((Map<String, Object>) ((Map<String, Object>) health.getBody().get("components")).get("audit")).containsEntry("status", "DOWN");
      assertThat(http.getForEntity("/actuator/health/readiness", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(refusedActions()).isEqualTo(refusedBefore + 4);
    } finally {
      jdbc.execute("alter table audit_event_offline rename to audit_event");
    }
    assertThat(count("operation")).isEqualTo(operations);
    assertThat(count("notice")).isEqualTo(notices);
    assertThat(count("document")).isEqualTo(documents);

    // Once the table is back, the same action is taken and recorded, and the health is UP again.
    ResponseEntity<String> again = http.withBasicAuth("cora", "demo").exchange("/engine-rest/task/" + triage.getId() + "/complete",
        HttpMethod.POST, json(Map.of("variables", Map.of("triageDecision", Map.of("value", "REJECT")))), String.class);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(driver.engine().getTaskService().createTaskQuery().taskId(triage.getId()).count()).isZero();
    assertThat(jdbc.queryForList("select actor, via, status, outcome from audit_event where action = ?",
        "POST /engine-rest/task/" + triage.getId() + "/complete"))
        .singleElement().satisfies(row -> assertThat(row).containsValues("cora", "password", 204, "SUCCEEDED"));
    assertThat(http.withBasicAuth("admin", "demo").getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  private long count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Long.class);
  }

  private double refusedActions() {
    String metrics = http.withBasicAuth("admin", "demo").getForObject("/actuator/prometheus", String.class);
    Matcher counter = Pattern.compile("(?m)^takedown_audit_failures_total\\{[^}]*kind=\"action\"[^}]*} (\\S+)$").matcher(metrics);
    assertThat(counter.find()).as("takedown_audit_failures_total{kind=\"action\"} in %s", metrics).isTrue();
    return Double.parseDouble(counter.group(1));
  }

  private static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private HttpClient signIn(String user) {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    String form = send(client, HttpRequest.newBuilder(uri("/login")).GET().build()).body();
    HttpResponse<String> signedIn = send(client, HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo&_csrf=" + csrf(form))).build());
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElse("")).as("sign-in of %s", user).doesNotContain("error");
    return client;
  }

  private static String csrf(String page) {
    Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
    assertThat(token.find()).as("a form with a CSRF token").isTrue();
    return URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
