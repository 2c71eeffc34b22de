package org.takedown.tip;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.TakedownApplication;

/**
 * Benchmark, not a test: a 10,000-indicator STIX bundle through POST /api/tips (intake time), then
 * the triage correlation of that operation (TipService.correlations: which open operations share its
 * indicators, and how many) with 10,000 and then 1,000,000 other indicators stored, median of 15
 * after 20 warm-up runs, and the ratio 1M/10k. The other indicators belong to 20 open operations,
 * and 1,000 of them share a value with the bundle in both runs. On the database of
 * config/application.yml, in a temporary folder. Run it as docs/benchmarks.md says.
 */
public final class StixCorrelationBenchmark {

  static final int BUNDLE = 10_000;
  static final int SHARED = 1_000;
  static final int OPERATIONS = 20;
  static final int WARM_UP = 20;
  static final int RUNS = 15;

  public static void main(String[] args) throws Exception {
    String configured = new YAMLMapper().readTree(Path.of("config/application.yml").toFile()).at("/spring/datasource/url").asText();
    Path folder = Files.createTempDirectory("stix-benchmark");
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TakedownApplication.class).run(
        // H2 would otherwise answer a repeated query from its cached result while no table changed.
        "--spring.datasource.url=" + configured.replace("./data/takedown", folder.resolve("takedown").toString())
            + ";OPTIMIZE_REUSE_RESULTS=FALSE",
        "--server.port=0",
        "--camunda.bpm.webapp.enabled=false",
        "--camunda.bpm.job-execution.enabled=false",
        "--takedown.demo.users=true",
        "--takedown.demo.sample-tip=false",
        "--takedown.mail.embedded.smtp-port=0",
        "--takedown.mail.embedded.imap-port=0",
        "--logging.level.root=WARN")) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      TipService tips = app.getBean(TipService.class);
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();

      // The operations the stored indicators belong to: real tips, then rows added in JDBC batches.
      for (int i = 0; i < OPERATIONS; i++) {
        post(port, "application/json", ("{\"title\": \"Background " + i + "\", \"tlp\": \"TLP:AMBER\", \"countries\": [\"DE\"], \"indicators\": [{\"type\": "
            + "\"domain-name\", \"value\": \"seed-" + i + ".example.org\"}]}").getBytes(StandardCharsets.UTF_8));
      }
      List<long[]> owners = jdbc.query("select t.operation_id, t.id from tip t", (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)});
      insert(jdbc, owners, 0, SHARED, i -> "new-" + i + ".example.net");
      insert(jdbc, owners, SHARED, 10_000, i -> "bg-" + i + ".example.org");

      byte[] bundle = bundle();
      long start = System.nanoTime();
      String reference = post(port, "application/stix+json;version=2.1", bundle);
      double intake = (System.nanoTime() - start) / 1e6;
      int found = tips.correlations(reference).size();
      double small = median(tips, reference);
      long stored10k = count(jdbc);

      insert(jdbc, owners, 10_000, 1_000_000, i -> "bg-" + i + ".example.org");
      jdbc.execute("ANALYZE");
      double large = median(tips, reference);
      long stored1m = count(jdbc);

      System.out.printf(Locale.ROOT, "%d processors; bundle of %d indicators (%d kB), %d of them stored in %d other open operations%n",
          Runtime.getRuntime().availableProcessors(), BUNDLE, bundle.length / 1024, SHARED, found);
      System.out.printf(Locale.ROOT, "intake (POST /api/tips, 201): %.0f ms%n", intake);
      System.out.printf(Locale.ROOT, "correlation with %,d indicators stored: %.1f ms (median of 15)%n", stored10k, small);
      System.out.printf(Locale.ROOT, "correlation with %,d indicators stored: %.1f ms (median of 15)%n", stored1m, large);
      System.out.printf(Locale.ROOT, "ratio 1M/10k: %.2f%n", large / small);
      System.out.println("plan: " + jdbc.queryForObject("explain " + IndicatorRepository.SHARED_WITH_OPEN_OPERATIONS
          .replace(":reference", "'" + reference + "'"), String.class).replaceAll("\\s+", " "));
    }
  }

  private static double median(TipService tips, String reference) {
    for (int i = 0; i < WARM_UP; i++) {
      tips.correlations(reference);
    }
    double[] ms = new double[RUNS];
    for (int i = 0; i < ms.length; i++) {
      long start = System.nanoTime();
      List<TipService.Correlation> found = tips.correlations(reference);
      ms[i] = (System.nanoTime() - start) / 1e6;
      if (found.stream().mapToLong(TipService.Correlation::shared).sum() != SHARED) {
        throw new IllegalStateException("expected " + SHARED + " shared indicators, found " + found);
      }
    }
    Arrays.sort(ms);
    return ms[ms.length / 2];
  }

  private static long count(JdbcTemplate jdbc) {
    return jdbc.queryForObject("select count(*) from indicator", Long.class) - BUNDLE;
  }

  /** Rows from..to-1, spread over the owners, in batches of 5,000. */
  private static void insert(JdbcTemplate jdbc, List<long[]> owners, int from, int to, java.util.function.IntFunction<String> value) {
    List<Object[]> batch = new ArrayList<>();
    for (int i = from; i < to; i++) {
      long[] owner = owners.get(i % owners.size());
      String v = value.apply(i);
      batch.add(new Object[] {owner[0], owner[1], "domain-name", v, v});
      if (batch.size() == 5_000 || i == to - 1) {
        jdbc.batchUpdate("insert into indicator (operation_id, tip_id, type, indicator_value, normalized_value) values (?, ?, ?, ?, ?)", batch);
        batch.clear();
      }
    }
  }

  /** 10,000 indicators: the first SHARED domains are stored already, the rest are new. */
  private static byte[] bundle() {
    StringBuilder json = new StringBuilder("{\"type\": \"bundle\", \"id\": \"bundle--" + UUID.randomUUID() + "\", \"objects\": [");
    for (int i = 0; i < BUNDLE; i++) {
      json.append(i == 0 ? "" : ",").append("{\"type\": \"indicator\", \"spec_version\": \"2.1\", \"id\": \"indicator--").append(UUID.randomUUID())
          .append("\", \"created\": \"2026-01-01T00:00:00.000Z\", \"modified\": \"2026-01-01T00:00:00.000Z\", \"pattern\": \"[domain-name:value = 'new-")
          .append(i).append(".example.net']\", \"pattern_type\": \"stix\", \"valid_from\": \"2026-01-01T00:00:00.000Z\"}");
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String post(int port, String type, byte[] body) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tips"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("vera:demo".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("POST /api/tips answered " + response.statusCode() + ": " + response.body());
    }
    return (String) new com.fasterxml.jackson.databind.ObjectMapper().readValue(response.body(), Map.class).get("reference");
  }
}
