package org.takedown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.BurstClients.Tracked;
import org.takedown.system.Hashes;

/**
 * kill -9 in the middle of a burst of operations: a real application JVM, with its job executor
 * doing every asynchronous step (documents, notices, custody), is killed while several clients drive
 * operations from tip to outcome over HTTP and the units press the links of their mails, then started
 * again on the same database and evidence store. Once the job executor has nothing left to do, every
 * operation stands exactly where its last answered action (or the one the crash cut off) left it, and
 * every operation can then be finished. No notice is lost, a second copy only ever has the same
 * Message-ID, and no document version or custody entry is doubled or half-written. The mail server runs
 * in this JVM, so what it received survives the crash; so does the PostgreSQL server.
 */
class CrashDurabilityTest {

  static final int CLIENTS = 2;
  /** Operations each client keeps going at once, so that the crash finds them at different steps. */
  static final int PER_CLIENT = 2;
  /** 11 actions each, from tip to outcome; the kill comes after about a third of them. */
  static final int OPERATIONS = 4;
  static final int KILL_AFTER = 16;
  static final Pattern REFERENCE = Pattern.compile("OP-(\\d{4})-(\\d{4})");

  @TempDir Path data;

  private GreenMail mail;
  private AppProcess app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    if (mail != null) {
      mail.stop();
    }
  }

  @Test
  void onTheH2FileDatabase() throws Exception {
    String configured = new YAMLMapper().readTree(Path.of("config/application.yml").toFile()).at("/spring/datasource/url").asText();
    assertThat(configured).as("config/application.yml's database").startsWith("jdbc:h2:file:./data/takedown")
        // Concurrent clients often make H2 write a commit at once by chance, so the burst alone does not
        // always reveal a delayed write: the setting is checked, and then proven.
        .contains(";WRITE_DELAY=0");
    // config/application.yml's URL (so its durability settings are the ones tested), moved into the temporary folder
    crashAndRestart("h2", Map.of("spring.datasource.url",
        configured.replace("./data/takedown", data.resolve("takedown").toAbsolutePath().toString())));
  }

  @Test
  void onPostgreSql() throws Exception {
    crashAndRestart("postgres", Map.of(
        "spring.datasource.url", Postgres.newDatabase("crash"),
        "spring.datasource.username", Postgres.USER,
        "spring.datasource.password", Postgres.PASSWORD));
  }

  private void crashAndRestart(String name, Map<String, String> database) throws Exception {
    mail = new GreenMail(new ServerSetup(AppProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    BurstClients clients = new BurstClients(mail, start(name + "-first", database));

    List<Tracked> before = burstUntilKilled(clients);
    List<String> cutOff = before.stream().filter(o -> o.inFlight != null).map(o -> o.reference + " " + o.inFlight).toList();
    System.out.printf("crash test %s: killed after %d answered actions on %d operations; cut off: %s and %d tips%n",
        name, clients.actions.get(), before.size(), cutOff, clients.tipsCutOff.get());
    before.forEach(o -> System.out.printf("  %s%n", o));
    assertThat(before.stream().map(o -> o.reference).distinct().count()).as("each 201 carries a reference of its own").isEqualTo(before.size());

    clients.port(start(name + "-second", database));
    long restarted = System.nanoTime();
    awaitNoExecutableJobs(clients);
    System.out.printf("crash test %s: the job executor caught up %.1f s after the restart%n", name, (System.nanoTime() - restarted) / 1e9);
    List<Tracked> operations = everyOperation(clients, before);
    for (Tracked operation : operations) {
      standsWhereItsLastActionLeftIt(clients, operation);
    }
    assertThat(clients.getJson("/engine-rest/incident", "admin")).as("incidents after the restart").isEmpty();

    int highest = before.stream().mapToInt(o -> number(o.reference)).max().orElseThrow();
    Tracked after = clients.submit();
    assertThat(number(after.reference)).as("a reference after the restart, above every one answered before (%d)", highest).isGreaterThan(highest);
    long finishing = System.nanoTime();
    drive(clients, operations);
    awaitNoExecutableJobs(clients);
    System.out.printf("crash test %s: %d operations finished in %.1f s after the restart%n", name, operations.size(), (System.nanoTime() - finishing) / 1e9);

    for (Tracked operation : clients.operations) {
      String stage = clients.stage(operation);
      assertThat(stage).as(operation.reference + " finished after the restart (the tip posted after it waits at triage)")
          .isEqualTo(operation == after ? "TRIAGE" : "CLOSED");
      documentsAreWholeAndOnce(clients, operation, stage);
      custodyIsWholeAndOnce(clients, operation, stage);
    }
    noticesGoOutOnce(name, clients, clients.operations);
    storedFilesAreWhole();
    assertThat(clients.getJson("/engine-rest/incident", "admin")).as("incidents").isEmpty();
    assertThat(clients.getJson("/engine-rest/job?withException=true", "admin")).as("failed jobs").isEmpty();
    assertThat(clients.refusals).as("requests refused").isEmpty();
    System.out.printf("crash test %s: started in %.1f s and %.1f s; processor time of the application %.1f s before the kill, %.1f s after the restart%n",
        name, firstStart, app.startSeconds(), firstCpu, app.cpuSeconds());
  }

  private double firstStart;
  private double firstCpu;

  /** Several clients drive operations; once enough actions have been answered, the application is killed while they go on. */
  private List<Tracked> burstUntilKilled(BurstClients clients) throws Exception {
    AtomicInteger started = new AtomicInteger();
    long begin = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> running = new ArrayList<>();
    try {
      for (int i = 0; i < CLIENTS; i++) {
        running.add(pool.submit(() -> client(clients, new ArrayList<>(), started)));
      }
      await(KILL_AFTER + " actions answered").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
          .until(() -> clients.actions.get() >= KILL_AFTER || running.stream().allMatch(Future::isDone));
      for (Future<?> client : running) {
        if (client.isDone()) {
          client.get(); // a client that failed before the kill fails the test with its own error
        }
      }
      JsonNode due = clients.getJson("/engine-rest/job/count?executable=true", "admin");
      firstStart = app.startSeconds();
      firstCpu = app.cpuSeconds();
      app.kill(); // SIGKILL: no shutdown hook, no orderly close of the database, of running jobs or of the mail being sent
      System.out.printf("crash test: killed %.1f s into the burst, %d jobs were due%n", (System.nanoTime() - begin) / 1e9, due.path("count").asInt());
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("clients stop once the application is gone").isTrue();
    } finally {
      pool.shutdownNow();
    }
    return List.copyOf(clients.operations);
  }

  /** One client in the burst: keeps PER_CLIENT operations going, until the application is gone. */
  private static Void client(BurstClients clients, List<Tracked> mine, AtomicInteger started) {
    try {
      while (true) {
        if (mine.size() < PER_CLIENT && started.getAndIncrement() < OPERATIONS) {
          Tracked operation = clients.submit();
          if (operation != null) {
            mine.add(operation);
          }
        }
        if (!step(clients, mine) && mine.isEmpty()) {
          return null;
        }
      }
    } catch (IOException e) {
      return null; // the application is gone
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * One step on one of the operations, at once or as soon as one is ready (between steps the job
   * executor works); false once all are closed (closed ones leave the list).
   */
  private static boolean step(BurstClients clients, List<Tracked> mine) throws IOException, InterruptedException {
    await("a step on one of " + mine).atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
        .until(() -> {
          for (Tracked operation : List.copyOf(mine)) {
            switch (clients.advance(operation)) {
              case STEPPED -> {
                return true;
              }
              case CLOSED -> mine.remove(operation);
              case WAITING -> { }
            }
          }
          return mine.isEmpty();
        });
    return !mine.isEmpty();
  }

  /** Clients finish the operations, each with its share, until every one is closed. */
  private void drive(BurstClients clients, List<Tracked> operations) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        List<Tracked> share = new ArrayList<>();
        for (int j = i; j < operations.size(); j += CLIENTS) {
          share.add(operations.get(j));
        }
        running.add(pool.submit(() -> {
          while (step(clients, share)) {
            // next step
          }
          return null;
        }));
      }
      for (Future<?> client : running) {
        client.get(180, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Operations answered before the crash, and any whose tip the crash cut off after it was committed. */
  private List<Tracked> everyOperation(BurstClients clients, List<Tracked> before) throws Exception {
    Set<String> known = before.stream().map(o -> o.reference).collect(Collectors.toSet());
    List<String> all = new ArrayList<>();
    clients.getJson("/api/operations", "cora").forEach(o -> all.add(o.path("reference").asText()));
    assertThat(all).as("every tip answered 201 before the kill is there").containsAll(known);
    List<String> unknown = all.stream().filter(r -> !known.contains(r)).toList();
    assertThat(unknown.size()).as("operations nobody was answered for (%s): only tips the crash cut off", unknown)
        .isLessThanOrEqualTo(clients.tipsCutOff.get());
    unknown.forEach(clients::adopt);
    return List.copyOf(clients.operations);
  }

  /**
   * What the operation shows once the job executor is done: each answered action counts one step, the
   * action the crash cut off counts one or none, and its open tasks are those of its stage.
   */
  private static void standsWhereItsLastActionLeftIt(BurstClients clients, Tracked operation) throws Exception {
    String ref = operation.reference;
    JsonNode view = clients.getJson("/api/operations/" + ref, "cora");
    String stage = view.path("stage").asText();
    int steps = 1; // the tip
    steps += "TRIAGE".equals(stage) ? 0 : 1;
    steps += List.of("TRIAGE", "LEGAL_REVIEW").contains(stage) ? 0 : 1;
    for (JsonNode country : view.path("countries")) {
      steps += "ACCEPTED".equals(country.path("status").asText()) ? 1 : 0;
      steps += country.path("handoverStatus").isMissingNode() || country.path("handoverStatus").isNull() ? 0 : 1;
      steps += "RECEIVED".equals(country.path("handoverStatus").asText()) ? 1 : 0;
    }
    steps += clients.getJson("/api/operations/" + ref + "/evidence", "cora").size();
    long resultsComplete = clients.getJson("/engine-rest/history/task/count?processInstanceBusinessKey=" + ref
        + "&taskDefinitionKey=Task_ReportResults&finished=true", "admin").path("count").asLong();
    steps += (int) resultsComplete;
    steps += "CLOSED".equals(stage) ? 1 : 0;
    int answered = operation.acknowledged.size();
    String what = ref + " at " + stage + " after " + operation;
    if (operation.inFlight == null) {
      assertThat(steps).as("steps taken by " + what).isEqualTo(answered);
    } else {
      assertThat(steps).as("steps taken by " + what).isBetween(answered, answered + 1);
    }

    List<String> open = new ArrayList<>();
    clients.getJson("/engine-rest/task?processInstanceBusinessKey=" + ref, "admin").forEach(t -> open.add(t.path("taskDefinitionKey").asText()));
    long requested = count(view, "status", "REQUESTED");
    long unpacked = view.path("countries").size() - count(view, "handoverStatus", "HANDED_OVER") - count(view, "handoverStatus", "RECEIVED");
    Map<String, Long> tasks = open.stream().collect(Collectors.groupingBy(k -> k, TreeMap::new, Collectors.counting()));
    Map<String, Long> expected = switch (stage) {
      case "TRIAGE" -> Map.of("Task_TriageTip", 1L);
      case "LEGAL_REVIEW" -> Map.of("Task_LegalReview", 1L);
      case "NATIONAL_ASSIGNMENT" -> Map.of("Task_RespondToAssignment", requested);
      case "EVIDENCE_HANDOVER" -> without0(Map.of("Task_PrepareEvidencePackage", unpacked,
          "Task_ConfirmReceipt", count(view, "handoverStatus", "HANDED_OVER"),
          "Task_ReportResults", count(view, "handoverStatus", "RECEIVED") - resultsComplete));
      case "OUTCOME" -> Map.of("Task_RecordOutcome", 1L);
      case "CLOSED" -> Map.of();
      default -> throw new AssertionError(what + ": unexpected stage");
    };
    assertThat(tasks).as("open tasks of " + what).isEqualTo(expected);
    if (!"CLOSED".equals(stage)) {
      assertThat(tasks).as(what + " waits for someone, not stuck between steps").isNotEmpty();
    }
  }

  private static Map<String, Long> without0(Map<String, Long> counts) {
    return counts.entrySet().stream().filter(e -> e.getValue() > 0).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static long count(JsonNode view, String field, String value) {
    long n = 0;
    for (JsonNode country : view.path("countries")) {
      n += value.equals(country.path(field).asText()) ? 1 : 0;
    }
    return n;
  }

  /** One version of each document, whose stored SHA-256 is that of its content, and which Word's format reader opens. */
  private static void documentsAreWholeAndOnce(BurstClients clients, Tracked operation, String stage) throws Exception {
    String ref = operation.reference;
    Map<String, List<Integer>> versions = new TreeMap<>();
    for (JsonNode document : clients.getJson("/api/operations/" + ref + "/documents", "cora")) {
      String kind = document.path("kind").asText() + (document.path("country").isTextual() ? " " + document.path("country").asText() : "");
      versions.computeIfAbsent(kind, k -> new ArrayList<>()).add(document.path("version").asInt());
      HttpResponse<byte[]> content = clients.getBytes(document.path("href").asText(), "cora");
      assertThat(content.statusCode()).isEqualTo(200);
      assertThat(Hashes.sha256(content.body())).as(ref + " " + kind + " content against its SHA-256").isEqualTo(document.path("sha256").asText());
      assertThat((long) content.body().length).isEqualTo(document.path("size").asLong());
      if (kind.startsWith("RESULTS_LIST")) {
        try (XSSFWorkbook excel = new XSSFWorkbook(new ByteArrayInputStream(content.body()))) {
          // The first sheet: its name is in the unit's language ("Résultats").
          assertThat(excel.getSheetAt(0).getRow(1).getCell(1).getStringCellValue()).as(ref + " " + kind + " opens and names its operation")
              .isEqualTo(ref);
        }
        continue;
      }
      try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(content.body()));
          XWPFWordExtractor text = new XWPFWordExtractor(word)) {
        assertThat(text.getText()).as(ref + " " + kind + " opens and names its operation").contains(ref);
      }
    }
    assertThat(versions).as(ref + "'s documents, each generated once").allSatisfy((kind, numbers) -> assertThat(numbers).isEqualTo(List.of(1)));
    assertThat(versions).as(ref + "'s documents").isEqualTo(!"CLOSED".equals(stage) ? Map.of() : Map.of(
        "LEGAL_MEMO", List.of(1), "OPERATION_BRIEFING", List.of(1), "ASSIGNMENT_BRIEF DE", List.of(1), "ASSIGNMENT_BRIEF FR", List.of(1),
        "RESULTS_LIST DE", List.of(1), "RESULTS_LIST FR", List.of(1),
        "HANDOVER_RECEIPT DE", List.of(1), "HANDOVER_RECEIPT FR", List.of(1), "CLOSURE_REPORT", List.of(1)));
  }

  /** Each custody entry once, numbered 1, 2, … per item, and the chain intact. */
  private static void custodyIsWholeAndOnce(BurstClients clients, Tracked operation, String stage) throws Exception {
    String ref = operation.reference;
    JsonNode report = clients.getJson("/api/operations/" + ref + "/custody", "cora");
    assertThat(report.path("items")).hasSize("CLOSED".equals(stage) ? 1 : 0);
    for (JsonNode item : report.path("items")) {
      List<Integer> seqs = new ArrayList<>();
      List<String> entries = new ArrayList<>();
      item.path("chain").forEach(e -> {
        seqs.add(e.path("seq").asInt());
        entries.add(e.path("type").asText() + (e.path("country").isTextual() ? " " + e.path("country").asText() : ""));
      });
      assertThat(seqs).as(ref + " custody numbering").isEqualTo(java.util.stream.IntStream.rangeClosed(1, seqs.size()).boxed().toList());
      assertThat(entries).as(ref + " custody entries, each once").containsExactlyInAnyOrder(
          "REGISTERED", "PACKAGED DE", "PACKAGED FR", "RELEASED DE", "RELEASED FR", "RECEIVED DE", "RECEIVED FR");
    }
    JsonNode verification = clients.getJson("/api/operations/" + ref + "/custody/verify", "cora");
    assertThat(verification.path("status").asText()).as(ref + " custody verification: " + verification).isEqualTo("OK");
  }

  /**
   * Every notice recorded went out, the mail server received each at least once, and a second copy
   * only ever with the notice's own Message-ID (a crash between the server's acceptance and the commit
   * that marks the notice sent); no notice was recorded twice.
   */
  private void noticesGoOutOnce(String name, BurstClients clients, List<Tracked> operations) throws Exception {
    Map<String, Integer> received = new HashMap<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      if (message.getHeader("X-Takedown-Notice", null) != null) {
        received.merge(message.getMessageID(), 1, Integer::sum);
      }
    }
    Set<String> recorded = new HashSet<>();
    Map<String, Integer> repeated = new LinkedHashMap<>();
    int notices = 0;
    for (Tracked operation : operations) {
      Set<String> logical = new HashSet<>();
      int acknowledgements = 0;
      for (JsonNode notice : clients.getJson("/api/operations/" + operation.reference + "/notices", "cora")) {
        notices++;
        String messageId = notice.path("messageId").asText();
        String what = operation.reference + " " + notice.path("kind").asText() + " to " + notice.path("recipient").asText();
        assertThat(notice.path("status").asText()).as(what).isEqualTo("SENT");
        assertThat(received.getOrDefault(messageId, 0)).as(what + " received (" + messageId + ")").isPositive();
        if (received.get(messageId) > 1) {
          repeated.put(what + " " + messageId, received.get(messageId));
        }
        recorded.add(messageId);
        assertThat(logical.add(notice.path("kind").asText() + " " + notice.path("recipient").asText() + " " + notice.path("subject").asText()))
            .as(what + " recorded once: " + notice.path("subject").asText()).isTrue();
        acknowledgements += "TIP_ACKNOWLEDGED".equals(notice.path("kind").asText()) ? 1 : 0;
      }
      // Once to each analyst of the vendor organisation (the demo's Aegis: vera and vince).
      assertThat(acknowledgements).as(operation.reference + " acknowledged once to each of Aegis's analysts").isEqualTo(2);
    }
    assertThat(received.keySet()).as("every mail received is a recorded notice: no copy with another Message-ID").isEqualTo(recorded);
    System.out.printf("crash test %s: %d notices, %d mails received, repeated with the same Message-ID: %s%n",
        name, notices, received.values().stream().mapToInt(Integer::intValue).sum(), repeated);
  }

  /** Every file in the evidence store holds the content its name (its SHA-256) says. */
  private void storedFilesAreWhole() throws IOException {
    Path store = data.resolve("evidence");
    try (var files = java.nio.file.Files.walk(store)) {
      List<Path> stored = files.filter(java.nio.file.Files::isRegularFile).filter(f -> !f.startsWith(store.resolve("incoming"))).toList();
      assertThat(stored).as("files in the evidence store").isNotEmpty().allSatisfy(file ->
          assertThat(Hashes.sha256(java.nio.file.Files.readAllBytes(file))).as(file.toString()).isEqualTo(file.getFileName().toString()));
    }
  }

  /** The operations' asynchronous steps (messages), not the history cleanup, which is due again and again in its nightly window. */
  private static void awaitNoExecutableJobs(BurstClients clients) {
    await("the job executor done").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
        .until(() -> clients.getJson("/engine-rest/job/count?executable=true&messages=true", "admin").path("count").asInt() == 0);
  }

  private int start(String name, Map<String, String> database) throws IOException {
    Map<String, String> settings = new HashMap<>(database);
    settings.putAll(Map.of(
        "takedown.evidence.store", data.resolve("evidence").toAbsolutePath().toString(),
        // jobs locked by the killed JVM run again soon, and the executor looks for them often
        "camunda.bpm.job-execution.lock-time-in-millis", "5000",
        "camunda.bpm.job-execution.max-wait", "1000",
        "spring.mail.host", "127.0.0.1",
        "spring.mail.port", String.valueOf(mail.getSmtp().getPort())));
    app = AppProcess.start("crash-" + name, settings);
    return app.port();
  }

  private static int number(String reference) {
    Matcher matcher = REFERENCE.matcher(reference);
    assertThat(matcher.matches()).as(reference).isTrue();
    return Integer.parseInt(matcher.group(2));
  }
}
