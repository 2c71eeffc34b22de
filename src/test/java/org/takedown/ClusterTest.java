package org.takedown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.system.Hashes;

/**
 * Two nodes, each a JVM of its own with its engine and job executor, on one PostgreSQL database and
 * one shared evidence directory. Client threads drive 50 operations through them at once, every
 * request to the other node than the one before: tasks through /engine-rest, the units' answers
 * through the links of their mails, the evidence download and the receipt. Each notice reaches the
 * mail server exactly once, no job runs twice, both nodes run jobs, every operation ends where its
 * path leads, and every custody chain verifies.
 */
class ClusterTest {

  static final int OPERATIONS = 50;
  static final int CLIENTS = 8;
  static final Duration STEP = Duration.ofSeconds(120);
  /** Links in mails point here; the test sends each press to the node whose turn it is. */
  static final String PUBLIC_URL = "http://takedown.cluster.invalid";

  /** Where an operation is taken; most go the whole way. */
  enum Route {
    CLOSED_BY_BOTH, TRIAGE_REJECTED, FR_DECLINED_AND_DROPPED
  }

  @TempDir Path evidence;
  /** The custody signing key: one for every node, as for any cluster (docs/operating.md, "Running several nodes"). */
  @TempDir Path keys;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, AtomicInteger> requestsPerNode = new ConcurrentHashMap<>();
  private GreenMail mail;
  private AppProcess[] nodes;
  private String database;

  @AfterEach
  void stop() {
    if (nodes != null) {
      for (AppProcess node : nodes) {
        if (node != null) {
          node.close();
        }
      }
    }
    if (mail != null) {
      mail.stop();
    }
  }

  @Test
  void fiftyOperationsThroughTwoNodes() throws Exception {
    mail = new GreenMail(new ServerSetup(AppProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    database = Postgres.newDatabase("cluster");
    nodes = new AppProcess[2];
    // One after the other: the engine creates its tables on the first start, and two first starts on an empty database race.
    org.takedown.evidence.CustodyKey.generate(keys.resolve("custody-signing-key.pem"));
    nodes[0] = AppProcess.start("cluster-node-a", settings("node-a"));
    nodes[1] = AppProcess.start("cluster-node-b", settings("node-b"));

    long begin = System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    Map<String, Route> operations = new TreeMap<>();
    try {
      List<Future<String>> running = new ArrayList<>();
      List<Route> paths = new ArrayList<>();
      for (int i = 0; i < OPERATIONS; i++) {
        Route path = i % 10 == 3 ? Route.TRIAGE_REJECTED : i % 10 == 7 ? Route.FR_DECLINED_AND_DROPPED : Route.CLOSED_BY_BOTH;
        paths.add(path);
        int index = i;
        running.add(clients.submit(() -> new Operation(index, path).run()));
      }
      for (int i = 0; i < running.size(); i++) {
        try {
          operations.put(running.get(i).get(5, TimeUnit.MINUTES), paths.get(i));
        } catch (ExecutionException e) {
          running.forEach(operation -> operation.cancel(true)); // one failure is enough to read
          throw e;
        }
      }
    } finally {
      clients.shutdownNow();
    }
    double driven = (System.nanoTime() - begin) / 1e9;

    // The last steps (closure report and notices) run on the job executors after the last client request.
    try (Connection db = DriverManager.getConnection(database, Postgres.USER, Postgres.PASSWORD)) {
      await("every asynchronous step run and every notice sent").atMost(STEP).pollInterval(Duration.ofMillis(250))
          .until(() -> count(db, "select count(*) from act_ru_job where type_ = 'message'") == 0
              && count(db, "select count(*) from notice where status <> 'SENT'") == 0);
      double total = (System.nanoTime() - begin) / 1e9;

      assertStages(operations);
      assertEveryNoticeMailedOnce(db);
      Map<String, Long> jobsPerNode = assertNoJobRanTwiceAndBothNodesRanJobs(db);
      assertNoBusinessDuplicates(db);
      assertCustodyVerifies(operations);
      assertThat(count(db, "select count(*) from act_ru_incident")).as("open incidents").isZero();
      assertPagesAnswer(operations.entrySet().stream().filter(o -> o.getValue() == Route.CLOSED_BY_BOTH).findFirst().orElseThrow().getKey());

      System.out.printf("cluster: node start %.1f s (a) and %.1f s (b); %d operations (%s) by %d clients in %.1f s, all work done after %.1f s: "
              + "%.2f lifecycles per second; successful jobs per node %s, failed job attempts %d; requests per node %s%n",
          nodes[0].startSeconds(), nodes[1].startSeconds(), OPERATIONS, countPaths(operations), CLIENTS, driven, total,
          OPERATIONS / total, jobsPerNode, count(db, "select count(*) from act_hi_job_log where job_state_ = 1"), requestsPerNode);
    }
  }

  /**
   * The settings each node gets, and what a real cluster should also set: the same database, secret and
   * evidence directory everywhere, an engine hostname per node (the job log names it), and a job
   * executor that looks for jobs often, since another node only learns of a new job when it looks.
   */
  private Map<String, String> settings(String hostname) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.datasource.url", database);
    settings.put("spring.datasource.username", Postgres.USER);
    settings.put("spring.datasource.password", Postgres.PASSWORD);
    settings.put("camunda.bpm.generic-properties.properties.hostname", hostname);
    settings.put("takedown.actions.secret", "cluster-test-action-link-secret-0123456789abcdef");
    settings.put("takedown.evidence.store", evidence.toAbsolutePath().toString());
    settings.put("takedown.custody.signing-key", keys.resolve("custody-signing-key.pem").toAbsolutePath().toString());
    settings.put("takedown.custody.head-log", keys.resolve("custody-heads.log").toAbsolutePath().toString());
    settings.put("takedown.public-url", PUBLIC_URL);
    settings.put("spring.mail.host", "127.0.0.1");
    settings.put("spring.mail.port", String.valueOf(mail.getSmtp().getPort()));
    // A node runs the jobs its own requests create at once (the engine hints its executor); the other
    // node's jobs only when it next looks: idle waits from 100 ms, doubling up to 500 ms.
    settings.put("camunda.bpm.job-execution.wait-time-in-millis", "100");
    settings.put("camunda.bpm.job-execution.max-wait", "500");
    settings.put("camunda.bpm.job-execution.max-jobs-per-acquisition", "6");
    // A job's lock outlives the longest job; a node that dies leaves its jobs locked this long.
    settings.put("camunda.bpm.job-execution.lock-time-in-millis", "60000");
    settings.put("logging.level.org.camunda.bpm.engine.jobexecutor", "warn");
    return settings;
  }

  /** One operation on its path, each request to the other node than the one before. */
  private final class Operation {
    private final int index;
    private final Route route;
    private int requests;
    private String ref;

    private final long begin = System.nanoTime();

    Operation(int index, Route path) {
      this.index = index;
      this.route = path;
    }

    private AppProcess node() {
      AppProcess node = nodes[(index + requests++) % 2];
      requestsPerNode.computeIfAbsent(node.url("").replaceAll(".*:", "port "), n -> new AtomicInteger()).incrementAndGet();
      return node;
    }

    String run() throws Exception {
      HttpResponse<String> tip = send(api("/api/tips", "vera").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(Map.of(
              "title", "Botnet C2 cluster " + index, "summary", "C2 servers seen in our telemetry.", "tlp", "TLP:AMBER", "pap", "PAP:GREEN",
              "countries", List.of("DE", "FR"),
              "indicators", List.of(Map.of("type", "ipv4-addr", "value", "198.51.100." + (index + 1))))))));
      assertThat(tip.statusCode()).as(tip.body()).isEqualTo(201);
      ref = json.readTree(tip.body()).path("reference").asText();

      if (route == Route.TRIAGE_REJECTED) {
        complete("cora", "Task_TriageTip", Map.of("triageDecision", value("REJECT"), "triageNote", value("Out of scope")));
        return ref;
      }
      complete("cora", "Task_TriageTip", Map.of("triageDecision", value("OPEN"), "countries", Map.of("value", "[\"DE\",\"FR\"]", "type", "Json")));
      complete("lena", "Task_LegalReview", Map.of("legalDecision", value("APPROVE"), "legalBasis", value("Art. 4 mandate"),
          "releaseTlp", value("TLP:AMBER")));
      JsonNode item = upload();

      MimeMessage de = mailTo("so4@de.units.example", "ASSIGNMENT_REQUEST");
      MimeMessage fr = mailTo("ofac@fr.units.example", "ASSIGNMENT_REQUEST");
      press(MailBox.link(de, "Accept the assignment"), "note=" + URLEncoder.encode("on it", StandardCharsets.UTF_8), "Task_RespondToAssignment", "DE");
      List<String> accepting = new ArrayList<>(List.of("so4@de.units.example"));
      if (route == Route.FR_DECLINED_AND_DROPPED) {
        press(MailBox.link(fr, "Decline the assignment"), "note=" + URLEncoder.encode("no capacity this month", StandardCharsets.UTF_8),
            "Task_RespondToAssignment", "FR");
        complete("cora", "Task_ResolveAssignment", Map.of("escalationDecision", value("DROP")));
      } else {
        press(MailBox.link(fr, "Accept the assignment"), "", "Task_RespondToAssignment", "FR");
        accepting.add("ofac@fr.units.example");
      }

      for (int i = 0; i < accepting.size(); i++) {
        complete("cora", "Task_PrepareEvidencePackage", Map.of("evidenceItems", Map.of("value", "[\"E1\"]", "type", "Json")));
      }
      for (String unit : accepting) {
        MimeMessage handover = mailTo(unit, "EVIDENCE_HANDOVER");
        download(MailBox.link(handover, "Download the evidence package"), item);
        press(MailBox.link(handover, "Confirm receipt of the evidence"), "sha256=" + item.path("sha256").asText(), "Task_ConfirmReceipt",
            unit.endsWith("@de.units.example") ? "DE" : "FR");
      }
      for (String unit : accepting) {
        // Each unit says its results are complete on its results page (the page of the results link), on either node.
        press(MailBox.link(mailTo(unit, "RESULTS_REQUEST"), "Report your results") + "/results", "complete=true", "Task_ReportResults",
            unit.endsWith("@de.units.example") ? "DE" : "FR");
      }
      String outcomes = route == Route.FR_DECLINED_AND_DROPPED ? "DE: 3 servers seized" : "DE: 3 servers seized\nFR: 1 domain sinkholed";
      complete("cora", "Task_RecordOutcome", Map.of("outcomeSummary", value("C2 servers taken down"), "outcomes", value(outcomes)));
      System.out.printf("cluster: %s (%s) driven to its outcome after %.1f s%n", ref, route, (System.nanoTime() - begin) / 1e9);
      return ref;
    }

    /** Completes the operation's open task through Camunda's REST API, once the job executors have brought it there. */
    private void complete(String user, String key, Map<String, Object> variables) throws Exception {
      String id = await(ref + " " + key).atMost(STEP).pollInterval(Duration.ofMillis(200)).until(() -> {
        HttpResponse<String> found = send(api("/engine-rest/task?processInstanceBusinessKey=" + ref + "&taskDefinitionKey=" + key, user).GET());
        assertThat(found.statusCode()).as("%s %s query: %s", ref, key, found.body()).isEqualTo(200);
        JsonNode tasks = json.readTree(found.body());
        return tasks.size() == 0 ? null : tasks.get(0).path("id").asText();
      }, id1 -> id1 != null);
      HttpResponse<String> done = send(api("/engine-rest/task/" + id + "/complete", user).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(Map.of("variables", variables)))));
      assertThat(done.statusCode()).as("%s %s: %s", ref, key, done.body()).isEqualTo(204);
    }

    /** A small file into the register, streamed into the shared store by whichever node's turn it is. */
    private JsonNode upload() throws Exception {
      String boundary = "cluster" + System.nanoTime();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      Map<String, String> fields = Map.of("description", "Sinkhole log of " + ref, "type", "LOG", "collectedBy", "Vera Vendor",
          "collectedAt", "2026-11-02T14:30:00Z", "source", "Sinkhole 3, Frankfurt");
      for (Map.Entry<String, String> field : fields.entrySet()) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n" + field.getValue() + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"sinkhole.log\"\r\n"
          + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(("sinkhole hit " + ref + "\n").repeat(200).getBytes(StandardCharsets.UTF_8));
      body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> uploaded = send(api("/api/operations/" + ref + "/evidence", "cora")
          .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
      assertThat(uploaded.statusCode()).as("%s upload: %s", ref, uploaded.body()).isEqualTo(201);
      return json.readTree(uploaded.body());
    }

    /**
     * The button of an emailed action link, on the node whose turn it is. First the test waits until the
     * unit's task exists: the mail leaves inside the sending step, before that step's transaction
     * commits and creates the task, and a press in between is told the task is already done (a known
     * race, reported; a person never clicks that fast, a loaded machine commits that slowly).
     */
    private void press(String link, String form, String key, String country) throws Exception {
      await(ref + " " + key + " " + country + " open").atMost(STEP).pollInterval(Duration.ofMillis(200)).until(() -> {
        HttpResponse<String> found = send(api("/engine-rest/task?processInstanceBusinessKey=" + ref + "&taskDefinitionKey=" + key
            + "&processVariables=country_eq_" + country, "admin").GET());
        assertThat(found.statusCode()).as("%s %s query: %s", ref, key, found.body()).isEqualTo(200);
        return json.readTree(found.body()).size() == 1;
      });
      HttpResponse<String> pressed = send(HttpRequest.newBuilder(onNode(link)).timeout(Duration.ofSeconds(60))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
      assertThat(pressed.statusCode()).as("%s %s: %s", ref, link, pressed.body()).isEqualTo(200);
    }

    /** Opens the download link on one node and takes the file from the other: the shared store serves it. */
    private void download(String link, JsonNode item) throws Exception {
      HttpClient unit = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
          .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> opened = unit.send(HttpRequest.newBuilder(onNode(link)).timeout(Duration.ofSeconds(60))
          .POST(HttpRequest.BodyPublishers.noBody()).header("Content-Type", "application/x-www-form-urlencoded").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(opened.statusCode()).as("%s open %s: %s", ref, link, opened.body()).isEqualTo(302);
      HttpResponse<byte[]> file = unit.send(HttpRequest.newBuilder(onNode(link + "/files/E1")).timeout(Duration.ofSeconds(60)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(file.statusCode()).as("%s E1 from %s", ref, link).isEqualTo(200);
      assertThat(Hashes.sha256(file.body())).as("%s E1 as served", ref).isEqualTo(item.path("sha256").asText());
    }

    private URI onNode(String link) {
      return URI.create(node().url(URI.create(link).getRawPath()));
    }

    /** The one mail of a kind to a recipient about this operation, once it has arrived. */
    private MimeMessage mailTo(String recipient, String kind) {
      return await(ref + " " + kind + " to " + recipient).atMost(STEP).pollInterval(Duration.ofMillis(200))
          .until(() -> mails(m -> m.getSubject().contains(ref) && kind.equals(m.getHeader("X-Takedown-Notice", null))
              && m.getAllRecipients()[0].toString().equals(recipient)), found -> !found.isEmpty()).get(0);
    }

    private HttpRequest.Builder api(String path, String user) {
      return request(node(), path, user);
    }
  }

  private void assertStages(Map<String, Route> operations) throws Exception {
    for (Map.Entry<String, Route> operation : operations.entrySet()) {
      String ref = operation.getKey();
      JsonNode read = json.readTree(send(request(nodes[0], "/api/operations/" + ref, "cora").GET()).body());
      List<String> countries = new ArrayList<>();
      read.path("countries").forEach(c -> countries.add(c.path("country").asText() + " " + c.path("status").asText() + " "
          + c.path("handoverStatus").asText("-")));
      switch (operation.getValue()) {
        case TRIAGE_REJECTED -> assertThat(read.path("stage").asText()).as(ref).isEqualTo("REJECTED");
        case CLOSED_BY_BOTH -> {
          assertThat(read.path("stage").asText()).as(ref).isEqualTo("CLOSED");
          assertThat(countries).as(ref).containsExactly("DE ACCEPTED RECEIVED", "FR ACCEPTED RECEIVED");
        }
        case FR_DECLINED_AND_DROPPED -> {
          assertThat(read.path("stage").asText()).as(ref).isEqualTo("CLOSED");
          assertThat(countries).as(ref).containsExactly("DE ACCEPTED RECEIVED", "FR DROPPED -");
        }
      }
      assertThat(read.path("openTasks")).as(ref + "'s open tasks").isEmpty();
    }
  }

  /** Each notice recorded as sent is in the mail server exactly once, under its own Message-ID, and nothing else is. */
  private void assertEveryNoticeMailedOnce(Connection db) throws Exception {
    Map<String, String> sent = new HashMap<>();
    Map<String, Integer> perKind = new TreeMap<>();
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("select message_id, kind from notice where status = 'SENT'")) {
      while (rows.next()) {
        sent.put(rows.getString(1), rows.getString(2));
        perKind.merge(rows.getString(2), 1, Integer::sum);
      }
    }
    Map<String, Integer> received = new HashMap<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      received.merge(message.getMessageID(), 1, Integer::sum);
    }
    System.out.printf("cluster: %d notices sent, %d mails received; per kind %s%n", sent.size(), mail.getReceivedMessages().length, perKind);
    assertThat(received).as("mails in the mail server, by Message-ID").allSatisfy((id, copies) -> assertThat(copies).as(id).isEqualTo(1));
    assertThat(received.keySet()).as("Message-IDs received").containsExactlyInAnyOrderElementsOf(sent.keySet());
    // The vendor's notices go to each analyst of its organisation: the demo's Aegis has two (vera, vince).
    assertThat(perKind).as("notices per kind").containsEntry("TIP_ACKNOWLEDGED", 2 * OPERATIONS).containsEntry("TRIAGE_RESULT", 2 * OPERATIONS);
  }

  /** ACT_HI_JOB_LOG: job state 2 is a successful run. Returns the successful runs per engine hostname. */
  private Map<String, Long> assertNoJobRanTwiceAndBothNodesRanJobs(Connection db) throws SQLException {
    // The operations' jobs; the history cleanup job (no process instance) runs again and again under one id within its
    // nightly window (01:00 to 05:00), when this test may run.
    assertThat(rows(db, "select job_id_, count(*) from act_hi_job_log where job_state_ = 2 and process_instance_id_ is not null"
        + " group by job_id_ having count(*) > 1")).as("jobs that ran successfully more than once").isEmpty();
    Map<String, Long> perNode = new TreeMap<>();
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("select hostname_, count(*) from act_hi_job_log where job_state_ = 2 group by hostname_")) {
      while (rows.next()) {
        perNode.put(rows.getString(1), rows.getLong(2));
      }
    }
    assertThat(perNode).as("successful jobs per node").containsOnlyKeys("node-a", "node-b")
        .allSatisfy((node, jobs) -> assertThat(jobs).as(node).isPositive());
    return perNode;
  }

  /** What a job run twice would leave behind: a second notice, document version or custody entry of the same kind. */
  private void assertNoBusinessDuplicates(Connection db) throws SQLException {
    assertThat(rows(db, "select operation_id, process_instance_id, kind, recipient, count(*) from notice"
        + " group by operation_id, process_instance_id, kind, recipient having count(*) > 1")).as("notices recorded twice").isEmpty();
    assertThat(rows(db, "select operation_id, kind, country, count(*) from document group by operation_id, kind, country, version"
        + " having count(*) > 1")).as("document versions made twice").isEmpty();
    assertThat(rows(db, "select operation_id, kind, country, max(version) from document where kind <> 'TRACKER'"
        + " group by operation_id, kind, country having max(version) > 1")).as("documents made again").isEmpty();
    assertThat(rows(db, "select item_id, event_type, country, count(*) from custody_event"
        + " group by item_id, event_type, country having count(*) > 1")).as("custody entries recorded twice").isEmpty();
  }

  /** The pages whose queries are the product's own SQL, read on PostgreSQL with a board full of operations, signed in through the form. */
  private void assertPagesAnswer(String ref) throws Exception {
    for (AppProcess node : nodes) {
      HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
      String form = browser.send(HttpRequest.newBuilder(URI.create(node.url("/login"))).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
      Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
      assertThat(csrf.find()).as(form).isTrue();
      HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(node.url("/login")))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
              "username=cora&password=demo&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(signedIn.headers().firstValue("Location")).as("sign-in on %s", node.url("")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
      for (String page : List.of("/board", "/operations?stage=CLOSED", "/inbox", "/review", "/statistics", "/statistics.csv", "/operations/" + ref)) {
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(node.url(page))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s on %s: %s", page, node.url(""), answer.body()).isEqualTo(200);
        if (page.startsWith("/operations")) {
          assertThat(answer.body()).as(page).contains(ref);
        }
      }
    }
  }

  private void assertCustodyVerifies(Map<String, Route> operations) throws Exception {
    int verified = 0;
    for (Map.Entry<String, Route> operation : operations.entrySet()) {
      if (operation.getValue() == Route.TRIAGE_REJECTED) {
        continue;
      }
      HttpResponse<String> verify = send(request(nodes[verified % 2], "/api/operations/" + operation.getKey() + "/custody/verify", "cora").GET());
      JsonNode result = json.readTree(verify.body());
      assertThat(result.path("status").asText()).as(operation.getKey() + ": " + verify.body()).isEqualTo("OK");
      assertThat(result.path("entries").asInt()).as(operation.getKey() + "'s custody entries").isGreaterThanOrEqualTo(5);
      verified++;
    }
  }

  /** A test on a received mail, whose headers may throw. */
  interface MailFilter {
    boolean test(MimeMessage message) throws Exception;
  }

  private List<MimeMessage> mails(MailFilter wanted) throws Exception {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      if (wanted.test(message)) {
        found.add(message);
      }
    }
    return found;
  }

  private static HttpRequest.Builder request(AppProcess node, String path, String user) {
    String credentials = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create(node.url(path))).timeout(Duration.ofSeconds(60)).header("Authorization", "Basic " + credentials);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, Object> value(Object value) {
    return Map.of("value", value);
  }

  private static Map<Route, Integer> countPaths(Map<String, Route> operations) {
    Map<Route, Integer> counts = new TreeMap<>();
    operations.values().forEach(p -> counts.merge(p, 1, Integer::sum));
    return counts;
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static List<String> rows(Connection db, String sql) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " " : "").append(rows.getString(i));
        }
        found.add(row.toString());
      }
    }
    return found;
  }
}
