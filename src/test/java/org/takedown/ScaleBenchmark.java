package org.takedown;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.assignment.NationalUnitDirectory;
import org.takedown.dossier.PageClient;
import org.takedown.routing.IpCountryTable;

/**
 * Benchmark, not a test: one tip of N IPv4 addresses spread evenly over 95 countries (real allocations of the embedded
 * IP table, so that each is placed in its country), for N = 3,000 and 30,000 side by side. Measures intake (POST
 * /api/tips, the simple JSON tip and the same as a STIX 2.1 bundle), legal approval until every country's assignment
 * request has reached the mail server (95 mails, each with its country's brief), the operation's page and the board
 * with that operation open. Run with -Xmx512m as docs/benchmarks.md says; the heap's peaks are printed at the end.
 */
public final class ScaleBenchmark {

  static final int COUNTRIES = 95;
  static final int[] SIZES = {3_000, 30_000};
  /** Intake is measured this many times per size and kind (each a new operation of other addresses); the median is given. */
  static final int POSTS = 3;
  static final int PAGE_WARM_UP = 5;
  static final int PAGE_MEASURED = 20;

  /** -Dscale.approve=false leaves out the legal approval and the assignment requests (intake and pages only). */
  static final boolean APPROVE = Boolean.parseBoolean(System.getProperty("scale.approve", "true"));

  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    Path folder = Files.createTempDirectory("scale-benchmark");
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
      List<String> members = app.getBean(NationalUnitDirectory.class).all().stream().map(NationalUnitDirectory.Entry::country).toList();
      int most = Arrays.stream(SIZES).max().orElseThrow();
      int perCountry = (most + COUNTRIES - 1) / COUNTRIES;
      // Addresses for every post: the warm-up, then POSTS JSON and POSTS STIX tips of each size, none twice.
      IpCountryTable table = app.getBean(IpCountryTable.class);
      Map<String, List<String>> pool = RoutedAddresses.pick(members, COUNTRIES, perCountry * (1 + 2 * POSTS * SIZES.length), 0,
          (country, address) -> table.placement(address).countries().equals(java.util.Set.of(country)));
      List<String> countries = List.copyOf(pool.keySet());
      Slicer slices = new Slicer(pool, perCountry);
      System.out.printf(Locale.ROOT, "%d processors, Java %s, max heap %d MB; %d countries: %s%n", Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, countries.size(), String.join(" ", countries));

      Http http = new Http(port);
      // Warm-up: a JSON and a STIX tip of the smaller size, taken to the approval and assignment like the measured ones.
      List<String> warm = slices.next(SIZES[0]);
      http.tip(json(warm, countries));
      String warmUp = http.tip(stix(slices.next(SIZES[0]), countries));
      if (APPROVE) {
        approveAndWait(app, jdbc, warmUp, countries);
      }

      Map<Integer, Figures> figures = new LinkedHashMap<>();
      for (int size : SIZES) {
        Figures f = new Figures();
        String reference = null;
        double[] jsonMs = new double[POSTS];
        for (int i = 0; i < POSTS; i++) {
          byte[] body = json(slices.next(size), countries);
          f.jsonKb = body.length / 1024;
          long start = System.nanoTime();
          reference = http.tip(body);
          jsonMs[i] = (System.nanoTime() - start) / 1e6;
        }
        double[] stixMs = new double[POSTS];
        for (int i = 0; i < POSTS; i++) {
          byte[] body = stix(slices.next(size), countries);
          f.stixKb = body.length / 1024;
          long start = System.nanoTime();
          http.tip(body);
          stixMs[i] = (System.nanoTime() - start) / 1e6;
        }
        f.json = median(jsonMs);
        f.stix = median(stixMs);
        checkPlaced(jdbc, reference, size);
        f.assignment = APPROVE ? approveAndWait(app, jdbc, reference, countries) : Double.NaN;
        PageClient cora = PageClient.signIn(port, "cora");
        f.page = measure(cora, "/operations/" + reference);
        f.board = measure(cora, "/");
        figures.put(size, f);
        System.out.printf(Locale.ROOT, "%,d indicators: JSON tip %,d kB %.0f ms, STIX bundle %,d kB %.0f ms (medians of %d), approval to %d requests sent"
            + " %.1f s, page %.0f ms, board %.0f ms%n", size, f.jsonKb, f.json, f.stixKb, f.stix, POSTS, COUNTRIES, f.assignment / 1000, f.page,
            f.board);
      }

      Figures small = figures.get(SIZES[0]);
      Figures large = figures.get(SIZES[SIZES.length - 1]);
      System.out.println();
      System.out.printf(Locale.ROOT, "| figure | %,d indicators | %,d indicators | ratio |%n", SIZES[0], SIZES[SIZES.length - 1]);
      System.out.println("| --- | ---: | ---: | ---: |");
      row("intake, simple JSON tip (POST /api/tips → 201), median of " + POSTS, small.json, large.json, "ms");
      row("intake, STIX 2.1 bundle (POST /api/tips → 201), median of " + POSTS, small.stix, large.stix, "ms");
      row("legal approval → " + COUNTRIES + " assignment requests sent", small.assignment / 1000, large.assignment / 1000, "s");
      row("operation page (/operations/{ref}), median of " + PAGE_MEASURED, small.page, large.page, "ms");
      row("board (/) with the operation open, median of " + PAGE_MEASURED, small.board, large.board, "ms");
      long peak = 0;
      for (MemoryPoolMXBean pool2 : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool2.getType() == MemoryType.HEAP) {
          peak += pool2.getPeakUsage().getUsed();
        }
      }
      System.out.printf(Locale.ROOT, "%nheap: max %d MB; sum of the heap pools' peaks %d MB; after a full GC now %d MB%n",
          Runtime.getRuntime().maxMemory() >> 20, peak >> 20, usedAfterGc() >> 20);
    }
  }

  private static void row(String name, double small, double large, String unit) {
    System.out.printf(Locale.ROOT, "| %s | %.1f %s | %.1f %s | %.2f |%n", name, small, unit, large, unit, large / small);
  }

  private static long usedAfterGc() {
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  static final class Figures {
    int jsonKb;
    int stixKb;
    double json;
    double stix;
    double assignment;
    double page;
    double board;
  }

  /** Consecutive slices of every country's addresses: n addresses, as many from each country as they divide. */
  static final class Slicer {
    private final Map<String, List<String>> pool;
    private final int[] next;
    private final List<String> countries;

    Slicer(Map<String, List<String>> pool, int perCountry) {
      this.pool = pool;
      this.countries = List.copyOf(pool.keySet());
      this.next = new int[countries.size()];
    }

    List<String> next(int n) {
      List<String> addresses = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int c = i % countries.size();
        addresses.add(pool.get(countries.get(c)).get(next[c]++));
      }
      return addresses;
    }
  }

  /** The triage (every country kept), the legal review (four eyes: 95 countries) and the time until every request is out. */
  private static double approveAndWait(ConfigurableApplicationContext app, JdbcTemplate jdbc, String reference, List<String> countries) {
    TaskService tasks = app.getBean(TaskService.class);
    IdentityService identity = app.getBean(IdentityService.class);
    complete(tasks, identity, "cora", task(tasks, reference, "Task_TriageTip"), Map.of("triageDecision", "OPEN",
        "countries", json(countries), "triageNote", "all countries"));
    complete(tasks, identity, "lena", task(tasks, reference, "Task_LegalReview"), Map.of("legalDecision", "APPROVE",
        "legalBasis", "Art. 6 mandate", "releaseTlp", "TLP:AMBER"));
    Task second = task(tasks, reference, "Task_SecondLegalApproval");
    long start = System.nanoTime();
    complete(tasks, identity, "leon", second, Map.of("legalDecision", "APPROVE", "legalBasis", "Art. 6 mandate, confirmed"));
    Supplier<Long> sent = () -> jdbc.queryForObject("""
        select count(*) from notice n join operation o on o.id = n.operation_id
        where o.reference = ? and n.kind = 'ASSIGNMENT_REQUEST' and n.status = 'SENT'""", Long.class, reference);
    await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> sent.get() >= countries.size());
    double ms = (System.nanoTime() - start) / 1e6;
    long documents = jdbc.queryForObject("""
        select count(distinct d.country) from document d join operation o on o.id = d.operation_id
        where o.reference = ? and d.kind = 'ASSIGNMENT_BRIEF'""", Long.class, reference);
    if (documents != countries.size()) {
      throw new IllegalStateException(reference + ": " + documents + " countries have a brief, not " + countries.size());
    }
    return ms;
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

  private static void checkPlaced(JdbcTemplate jdbc, String reference, int size) {
    Long placed = jdbc.queryForObject("""
        select count(distinct c.indicator_id) from indicator_country c join indicator i on i.id = c.indicator_id
        join operation o on o.id = i.operation_id where o.reference = ?""", Long.class, reference);
    if (placed == null || placed != size) {
      throw new IllegalStateException(reference + ": " + placed + " of " + size + " indicators placed");
    }
  }

  private static double measure(PageClient client, String path) {
    for (int i = 0; i < PAGE_WARM_UP; i++) {
      client.get(path);
    }
    double[] millis = new double[PAGE_MEASURED];
    for (int i = 0; i < PAGE_MEASURED; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = client.get(path);
      millis[i] = (System.nanoTime() - start) / 1e6;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode());
      }
    }
    return median(millis);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static byte[] json(List<String> addresses, List<String> countries) throws Exception {
    Map<String, Object> tip = new LinkedHashMap<>();
    tip.put("title", "C2 servers of a botnet, " + addresses.size() + " addresses");
    tip.put("summary", "Addresses seen in our telemetry.");
    tip.put("tlp", "TLP:AMBER");
    tip.put("pap", "PAP:GREEN");
    tip.put("countries", countries);
    tip.put("indicators", addresses.stream().map(a -> Map.of("type", "ipv4-addr", "value", a)).toList());
    return JSON.writeValueAsBytes(tip);
  }

  /** The same addresses as STIX 2.1 indicators, one each, with an identity as their creator. */
  static byte[] stix(List<String> addresses, List<String> countries) {
    String identity = "identity--" + UUID.randomUUID();
    StringBuilder json = new StringBuilder("{\"type\": \"bundle\", \"id\": \"bundle--" + UUID.randomUUID() + "\", \"objects\": [")
        .append("{\"type\": \"identity\", \"spec_version\": \"2.1\", \"id\": \"").append(identity).append("\", \"created\": \"2026-01-01T00:00:00.000Z\","
            + " \"modified\": \"2026-01-01T00:00:00.000Z\", \"name\": \"ExampleSec\", \"identity_class\": \"organization\"}");
    for (String address : addresses) {
      json.append(",{\"type\": \"indicator\", \"spec_version\": \"2.1\", \"id\": \"indicator--").append(UUID.randomUUID())
          .append("\", \"created_by_ref\": \"").append(identity)
          .append("\", \"created\": \"2026-01-01T00:00:00.000Z\", \"modified\": \"2026-01-01T00:00:00.000Z\", \"name\": \"C2 server\","
              + " \"indicator_types\": [\"malicious-activity\"], \"pattern\": \"[ipv4-addr:value = '").append(address)
          .append("']\", \"pattern_type\": \"stix\", \"valid_from\": \"2026-01-01T00:00:00.000Z\"}");
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** POST /api/tips as the vendor vera; the JSON and the STIX bundle both as application/json (intake tells them apart). */
  private static final class Http {
    private final HttpClient client = HttpClient.newHttpClient();
    private final int port;

    Http(int port) {
      this.port = port;
    }

    String tip(byte[] body) throws Exception {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tips"))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("vera:demo".getBytes(StandardCharsets.UTF_8)))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IllegalStateException("A tip got " + response.statusCode() + ": " + response.body().substring(0, Math.min(2000, response.body().length())));
      }
      String location = response.headers().firstValue("Location").orElseThrow();
      return location.substring(location.lastIndexOf('/') + 1);
    }
  }
}
