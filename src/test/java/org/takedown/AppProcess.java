package org.takedown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The product in a JVM of its own, as an operator runs it: for the tests that kill a node (kill -9)
 * or run several nodes on one database. Its log is kept in target/app-processes/ for a look after a
 * failure; the last lines are printed when it does not become ready.
 */
public final class AppProcess implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final String name;
  private final int port;
  private final Path log;
  private final Process process;
  private final double startSeconds;

  private AppProcess(String name, int port, Path log, Process process, double startSeconds) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
    this.startSeconds = startSeconds;
  }

  /**
   * Starts a node with the job executor on and the demo users, and waits until its readiness is UP.
   * {@code settings} are Spring properties (without "--"), e.g. the database URL and the mail server.
   */
  public static AppProcess start(String name, Map<String, String> settings) throws IOException {
    int port = freePort();
    Path log = Files.createDirectories(Path.of("target", "app-processes")).resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1"));
    // e.g. -Dapp-process.jvm-options=-XX:StartFlightRecording=filename=target/app.jfr for a profile of the node
    Arrays.stream(System.getProperty("app-process.jvm-options", "").split(" ")).filter(o -> !o.isBlank()).forEach(command::add);
    command.addAll(List.of("-cp", classpath(), "org.takedown.TakedownApplication"));
    Map<String, String> all = new LinkedHashMap<>(Map.of(
        "server.port", String.valueOf(port),
        "camunda.bpm.webapp.enabled", "false",
        "camunda.bpm.job-execution.enabled", "true",
        "management.endpoint.health.probes.enabled", "true",
        "takedown.demo.users", "true",
        "takedown.demo.sample-tip", "false",
        "takedown.national-units", "file:config/national-units.yml",
        "takedown.actions.secret", "app-process-action-link-secret-0123456789abcdef"));
    all.putAll(settings);
    all.forEach((key, value) -> command.add("--" + key + "=" + value));
    long begin = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    AppProcess app = new AppProcess(name, port, log, process, 0);
    try {
      await(name + " start of the application").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
          .ignoreExceptionsInstanceOf(IOException.class)
          .until(() -> {
            assertThat(process.isAlive()).as(name + " is running").isTrue();
            // readiness: UP once the demo users exist (ApplicationReadyEvent), unlike plain health
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(app.url("/actuator/health/readiness")))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
          });
    } catch (AssertionError | RuntimeException e) {
      System.out.println(app.tail(60));
      process.destroyForcibly();
      throw e;
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    AppProcess ready = new AppProcess(name, port, log, process, seconds);
    System.out.printf("%s: ready on port %d in %.1f s (%.1f s of processor time)%n", name, port, seconds, ready.cpuSeconds());
    return ready;
  }

  public int port() {
    return port;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Seconds from the start of the JVM until its readiness answered UP. */
  public double startSeconds() {
    return startSeconds;
  }

  /** Processor time the JVM has used so far, in seconds (0 where the system does not tell). */
  public double cpuSeconds() {
    return process.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no orderly close of the database or of running jobs. */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    return process.waitFor();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  public String tail(int lines) throws IOException {
    List<String> all = Files.readAllLines(log);
    return name + " log (" + log + "):\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /**
   * This JVM's class path without its empty entries: Surefire's ends with one, which means the
   * working directory, where Spring would find bpmn/ a second time and the engine refuse the models.
   */
  private static String classpath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank()).collect(Collectors.joining(File.pathSeparator));
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
