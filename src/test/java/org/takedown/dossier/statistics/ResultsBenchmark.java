package org.takedown.dossier.statistics;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.Postgres;
import org.takedown.TakedownApplication;
import org.takedown.dossier.PageClient;
import org.takedown.result.ResultFigures;
import org.takedown.result.ResultSummaries;

/**
 * Benchmark, not a test: the results of /statistics over 1,000 operations of a year, first with 100 indicator results
 * each (100,000), then with 1,000 each (1,000,000), in the same run: {@link ResultFigures#programme} alone and the whole
 * page, median of repeated calls, and the growth ratio. Rows go in by batched JDBC (operations, tips, indicators, their
 * countries, assignments, reports, results), not through the process. Run it as docs/benchmarks.md says.
 */
public final class ResultsBenchmark {

  static final int OPERATIONS = 1_000;
  static final int WARM_UP = 1;
  static final int MEASURED = 5;
  static final String[] COUNTRIES = {"DE", "FR", "NL", "IT", "ES", "PL", "BE", "AT", "SE", "CZ", "PT", "RO", "GR", "HU", "DK", "FI", "IE", "SK",
      "LT", "LV"};
  static final String[] TYPES = {"ipv4-addr", "domain-name", "url"};
  static final String[] STATUSES = {"TAKEN_DOWN", "SEIZED", "SINKHOLED", "NOT_FOUND", "NOT_ACTIONABLE", "STILL_ACTIVE"};
  static final LocalDate FROM = LocalDate.parse("2030-01-01");
  static final LocalDate TO = LocalDate.parse("2030-12-31");
  static final long BASE = 50_000_000L;

  public static void main(String[] args) throws Exception {
    Path folder = Files.createTempDirectory("results-benchmark");
    // PostgreSQL, as a deployment runs; -Dbench.h2=true for the H2 file database instead.
    boolean h2 = Boolean.getBoolean("bench.h2");
    String url = h2 ? "jdbc:h2:file:" + folder.resolve("takedown") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
        : Postgres.newDatabase("results_bench") + "&reWriteBatchedInserts=true";
    System.out.println("database " + url);
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TakedownApplication.class).run(
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + (h2 ? "sa" : Postgres.USER),
        "--spring.datasource.password=" + (h2 ? "" : Postgres.PASSWORD),
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
      ResultFigures figures = app.getBean(ResultFigures.class);
      PageClient cora = PageClient.signIn(port, "cora");
      String page = "/statistics?from=" + FROM + "&to=" + TO;

      long start = System.nanoTime();
      operations(jdbc);
      indicators(jdbc, 0, 100);
      analyse(jdbc, h2);
      double load1 = (System.nanoTime() - start) / 1e9;
      double[] refresh1 = refresh(app.getBean(ResultSummaries.class));
      long results1 = count(jdbc, "select count(*) from indicator_result");
      double[] query1 = measure(() -> figures.programme(FROM, TO, 10));
      double[] page1 = measure(() -> get(cora, page));
      ResultFigures.Programme check1 = figures.programme(FROM, TO, 10);
      System.out.printf(Locale.ROOT, "%,9d results (loaded in %.1f s): ResultFigures.programme %s; /statistics page %s%n", results1, load1,
          text(query1), text(page1));

      start = System.nanoTime();
      indicators(jdbc, 100, 1_000);
      analyse(jdbc, h2);
      double load2 = (System.nanoTime() - start) / 1e9;
      double[] refresh2 = refresh(app.getBean(ResultSummaries.class));
      long results2 = count(jdbc, "select count(*) from indicator_result");
      System.out.printf(Locale.ROOT, "loaded %,d results in %.1f s more%n", results2, load2);
      double[] query2 = measure(() -> figures.programme(FROM, TO, 10));
      double[] page2 = measure(() -> get(cora, page));
      ResultFigures.Programme check2 = figures.programme(FROM, TO, 10);
      System.out.printf(Locale.ROOT, "%,9d results (loaded in %.1f s more): ResultFigures.programme %s; /statistics page %s%n", results2, load2,
          text(query2), text(page2));

      System.out.printf(Locale.ROOT, "%d operations; median and worst of %d after %d warm-up; %d processors, max heap %d MiB%n", OPERATIONS,
          MEASURED, WARM_UP, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
      System.out.printf(Locale.ROOT, "loaded %,d results in %.1f s, then %,d in %.1f s more%n", results1, load1, results2, load2);
      System.out.printf(Locale.ROOT, "%,9d results: ResultFigures.programme %s; /statistics page %s; %s%n", results1, text(query1), text(page1),
          check1.figures().headline());
      System.out.printf(Locale.ROOT, "%,9d results: ResultFigures.programme %s; /statistics page %s; %s%n", results2, text(query2), text(page2),
          check2.figures().headline());
      System.out.printf(Locale.ROOT, "ratio %d/%d: programme %.2f, page %.2f%n", results2, results1, query2[0] / query1[0], page2[0] / page1[0]);
      System.out.printf(Locale.ROOT, "keeping one operation's sums (what each report adds): %s with 100 results, %s with 1,000%n",
          text(refresh1), text(refresh2));
      long positive = count(jdbc, "select count(distinct indicator_id) from indicator_result where positive and operation_id >= " + BASE);
      System.out.printf(Locale.ROOT, "check: %,d indicators taken down counted from the results themselves, %,d in the programme's figures%n",
          positive, check2.figures().total().positive());
    }
  }

  /** The sums of every operation kept, as each report keeps its own; median and worst of one operation's. */
  private static double[] refresh(ResultSummaries summaries) {
    double[] millis = new double[OPERATIONS];
    for (int o = 0; o < OPERATIONS; o++) {
      long start = System.nanoTime();
      summaries.refresh(BASE + o);
      millis[o] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return new double[] {millis[OPERATIONS / 2], millis[OPERATIONS - 1]};
  }

  /** Fresh planner statistics, as autovacuum keeps them in a running deployment. */
  private static void analyse(JdbcTemplate jdbc, boolean h2) {
    jdbc.execute("analyze");
  }

  private static void get(PageClient client, String path) {
    HttpResponse<String> response = client.get(path);
    if (response.statusCode() != 200 || !response.body().contains("indicators taken down")) {
      throw new IllegalStateException(path + " answered " + response.statusCode());
    }
  }

  /** Median and worst in ms. */
  private static double[] measure(Runnable call) {
    for (int i = 0; i < WARM_UP; i++) {
      call.run();
    }
    double[] millis = new double[MEASURED];
    for (int i = 0; i < MEASURED; i++) {
      long start = System.nanoTime();
      call.run();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return new double[] {millis[MEASURED / 2], millis[MEASURED - 1]};
  }

  private static String text(double[] millis) {
    return String.format(Locale.ROOT, "median %.0f ms (worst %.0f ms)", millis[0], millis[1]);
  }

  private static long count(JdbcTemplate jdbc, String sql) {
    Long n = jdbc.queryForObject(sql, Long.class);
    return n == null ? 0 : n;
  }

  static Instant asked(int operation) {
    return FROM.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusSeconds(operation * 31_000L);
  }

  /** Each operation: one tip from one of 12 vendors, three countries asked the same day, one report per country. */
  static void operations(JdbcTemplate jdbc) {
    List<Object[]> operations = new ArrayList<>();
    List<Object[]> tips = new ArrayList<>();
    List<Object[]> assignments = new ArrayList<>();
    List<Object[]> reports = new ArrayList<>();
    for (int o = 0; o < OPERATIONS; o++) {
      Timestamp at = Timestamp.from(asked(o));
      long id = BASE + o;
      operations.add(new Object[] {id, "OP-2030-%05d".formatted(o), "Bulk operation " + o, "vendor-" + o % 12, at});
      tips.add(new Object[] {id, id, "vendor-" + o % 12, at});
      for (int c = 0; c < 3; c++) {
        String country = COUNTRIES[(o + c * 7) % COUNTRIES.length];
        assignments.add(new Object[] {id, country, at, at, at});
        reports.add(new Object[] {id * 3 + c, id, country, Timestamp.from(asked(o).plusSeconds(86_400L * (c + 1)))});
      }
    }
    jdbc.batchUpdate("insert into operation (id, reference, title, tlp, pap, stage, vendor, created_at, updated_at, version, attribution)"
        + " values (?, ?, ?, 'TLP:AMBER', 'PAP:GREEN', 'OUTCOME', ?, ?, current_timestamp, 0, false)", operations);
    jdbc.batchUpdate("insert into tip (id, operation_id, payload, payload_sha256, content_type, submitter, received_at)"
        + " values (?, ?, '{}', 'x', 'application/json', ?, ?)", tips);
    jdbc.batchUpdate("insert into country_assignment (operation_id, country, status, created_at, requested_at, updated_at, reminders,"
        + " alternate_unit_asked, version) values (?, ?, 'ACCEPTED', ?, ?, ?, 0, false, 0)", assignments);
    jdbc.batchUpdate("insert into result_report (id, operation_id, country, channel, reported_by, for_unit, reported_at, results)"
        + " values (?, ?, ?, 'API', 'bench', false, ?, 0)", reports);
  }

  /** Indicators [from, to) of every operation, each routed to one of its three countries and reported on. */
  static void indicators(JdbcTemplate jdbc, int from, int to) {
    List<Object[]> indicators = new ArrayList<>();
    List<Object[]> countries = new ArrayList<>();
    List<Object[]> results = new ArrayList<>();
    for (int o = 0; o < OPERATIONS; o++) {
      long operation = BASE + o;
      for (int k = from; k < to; k++) {
        long id = operation * 1_000 + k;
        int c = k % 3;
        String country = COUNTRIES[(o + c * 7) % COUNTRIES.length];
        String value = "10.%d.%d.%d".formatted(o % 250, k / 250, k % 250);
        indicators.add(new Object[] {id, operation, operation, TYPES[k % TYPES.length], value, value});
        countries.add(new Object[] {id, country});
        String status = STATUSES[(o + k) % STATUSES.length];
        boolean positive = status.equals("TAKEN_DOWN") || status.equals("SEIZED") || status.equals("SINKHOLED");
        Instant asked = asked(o);
        long firstAction = 3_600L * (1 + (o * 7 + k * 13) % 200);
        results.add(new Object[] {id, country, operation, status, positive, Timestamp.from(asked.plusSeconds(firstAction)), Timestamp.from(asked),
            Timestamp.from(asked.plusSeconds(firstAction)), positive ? Timestamp.from(asked.plusSeconds(firstAction)) : null, firstAction,
            positive ? firstAction : null, operation * 3 + c});
      }
      if (indicators.size() >= 20_000 || o == OPERATIONS - 1) {
        jdbc.batchUpdate("insert into indicator (id, operation_id, tip_id, type, indicator_value, normalized_value) values (?, ?, ?, ?, ?, ?)",
            indicators);
        jdbc.batchUpdate("insert into indicator_country (indicator_id, country, placed_by, source_label) values (?, ?, 'VENDOR', 'vendor')", countries);
        jdbc.batchUpdate("insert into indicator_result (indicator_id, country, operation_id, status, positive, status_at, requested_at,"
            + " first_action_at, positive_at, first_action_seconds, takedown_seconds, report_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", results);
        indicators.clear();
        countries.clear();
        results.clear();
      }
    }
  }
}
