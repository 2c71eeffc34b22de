package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.operation.Stage;

/**
 * Two answers to one task at the same instant: one wins, the other is told plainly that the task is already done
 * (409 problem+json on /engine-rest, the "already done" page, saying what was recorded, under /partner). Never a 5xx,
 * never a wrong 400, and exactly one effect.
 */
@TakedownTest
class CompletionRaceTest {

  private static final int ROUNDS = 25;
  private static final ExecutorService threads = Executors.newFixedThreadPool(3);

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired GreenMail mail;
  @Autowired NationalAssignmentService assignments;
  @Autowired HistoryService history;
  private final HttpClient client = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @AfterAll
  static void stop() {
    threads.shutdownNow();
  }

  @Test
  void acceptAndDeclinePressedAtTheSameInstant() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String ref = driver.approveForAssignment(tip("TLP:AMBER", list("DE")));
      String unitEmail = assignments.get(ref, "DE").getUnitEmail();
      MimeMessage request = MailBox.to(mail, unitEmail, ref).get(0);
      String accept = URI.create(MailBox.link(request, "Accept the assignment")).getRawPath();
      String decline = URI.create(MailBox.link(request, "Decline the assignment")).getRawPath();
      String instance = driver.task(ref, "Task_RespondToAssignment", "DE").getProcessInstanceId();

      List<HttpResponse<String>> pages = atOnce(List.of(() -> post(accept, "note=yes"), () -> post(decline, "note=no")));

      driver.runJobs(ref);
      AssignmentStatus status = assignments.get(ref, "DE").getStatus();
      assertThat(status).as("round %d", round).isIn(AssignmentStatus.ACCEPTED, AssignmentStatus.DECLINED);
      int winner = status == AssignmentStatus.ACCEPTED ? 0 : 1;
      HttpResponse<String> won = pages.get(winner);
      HttpResponse<String> lost = pages.get(1 - winner);
      assertThat(won.statusCode()).as("round %d: %s", round, won.body()).isEqualTo(200);
      assertThat(won.body()).contains("Thank you");
      assertThat(lost.statusCode()).as("round %d: %s", round, lost.body()).isEqualTo(409);
      assertThat(lost.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      // The loser reads which answer stands: from the link that answered, or else from the history.
      assertThat(lost.body()).contains("This task is already done", "“"
          + (winner == 0 ? "Accept the assignment" : "Decline the assignment") + "”", "Nothing was changed")
          .doesNotContain("Exception", "could not be recorded");
      assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance).taskDefinitionKey("Task_RespondToAssignment")
          .finished().count()).as("one completion").isEqualTo(1);
      assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId("Task_RecordAssignmentResponse")
          .finished().count()).as("one answer recorded").isEqualTo(1);
    }
  }

  @Test
  void oneLinkPressedThreeTimesAtTheSameInstant() throws Exception {
    for (int round = 0; round < 10; round++) {
      String ref = driver.approveForAssignment(tip("TLP:AMBER", list("DE")));
      MimeMessage request = MailBox.to(mail, assignments.get(ref, "DE").getUnitEmail(), ref).get(0);
      String accept = URI.create(MailBox.link(request, "Accept the assignment")).getRawPath();
      String instance = driver.task(ref, "Task_RespondToAssignment", "DE").getProcessInstanceId();

      List<HttpResponse<String>> pages = atOnce(List.of(() -> post(accept, "note=yes"), () -> post(accept, "note=yes"),
          () -> post(accept, "note=yes")));

      // Every press of the one link reads that its answer is recorded; none reads of "another link".
      for (HttpResponse<String> page : pages) {
        assertThat(page.statusCode()).as("round %d: %s", round, page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Thank you", "Accept the assignment", ref).doesNotContain("another link", "Nothing was changed");
      }
      assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance).taskDefinitionKey("Task_RespondToAssignment")
          .finished().count()).as("one completion").isEqualTo(1);
    }
  }

  @Test
  void twoCoordinatorsCompleteOneTaskAtTheSameInstant() throws Exception {
    String other = driver.user("cody", "coordinators");
    for (int round = 0; round < ROUNDS; round++) {
      String ref = driver.submit(tip("TLP:AMBER", list("DE")));
      String task = driver.task(ref, "Task_TriageTip").getId();
      String complete = "/engine-rest/task/" + task + "/complete";

      List<HttpResponse<String>> answers = atOnce(List.of(
          () -> send(complete, "cora", "{\"variables\":{\"triageDecision\":{\"value\":\"OPEN\"},\"countries\":{\"value\":\"[\\\"DE\\\"]\",\"type\":\"Json\"}}}"),
          () -> send(complete, other, "{\"variables\":{\"triageDecision\":{\"value\":\"REJECT\"},\"triageNote\":{\"value\":\"spam\"}}}")));

      driver.runJobs(ref);
      Stage stage = driver.operation(ref).getStage();
      assertThat(stage).as("round %d", round).isIn(Stage.LEGAL_REVIEW, Stage.REJECTED);
      int winner = stage == Stage.LEGAL_REVIEW ? 0 : 1;
      assertThat(answers.get(winner).statusCode()).as("round %d: %s", round, answers.get(winner).body()).isEqualTo(204);
      HttpResponse<String> lost = answers.get(1 - winner);
      assertThat(lost.statusCode()).as("round %d: %s", round, lost.body()).isEqualTo(409);
      assertThat(lost.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      Map<?, ?> problem = json.readValue(lost.body(), Map.class);
      assertThat(problem.get("title")).isEqualTo("Task already done");
      assertThat(lost.body()).doesNotContain("Exception", "ENGINE-");
      assertThat(history.createHistoricTaskInstanceQuery().taskId(task).finished().count()).isEqualTo(1);
    }
  }

  private static <T> List<T> atOnce(List<Callable<T>> actions) throws Exception {
    CyclicBarrier start = new CyclicBarrier(actions.size());
    List<Future<T>> running = new ArrayList<>();
    for (Callable<T> action : actions) {
      running.add(threads.submit(() -> {
        start.await(10, TimeUnit.SECONDS);
        return action.call();
      }));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> result : running) {
      results.add(result.get(60, TimeUnit.SECONDS));
    }
    return results;
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(String path, String user, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
