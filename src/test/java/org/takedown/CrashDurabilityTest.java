package org.takedown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a burst of tips: a real application JVM on an H2 file database, with the
 * job executor on, is killed while several clients post tips, then started again on the same
 * database. Every tip answered 201 is still there, no reference is handed out twice, and every
 * acknowledgement arrives, a second copy only with the same Message-ID. The mail server runs in this
 * JVM, so the mail it received survives the application's crash.
 */
class CrashDurabilityTest {

  static final int CLIENTS = 4;
  static final int KILL_AFTER = 16;
  static final Pattern REFERENCE = Pattern.compile("OP-(\\d{4})-(\\d{4})");

  @TempDir Path data;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
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
  void everyTipAnswered201SurvivesAKillAndIsAcknowledged() throws Exception {
    int smtpPort = AppProcess.freePort();
    mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();

    int port = start("first");
    List<String> answered = burstUntilKilled(port);
    int exit = app.kill();
    System.out.printf("crash test: killed (exit %d) after %d tips answered 201: %s%n", exit, answered.size(), answered);
    assertThat(answered).as("tips answered before the kill").hasSizeGreaterThanOrEqualTo(KILL_AFTER);
    assertThat(Set.copyOf(answered)).as("each 201 carries a reference of its own").hasSameSizeAs(answered);

    port = start("second");
    int found = 0;
    for (String reference : answered) {
      HttpResponse<String> operation = get(port, "/api/operations/" + reference, "cora");
      assertThat(operation.statusCode()).as(reference + " answered 201 before the kill, read after the restart").isEqualTo(200);
      assertThat(json.readTree(operation.body()).path("stage").asText()).as(reference + "'s stage").isNotEmpty();
      found++;
    }
    int highest = answered.stream().mapToInt(CrashDurabilityTest::number).max().orElseThrow();
    List<String> after = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      after.add(postTip(port).orElseThrow());
    }
    assertThat(after).as("references after the restart, above every one answered before (highest %d)", highest)
        .allSatisfy(reference -> assertThat(number(reference)).isGreaterThan(highest));

    List<String> expected = new ArrayList<>(answered);
    expected.addAll(after);
    Map<String, List<String>> acknowledgements = await("an acknowledgement for each of " + expected)
        .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .until(this::acknowledgementsByReference, received -> received.keySet().containsAll(expected));
    int mails = acknowledgements.values().stream().mapToInt(List::size).sum();
    Map<String, List<String>> repeated = acknowledgements.entrySet().stream().filter(e -> e.getValue().size() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    System.out.printf("crash test: %d answered, %d found after the restart, %d after it (%s), %d acknowledgements for %d operations, repeated: %s%n",
        answered.size(), found, after.size(), after, mails, acknowledgements.size(), repeated);
    assertThat(acknowledgements).as("a second copy of an acknowledgement only with the same Message-ID")
        .allSatisfy((reference, messageIds) -> assertThat(Set.copyOf(messageIds)).hasSize(1));
    assertThat(acknowledgements.values().stream().map(ids -> ids.get(0)).distinct().count())
        .as("each operation's acknowledgement has a Message-ID of its own").isEqualTo(acknowledgements.size());
  }

  /** Several clients post tips; once enough have been answered, the application is killed while they go on. */
  private List<String> burstUntilKilled(int port) throws InterruptedException {
    List<String> answered = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger count = new AtomicInteger();
    CountDownLatch enough = new CountDownLatch(1);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      for (int i = 0; i < CLIENTS; i++) {
        clients.submit(() -> {
          while (true) {
            try {
              postTip(port).ifPresent(reference -> {
                answered.add(reference);
                if (count.incrementAndGet() >= KILL_AFTER) {
                  enough.countDown();
                }
              });
            } catch (IOException e) {
              System.out.printf("crash test: a client stops: %s%n", e);
              return; // the application is gone
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            } catch (RuntimeException e) {
              e.printStackTrace();
              throw e;
            }
          }
        });
      }
      assertThat(enough.await(60, TimeUnit.SECONDS)).as("%d tips answered within 60 s", KILL_AFTER).isTrue();
      app.kill(); // SIGKILL: no shutdown hook, no orderly close of the database
      clients.shutdown();
      assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).as("clients stop once the application is gone").isTrue();
    } finally {
      clients.shutdownNow();
    }
    return List.copyOf(answered);
  }

  /** The tip's reference when answered 201; empty for any other answer. */
  private Optional<String> postTip(int port) throws IOException, InterruptedException {
    byte[] tip = json.writeValueAsBytes(Map.of(
        "title", "C2 servers of a banking trojan",
        "summary", "Three C2 servers seen in our telemetry.",
        "tlp", "TLP:AMBER", "pap", "PAP:GREEN",
        "countries", List.of("DE", "FR"),
        "indicators", List.of(Map.of("type", "ipv4-addr", "value", "198.51.100.1"))));
    HttpResponse<String> response = http.send(request(port, "/api/tips", "vera")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(tip)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      System.out.printf("crash test: a tip got %d: %s%n", response.statusCode(), response.body());
      return Optional.empty();
    }
    String location = response.headers().firstValue("Location").orElseThrow();
    return Optional.of(location.substring(location.lastIndexOf('/') + 1));
  }

  /** Message-IDs of the acknowledgements received so far, by operation reference. */
  private Map<String, List<String>> acknowledgementsByReference() throws Exception {
    Map<String, List<String>> byReference = new TreeMap<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      if (!"TIP_ACKNOWLEDGED".equals(message.getHeader("X-Takedown-Notice", null))) {
        continue;
      }
      Matcher reference = REFERENCE.matcher(message.getSubject());
      assertThat(reference.find()).as("reference in " + message.getSubject()).isTrue();
      byReference.computeIfAbsent(reference.group(), r -> new ArrayList<>()).add(message.getMessageID());
    }
    return byReference;
  }

  private HttpResponse<String> get(int port, String path, String user) throws IOException, InterruptedException {
    return http.send(request(port, path, user).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(int port, String path, String user) {
    String credentials = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60)).header("Authorization", "Basic " + credentials);
  }

  /**
   * Starts the product in a JVM of its own, on the database URL of config/application.yml (so its
   * durability settings are the ones tested) moved into the temporary folder.
   */
  private int start(String name) throws IOException {
    String configured = new YAMLMapper().readTree(Path.of("config/application.yml").toFile())
        .at("/spring/datasource/url").asText();
    assertThat(configured).as("config/application.yml's database").startsWith("jdbc:h2:file:./data/takedown")
        // Concurrent clients often make H2 write a commit at once by chance (a transaction that spans
        // a background write is stored on commit), so the burst alone does not always reveal the
        // delayed write that a sequential loop reveals: the setting is checked, and then proven.
        .contains(";WRITE_DELAY=0");
    app = AppProcess.start("crash-" + name, Map.of(
        "spring.datasource.url", configured.replace("./data/takedown", data.resolve("takedown").toAbsolutePath().toString()),
        // jobs locked by the killed JVM run again soon, and the executor looks for them often
        "camunda.bpm.job-execution.lock-time-in-millis", "5000",
        "camunda.bpm.job-execution.max-wait", "1000",
        "spring.mail.host", "127.0.0.1",
        "spring.mail.port", String.valueOf(mail.getSmtp().getPort())));
    return app.port();
  }

  private static int number(String reference) {
    Matcher matcher = REFERENCE.matcher(reference);
    assertThat(matcher.matches()).as(reference).isTrue();
    return Integer.parseInt(matcher.group(2));
  }
}
