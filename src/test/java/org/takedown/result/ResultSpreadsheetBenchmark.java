package org.takedown.result;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.RoutedAddresses;
import org.takedown.TakedownApplication;
import org.takedown.partner.ActionLinks;
import org.takedown.partner.PartnerAction;

/**
 * Benchmark, not a test (issue 22): a unit's upload of the results list it was sent, for 10,000 indicators, read
 * (POST of the file: read, checked, kept), shown (the preview page, 10,000 lines) and recorded (Confirm), on the
 * product as it runs (H2 file database, job executor on). Each round sets every line to another result than the
 * round before, so every round records 10,000 changes. Also the API's preview and direct recording of the same file.
 * Run as docs/benchmarks.md says ("Results by spreadsheet"); the goal is read + shown + recorded within 5 s.
 */
public final class ResultSpreadsheetBenchmark {

  static final int INDICATORS = Integer.getInteger("results.indicators", 10_000);
  static final int ROUNDS = 3;
  static final String[] STATUSES = {"taken down", "seized", "sinkholed", "blocked"};
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    Path folder = Files.createTempDirectory("results-benchmark");
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TakedownApplication.class).run(
        "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("takedown") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
        "--server.port=0",
        "--camunda.bpm.webapp.enabled=false",
        "--takedown.demo.users=true",
        "--takedown.demo.sample-tip=false",
        "--takedown.evidence.store=" + folder.resolve("evidence"),
        "--takedown.custody.signing-key=" + folder.resolve("custody-signing-key.pem"),
        "--takedown.mail.embedded.smtp-port=0",
        "--takedown.mail.embedded.imap-port=0",
        "--logging.level.root=WARN")) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      System.out.printf(Locale.ROOT, "%d processors, Java %s, max heap %d MB, %,d indicators routed to Germany%n",
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, INDICATORS);
      List<String> addresses = RoutedAddresses.pick(List.of("DE"), 1, INDICATORS, 0).get("DE");
      String reference = tip(port, addresses);
      String instance = acceptedByGermany(app, jdbc, reference);
      byte[] sent = jdbc.queryForObject("select d.content from document d join operation o on o.id = d.operation_id where o.reference = ?"
          + " and d.kind = 'RESULTS_LIST' and d.country = 'DE' order by d.version desc limit 1", byte[].class, reference);
      int listed;
      try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(sent))) {
        listed = book.getSheetAt(0).getLastRowNum() + 1 - ResultWorkbook.HEADER_ROW;
      }
      // A few addresses of the table may also be placed in another country, and go to the coordinators instead.
      System.out.printf(Locale.ROOT, "%s: results list sent, %,d bytes, %,d indicators%n", reference, sent.length, listed);
      String token = URI.create(app.getBean(ActionLinks.class).issue(app.getBean(org.takedown.operation.OperationService.class).get(reference),
          instance, PartnerAction.REPORT_RESULTS, "so4@de.units.example")).getRawPath();
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;

      double[] read = new double[ROUNDS];
      double[] shown = new double[ROUNDS];
      double[] recorded = new double[ROUNDS];
      double[] total = new double[ROUNDS];
      double[] cpu = new double[ROUNDS];
      var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      for (int round = -1; round < ROUNDS; round++) {
        // Round -1 warms up; it is not counted.
        byte[] filled = fill(sent, STATUSES[(round + 1) % STATUSES.length]);
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        HttpResponse<String> uploaded = http.send(multipart(base + token + "/spreadsheet", filled, null), HttpResponse.BodyHandlers.ofString());
        long t1 = System.nanoTime();
        check(uploaded, 302);
        String preview = base + URI.create(uploaded.headers().firstValue("Location").orElseThrow()).getRawPath();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(preview)).build(), HttpResponse.BodyHandlers.ofString());
        long t2 = System.nanoTime();
        check(page, 200);
        if (!page.body().contains(String.format(Locale.ENGLISH, "%,d results read: %,d changes", listed, listed))) {
          int at = page.body().indexOf("id=\"summary\"");
          throw new IllegalStateException("The preview does not say what was expected: "
              + page.body().substring(Math.max(0, at), Math.min(page.body().length(), at + 1500)));
        }
        HttpResponse<String> confirmed = http.send(HttpRequest.newBuilder(URI.create(preview)).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        long t3 = System.nanoTime();
        long cpuEnd = os.getProcessCpuTime();
        check(confirmed, 200);
        if (round >= 0) {
          read[round] = (t1 - start) / 1e6;
          shown[round] = (t2 - t1) / 1e6;
          recorded[round] = (t3 - t2) / 1e6;
          total[round] = (t3 - start) / 1e6;
          cpu[round] = (cpuEnd - cpuStart) / 1e6;
          System.out.printf(Locale.ROOT, "round %d: read %.0f ms, shown %.0f ms (%,d kB of HTML), recorded %.0f ms, total %.0f ms, CPU %.0f ms,"
              + " load average %.1f%n", round + 1, read[round], shown[round], page.body().length() / 1024, recorded[round], total[round], cpu[round],
              os.getSystemLoadAverage());
        }
      }
      Long logged = jdbc.queryForObject("select count(*) from indicator_result_log l join result_report r on r.id = l.report_id"
          + " join operation o on o.id = r.operation_id where o.reference = ?", Long.class, reference);
      if (logged != (long) listed * (ROUNDS + 1)) {
        throw new IllegalStateException(logged + " log rows, not " + listed * (ROUNDS + 1));
      }

      byte[] filled = fill(sent, "not found");
      String api = base + "/api/operations/" + reference + "/results/spreadsheet?country=DE";
      long start = System.nanoTime();
      check(http.send(multipart(api + "&preview=true", filled, "cora"), HttpResponse.BodyHandlers.ofString()), 200);
      double apiPreview = (System.nanoTime() - start) / 1e6;
      start = System.nanoTime();
      check(http.send(multipart(api, filled, "cora"), HttpResponse.BodyHandlers.ofString()), 201);
      double apiRecord = (System.nanoTime() - start) / 1e6;

      // Where the recording's time goes: the core's check alone, then its whole record, called in-process.
      IndicatorResults results = app.getBean(IndicatorResults.class);
      List<IndicatorResults.Line> lines = app.getBean(ResultWorkbook.class).read(fill(sent, "still active")).lines();
      start = System.nanoTime();
      results.check(reference, "DE", lines);
      double checkMs = (System.nanoTime() - start) / 1e6;
      start = System.nanoTime();
      results.record(reference, "DE", IndicatorResults.Reporter.of("benchmark", true, IndicatorResults.Channel.API), lines, null);
      double recordMs = (System.nanoTime() - start) / 1e6;
      start = System.nanoTime();
      app.getBean(ResultWorkbook.class).read(filled);
      double readMs = (System.nanoTime() - start) / 1e6;
      System.out.printf(Locale.ROOT, "in-process: ResultWorkbook.read %.0f ms, IndicatorResults.check %.0f ms, IndicatorResults.record %.0f ms%n",
          readMs, checkMs, recordMs);

      System.out.println();
      System.out.printf(Locale.ROOT, "| %,d results by spreadsheet, median of %d | ms |%n", INDICATORS, ROUNDS);
      System.out.println("| --- | ---: |");
      System.out.printf(Locale.ROOT, "| read: upload on the results page (read, checked, kept) | %.0f |%n", median(read));
      System.out.printf(Locale.ROOT, "| shown: the preview page, line by line | %.0f |%n", median(shown));
      System.out.printf(Locale.ROOT, "| recorded: Confirm | %.0f |%n", median(recorded));
      System.out.printf(Locale.ROOT, "| **read + shown + recorded** (goal 5,000) | **%.0f** |%n", median(total));
      System.out.printf(Locale.ROOT, "| CPU time of the process during the three (all threads) | %.0f |%n", median(cpu));
      System.out.printf(Locale.ROOT, "| API, preview=true | %.0f |%n", apiPreview);
      System.out.printf(Locale.ROOT, "| API, recorded at once | %.0f |%n", apiRecord);
    }
  }

  private static void check(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException("Got " + response.statusCode() + ", not " + status + ": "
          + response.body().substring(0, Math.min(2000, response.body().length())));
    }
  }

  /** The list with this result in every row, as a unit would fill it in Excel. */
  static byte[] fill(byte[] sent, String status) throws Exception {
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(sent)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = book.getSheetAt(0);
      for (int r = ResultWorkbook.HEADER_ROW; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        row.createCell(2).setCellValue(status);
      }
      book.write(out);
      return out.toByteArray();
    }
  }

  static HttpRequest multipart(String url, byte[] content, String user) throws Exception {
    String boundary = "----" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"results.xlsx\"\r\n"
        + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
    return request.build();
  }

  private static String tip(int port, List<String> addresses) throws Exception {
    Map<String, Object> tip = new LinkedHashMap<>();
    tip.put("title", "C2 servers in Germany, " + addresses.size() + " addresses");
    tip.put("summary", "Addresses seen in our telemetry.");
    tip.put("tlp", "TLP:AMBER");
    tip.put("pap", "PAP:GREEN");
    tip.put("countries", List.of("DE"));
    tip.put("indicators", addresses.stream().map(a -> Map.of("type", "ipv4-addr", "value", a)).toList());
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tips"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("vera:demo".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(tip))).build(),
        HttpResponse.BodyHandlers.ofString());
    check(response, 201);
    String location = response.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** Triage, legal approval (a second one where the rules ask for it), Germany's acceptance; the national-assignment instance. */
  private static String acceptedByGermany(ConfigurableApplicationContext app, JdbcTemplate jdbc, String reference) {
    TaskService tasks = app.getBean(TaskService.class);
    IdentityService identity = app.getBean(IdentityService.class);
    complete(tasks, identity, "cora", task(tasks, reference, "Task_TriageTip"), Map.of("triageDecision", "OPEN",
        "countries", "[\"DE\"]",
        "triageNote", "Germany"));
    complete(tasks, identity, "lena", task(tasks, reference, "Task_LegalReview"), Map.of("legalDecision", "APPROVE",
        "legalBasis", "Art. 6 mandate", "releaseTlp", "TLP:AMBER"));
    Task next = await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(reference).taskDefinitionKeyIn("Task_SecondLegalApproval", "Task_RespondToAssignment").list().stream()
        .findFirst().orElse(null), t -> t != null);
    if (next.getTaskDefinitionKey().equals("Task_SecondLegalApproval")) {
      complete(tasks, identity, "leon", next, Map.of("legalDecision", "APPROVE", "legalBasis", "Art. 6 mandate, confirmed"));
      next = task(tasks, reference, "Task_RespondToAssignment");
    }
    String instance = next.getProcessInstanceId();
    complete(tasks, identity, "admin", next, Map.of("assignmentResponse", "ACCEPT"));
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> "ACCEPTED".equals(jdbc.queryForObject(
        "select a.status from country_assignment a join operation o on o.id = a.operation_id where o.reference = ? and a.country = 'DE'",
        String.class, reference)));
    return instance;
  }

  private static Task task(TaskService tasks, String reference, String key) {
    return await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
        .until(() -> tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(key).singleResult(), t -> t != null);
  }

  private static void complete(TaskService tasks, IdentityService identity, String user, Task task, Map<String, Object> variables) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList());
    try {
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
