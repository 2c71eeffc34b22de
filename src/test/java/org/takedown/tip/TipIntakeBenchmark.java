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
import org.takedown.TakedownApplication;

/**
 * Benchmark, not a test: what synchronous commits cost. Tips per second through POST /api/tips,
 * with one client and with four, on the database URL of config/application.yml (WRITE_DELAY=0)
 * against the same URL with H2's default delayed write (500 ms) as the baseline, in the same run,
 * each on a fresh file database. Run it as the README says.
 */
public final class TipIntakeBenchmark {

  static final int WARM_UP = 30;
  static final int TIPS = 120;

  public static void main(String[] args) throws Exception {
    String configured = new YAMLMapper().readTree(Path.of("config/application.yml").toFile()).at("/spring/datasource/url").asText();
    String baseline = configured.replace(";WRITE_DELAY=0", "");
    Path folder = Files.createTempDirectory("tip-benchmark");
    System.out.printf(Locale.ROOT, "%d tips per run after %d to warm up; %d processors%n", TIPS, WARM_UP, Runtime.getRuntime().availableProcessors());

    double[] delayed = run("baseline", baseline.replace("./data/takedown", folder.resolve("baseline").toString()));
    double[] durable = run("durable", configured.replace("./data/takedown", folder.resolve("durable").toString()));
    System.out.printf(Locale.ROOT, "baseline (H2 default, WRITE_DELAY 500 ms): %.1f tips/s with 1 client, %.1f with 4%n", delayed[0], delayed[1]);
    System.out.printf(Locale.ROOT, "durable  (WRITE_DELAY=0, as configured):   %.1f tips/s with 1 client, %.1f with 4%n", durable[0], durable[1]);
    System.out.printf(Locale.ROOT, "ratio durable/baseline: %.2f with 1 client, %.2f with 4%n", durable[0] / delayed[0], durable[1] / delayed[1]);
  }

  /** Tips per second with one client, then with four. */
  private static double[] run(String name, String url) throws Exception {
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TakedownApplication.class).run(
        "--spring.datasource.url=" + url,
        "--server.port=0",
        "--camunda.bpm.process-engine-name=" + name,
        "--camunda.bpm.webapp.enabled=false",
        "--camunda.bpm.job-execution.enabled=false",
        "--takedown.demo.users=true",
        "--takedown.demo.sample-tip=false",
        "--takedown.mail.embedded.smtp-port=0",
        "--takedown.mail.embedded.imap-port=0",
        "--logging.level.root=WARN")) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      Client client = new Client(port);
      for (int i = 0; i < WARM_UP; i++) {
        client.tip();
      }
      long start = System.nanoTime();
      for (int i = 0; i < TIPS; i++) {
        client.tip();
      }
      double single = TIPS / ((System.nanoTime() - start) / 1e9);

      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        start = System.nanoTime();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
          clients.add(pool.submit(() -> {
            for (int i = 0; i < TIPS / 4; i++) {
              client.tip();
            }
            return null;
          }));
        }
        for (Future<?> c : clients) {
          c.get();
        }
      } finally {
        pool.shutdown();
      }
      double four = TIPS / ((System.nanoTime() - start) / 1e9);
      return new double[] {single, four};
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
