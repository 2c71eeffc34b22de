package org.takedown.dossier;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.TakedownApplication;

/**
 * Benchmark, not a test: how long the board (/) and an operation's page take to answer with 1,000
 * and with 10,000 open operations, median and p95 over repeated requests of a signed-in coordinator,
 * and the ratio of the two. Real engine instances for some operations (tasks, timers), rows for the
 * rest. Run it as docs/benchmarks.md says.
 */
public final class BoardBenchmark {

  static final int REAL = 20;
  static final int WARM_UP = 20;
  static final int MEASURED = 60;

  public static void main(String[] args) throws Exception {
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TakedownApplication.class).run(
        "--spring.datasource.url=jdbc:h2:mem:board-benchmark;DB_CLOSE_DELAY=-1",
        "--server.port=0",
        "--camunda.bpm.webapp.enabled=false",
        "--takedown.demo.users=true",
        "--takedown.demo.sample-tip=false",
        "--takedown.mail.embedded.smtp-port=0",
        "--takedown.mail.embedded.imap-port=0",
        "--logging.level.root=WARN")) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      String real = null;
      for (int i = 0; i < REAL; i++) {
        real = submit(port);
      }
      // The job executor acknowledges the tips; then each waits at triage with a task and a deadline.
      await().atMost(Duration.ofSeconds(60)).until(() -> count(jdbc, "select count(*) from ACT_RU_TASK") >= REAL);
      PageClient cora = PageClient.signIn(port, "cora");

      insert(jdbc, 0, 1_000 - REAL);
      Result board1k = measure(cora, "/");
      Result page1k = measure(cora, "/operations/" + real);
      long open1k = count(jdbc, "select count(*) from operation where stage not in ('CLOSED', 'REJECTED', 'MERGED', 'WITHDRAWN')");

      insert(jdbc, 1_000 - REAL, 9_000);
      Result board10k = measure(cora, "/");
      Result page10k = measure(cora, "/operations/" + real);
      long open10k = count(jdbc, "select count(*) from operation where stage not in ('CLOSED', 'REJECTED', 'MERGED', 'WITHDRAWN')");

      System.out.printf(Locale.ROOT, "%d measured requests each after %d warm-up; %d processors%n", MEASURED, WARM_UP,
          Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "board,          %5d open operations: %s%n", open1k, board1k);
      System.out.printf(Locale.ROOT, "board,          %5d open operations: %s%n", open10k, board10k);
      System.out.printf(Locale.ROOT, "operation page, %5d open operations: %s%n", open1k, page1k);
      System.out.printf(Locale.ROOT, "operation page, %5d open operations: %s%n", open10k, page10k);
      System.out.printf(Locale.ROOT, "ratio 10,000/1,000: board median %.2f, p95 %.2f; operation page median %.2f, p95 %.2f%n",
          board10k.median / board1k.median, board10k.p95 / board1k.p95, page10k.median / page1k.median, page10k.p95 / page1k.p95);
    }
  }

  record Result(double median, double p95, int bytes) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "median %.1f ms, p95 %.1f ms (%d KiB)", median, p95, bytes / 1024);
    }
  }

  private static Result measure(PageClient client, String path) {
    for (int i = 0; i < WARM_UP; i++) {
      client.get(path);
    }
    double[] millis = new double[MEASURED];
    int bytes = 0;
    for (int i = 0; i < MEASURED; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = client.get(path);
      millis[i] = (System.nanoTime() - start) / 1e6;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode());
      }
      bytes = response.body().length();
    }
    Arrays.sort(millis);
    return new Result(millis[MEASURED / 2], millis[(int) Math.ceil(MEASURED * 0.95) - 1], bytes);
  }

  private static String submit(int port) throws Exception {
    byte[] tip = new ObjectMapper().writeValueAsBytes(Map.of(
        "title", "C2 servers of a banking trojan", "summary", "Three C2 servers seen in our telemetry.",
        "tlp", "TLP:AMBER", "pap", "PAP:GREEN", "countries", List.of("DE", "FR"),
        "indicators", List.of(Map.of("type", "ipv4-addr", "value", "198.51.100.1"))));
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tips"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("vera:demo".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(tip)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("A tip got " + response.statusCode() + ": " + response.body());
    }
    String location = response.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static long count(JdbcTemplate jdbc, String sql) {
    Long n = jdbc.queryForObject(sql, Long.class);
    return n == null ? 0 : n;
  }

  /** Open operations spread over the stages, two countries each, in JDBC batches. */
  public static void insert(JdbcTemplate jdbc, int from, int count) {
    String[] stages = {"TRIAGE", "LEGAL_REVIEW", "NATIONAL_ASSIGNMENT", "EVIDENCE_HANDOVER", "OUTCOME"};
    String[] tlps = {"TLP:AMBER", "TLP:GREEN", "TLP:RED", "TLP:AMBER+STRICT", "TLP:CLEAR"};
    Timestamp now = Timestamp.from(Instant.now());
    for (int start = from; start < from + count; start += 1_000) {
      int end = Math.min(from + count, start + 1_000);
      List<Object[]> operations = new ArrayList<>();
      List<Object[]> countries = new ArrayList<>();
      for (int i = start; i < end; i++) {
        String reference = "OP-1999-%05d".formatted(i);
        operations.add(new Object[] {reference, "Bulk operation " + i, tlps[i % tlps.length], "PAP:GREEN", stages[i % stages.length], "vera", now, now});
        countries.add(new Object[] {"DE", i % 2 == 0 ? "ACCEPTED" : "REQUESTED", now, now, reference});
        countries.add(new Object[] {"FR", "PROPOSED", now, now, reference});
      }
      jdbc.batchUpdate("insert into operation (reference, title, tlp, pap, stage, vendor, created_at, updated_at, version, attribution)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, 0, false)", operations);
      jdbc.batchUpdate("insert into country_assignment (operation_id, country, status, created_at, updated_at, reminders, alternate_unit_asked, version)"
          + " select id, ?, ?, ?, ?, 0, false, 0 from operation where reference = ?", countries);
    }
  }
}
