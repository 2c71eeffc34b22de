package org.takedown.tip;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.TakedownApplication;

/**
 * Benchmark, not a test: what synchronous commits cost. Tips through POST /api/tips, with one client
 * and with four, on the database URL of config/application.yml, in alternating batches with
 * WRITE_DELAY 0 (as configured) and 500 (H2's default delayed write, the baseline). One application
 * and one database serve both, and the batches alternate (ABBA), so that a warmer JVM and other load
 * on the machine weigh on both alike. Run it as docs/benchmarks.md says.
 */
public final class TipIntakeBenchmark {

  static final int WARM_UP = 30;
  static final int ROUNDS = 6;
  static final int BATCH = 20;

  public static void main(String[] args) throws Exception {
    String configured = new YAMLMapper().readTree(Path.of("config/application.yml").toFile()).at("/spring/datasource/url").asText();
    Path folder = Files.createTempDirectory("tip-benchmark");
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TakedownApplication.class).run(
        "--spring.datasource.url=" + configured.replace("./data/takedown", folder.resolve("takedown").toString()),
        "--server.port=0",
        "--camunda.bpm.webapp.enabled=false",
        "--camunda.bpm.job-execution.enabled=false",
        "--takedown.demo.users=true",
        "--takedown.demo.sample-tip=false",
        "--takedown.mail.embedded.smtp-port=0",
        "--takedown.mail.embedded.imap-port=0",
        "--logging.level.root=WARN")) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      Client client = new Client(((WebServerApplicationContext) app).getWebServer().getPort());
      for (int i = 0; i < WARM_UP; i++) {
        client.tip();
      }
      // seconds per mode (0: WRITE_DELAY=0, 1: 500 ms), with one client and with four
      double[] single = new double[2];
      double[] four = new double[2];
      for (int round = 0; round < ROUNDS; round++) {
        for (int step = 0; step < 2; step++) {
          int mode = (round + step) % 2; // 0 1, 1 0, 0 1, ...
          jdbc.execute("SET WRITE_DELAY " + (mode == 0 ? 0 : 500));
          single[mode] += batch(client, 1);
          four[mode] += batch(client, 4);
        }
      }
      int tips = ROUNDS * BATCH;
      System.out.printf(Locale.ROOT, "%d tips per mode and client count, in %d alternating batches of %d; %d processors%n",
          tips, ROUNDS, BATCH, Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "baseline (WRITE_DELAY 500 ms, H2's default): %.1f tips/s with 1 client, %.1f with 4%n", tips / single[1], tips / four[1]);
      System.out.printf(Locale.ROOT, "durable  (WRITE_DELAY=0, as configured):     %.1f tips/s with 1 client, %.1f with 4%n", tips / single[0], tips / four[0]);
      System.out.printf(Locale.ROOT, "ratio durable/baseline: %.2f with 1 client, %.2f with 4%n", single[1] / single[0], four[1] / four[0]);
    }
  }

  /** Seconds for one batch of tips, shared among the clients. */
  private static double batch(Client client, int clients) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      long start = System.nanoTime();
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(pool.submit(() -> {
          for (int i = 0; i < BATCH / clients; i++) {
            client.tip();
          }
          return null;
        }));
      }
      for (Future<?> c : running) {
        c.get();
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      pool.shutdown();
    }
  }

  private static final class Client {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI tips;
    private final byte[] tip;
    private final String credentials = "Basic " + Base64.getEncoder().encodeToString("vera:demo".getBytes(StandardCharsets.UTF_8));

    Client(int port) throws Exception {
      this.tips = URI.create("http://127.0.0.1:" + port + "/api/tips");
      this.tip = new ObjectMapper().writeValueAsBytes(Map.of(
          "title", "C2 servers of a banking trojan", "summary", "Three C2 servers seen in our telemetry.",
          "tlp", "TLP:AMBER", "pap", "PAP:GREEN", "countries", List.of("DE", "FR"),
          "indicators", List.of(Map.of("type", "ipv4-addr", "value", "198.51.100.1"))));
    }

    void tip() throws Exception {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(tips).header("Authorization", credentials)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(tip)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IllegalStateException("A tip got " + response.statusCode() + ": " + response.body());
      }
    }
  }
}
