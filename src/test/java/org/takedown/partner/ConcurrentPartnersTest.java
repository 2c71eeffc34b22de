package org.takedown.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.icegreen.greenmail.util.GreenMail;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.takedown.MailBox;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.assignment.AssignmentStatus;
import org.takedown.assignment.HandoverStatus;
import org.takedown.assignment.NationalAssignmentService;
import org.takedown.operation.Stage;
import org.takedown.system.Hashes;

/**
 * Three national units act on one operation at the same instant, again and again: through the
 * engine (Tasklist, REST) and through their emailed links. Every answer is recorded once, no one
 * sees a failure, and the operation moves on. The asynchronous steps that follow also run at the
 * same instant, as the job executor's threads would run them.
 */
@TakedownTest
class ConcurrentPartnersTest {

  private static final List<String> COUNTRIES = List.of("DE", "FR", "NL");
  // few rounds: ClusterTest adds 50 concurrent operations across two nodes on PostgreSQL
  private static final int ROUNDS = 6;
  private static final ExecutorService threads = Executors.newFixedThreadPool(COUNTRIES.size());

  @Autowired ProcessDriver driver;
  @Autowired NationalAssignmentService assignments;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired TestRestTemplate http;
  @Autowired GreenMail mail;

  @AfterAll
  static void stop() {
    threads.shutdownNow();
  }

  @Test
  void unitsAcceptAtTheSameInstantThroughTheEngine() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String ref = driver.approveForAssignment(tip("TLP:AMBER", COUNTRIES));
      List<Callable<Object>> answers = new ArrayList<>();
      for (String country : COUNTRIES) {
        Task task = driver.task(ref, "Task_RespondToAssignment", country);
        answers.add(() -> {
          driver.completeOnly(driver.officer(country), task, vars("assignmentResponse", "ACCEPT", "responseNote", "on it " + country));
          return null;
        });
      }
      atOnce(answers);
      runChildJobsAtOnce(ref);
      driver.runJobs(ref);
      assertEveryCountryAcceptedOnce(ref);
    }
  }

  @Test
  void unitsAcceptAtTheSameInstantThroughTheirEmailedLinks() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String ref = driver.approveForAssignment(tip("TLP:AMBER", COUNTRIES));
      List<Callable<ResponseEntity<String>>> presses = new ArrayList<>();
      for (String country : COUNTRIES) {
        String accept = link(ref, country, "Accept the assignment");
        presses.add(() -> post(accept));
      }
      for (ResponseEntity<String> page : atOnce(presses)) {
        assertThat(page.getStatusCode().value()).as(page.getBody()).isEqualTo(200);
        // Each unit reads its answer page in its own language (France's in French).
        assertThat(page.getBody()).contains("id=\"recorded\"");
      }
      runChildJobsAtOnce(ref);
      driver.runJobs(ref);
      assertEveryCountryAcceptedOnce(ref);
    }
  }

  @Test
  void unitsConfirmReceiptAtTheSameInstant() throws Exception {
    for (int round = 0; round < ROUNDS / 2; round++) {
      String ref = driver.approveForAssignment(tip("TLP:AMBER", COUNTRIES));
      for (String country : COUNTRIES) {
        driver.complete(driver.officer(country), ref, "Task_RespondToAssignment", country, vars("assignmentResponse", "ACCEPT"));
      }
      Map<String, List<String>> items = new java.util.HashMap<>();
      for (String country : COUNTRIES) {
        items.put(country, driver.registerEvidence(ref, "Disk image " + country));
        driver.complete("cora", ref, "Task_PrepareEvidencePackage", country, vars("evidenceItems", ProcessDriver.evidencePackage(items.get(country))));
      }
      List<Callable<Object>> receipts = new ArrayList<>();
      for (String country : COUNTRIES) {
        if (round % 2 == 0) {
          Task task = driver.task(ref, "Task_ConfirmReceipt", country);
          receipts.add(() -> {
            driver.completeOnly(driver.officer(country), task, vars("receiptConfirmed", true, "reportedSha256", driver.matchingHashes(ref, items.get(country))));
            return null;
          });
        } else {
          String confirm = link(ref, country, "Confirm receipt of the evidence");
          String sha256 = Hashes.sha256("Disk image " + country);
          receipts.add(() -> post(confirm, sha256));
        }
      }
      for (Object answer : atOnce(receipts)) {
        if (answer instanceof ResponseEntity<?> page) {
          assertThat(page.getStatusCode().value()).as(String.valueOf(page.getBody())).isEqualTo(200);
        }
      }
      runChildJobsAtOnce(ref);
      driver.runJobs(ref);
      for (String country : COUNTRIES) {
        assertThat(assignments.get(ref, country).getHandoverStatus()).as(country).isEqualTo(HandoverStatus.RECEIVED);
      }
      assertThat(recorded(ref, "Task_RecordReceipt")).isEqualTo(COUNTRIES.size());
      for (String country : COUNTRIES) {
        driver.completeResults(ref, country);
      }
      assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.OUTCOME);
      assertThat(driver.task(ref, "Task_RecordOutcome")).isNotNull();
    }
  }

  private void assertEveryCountryAcceptedOnce(String ref) {
    for (String country : COUNTRIES) {
      assertThat(assignments.get(ref, country).getStatus()).as(country).isEqualTo(AssignmentStatus.ACCEPTED);
    }
    assertThat(recorded(ref, "Task_RecordAssignmentResponse")).isEqualTo(COUNTRIES.size());
    assertThat(driver.operation(ref).getStage()).isEqualTo(Stage.EVIDENCE_HANDOVER);
    assertThat(driver.engine().getTaskService().createTaskQuery().processInstanceBusinessKey(ref)
        .taskDefinitionKey("Task_PrepareEvidencePackage").count()).isEqualTo(COUNTRIES.size());
  }

  /** How often a recording step ran to its end for the operation: once per country, never twice. */
  private long recorded(String ref, String activityId) {
    return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(ref).list().stream()
        .mapToLong(instance -> history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
            .activityId(activityId).finished().count())
        .sum();
  }

  /** The jobs the answers left in the countries' own instances, executed by parallel threads. */
  private void runChildJobsAtOnce(String ref) throws Exception {
    String parent = driver.process(ref).getId();
    List<Callable<Object>> jobs = new ArrayList<>();
    for (Job job : driver.jobs(ref)) {
      if (job.getDuedate() == null && !parent.equals(job.getProcessInstanceId())) {
        jobs.add(() -> {
          management.executeJob(job.getId());
          return null;
        });
      }
    }
    assertThat(jobs).hasSize(COUNTRIES.size());
    atOnce(jobs);
  }

  /** Runs the actions at the same instant; any exception fails the test. */
  private static <T> List<T> atOnce(List<? extends Callable<? extends T>> actions) throws Exception {
    CyclicBarrier start = new CyclicBarrier(actions.size());
    List<Future<? extends T>> running = new ArrayList<>();
    for (Callable<? extends T> action : actions) {
      running.add(threads.submit(() -> {
        start.await(10, TimeUnit.SECONDS);
        return action.call();
      }));
    }
    List<T> results = new ArrayList<>();
    for (Future<? extends T> result : running) {
      results.add(result.get(60, TimeUnit.SECONDS));
    }
    return results;
  }

  private String link(String ref, String country, String label) {
    String unitEmail = assignments.get(ref, country).getUnitEmail();
    var messages = MailBox.to(mail, unitEmail, ref);
    return URI.create(MailBox.link(messages.get(messages.size() - 1), label)).getRawPath();
  }

  private ResponseEntity<String> post(String path) {
    return post(path, null);
  }

  /** The confirm-receipt page posts the SHA-256 the unit computed for each item. */
  private ResponseEntity<String> post(String path, String sha256) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    if (sha256 != null) {
      form.add("sha256", sha256);
    }
    return http.postForEntity(path, new HttpEntity<>(form, headers), String.class);
  }
}
