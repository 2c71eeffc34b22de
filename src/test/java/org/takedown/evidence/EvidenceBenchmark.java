package org.takedown.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.RawHttp;
import org.takedown.TakedownApplication;
import org.takedown.system.Tlp;

/**
 * Benchmark, not a test: upload and download throughput of a 1 GiB file through the API against plain cp and
 * sha256sum of the same file, in the same run; and how long verifying an operation with 1,000 items takes. Run it as
 * docs/custody.md says.
 */
public final class EvidenceBenchmark {

  static final long SIZE = 1L << 30;
  static final int ITEMS = 1_000;

  public static void main(String[] args) throws Exception {
    Path work = Path.of("target", "evidence-benchmark").toAbsolutePath();
    deleteTree(work);
    Files.createDirectories(work);
    Path file = work.resolve("disk.img");
    write(file);
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TakedownApplication.class).run(
        "--spring.datasource.url=jdbc:h2:mem:evidence-benchmark;DB_CLOSE_DELAY=-1",
        "--server.port=0",
        "--camunda.bpm.webapp.enabled=false",
        "--takedown.demo.users=true",
        "--takedown.demo.sample-tip=false",
        "--takedown.mail.embedded.smtp-port=0",
        "--takedown.mail.embedded.imap-port=0",
        "--takedown.evidence.store=" + work.resolve("store"),
        "--logging.level.root=WARN")) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      HttpClient http = HttpClient.newHttpClient();
      String ref = submit(http, port);

      // Warm the page cache and the JIT, then measure each once more.
      run("cp", file.toString(), work.resolve("copy.img").toString());
      double cp = time(() -> run("cp", file.toString(), work.resolve("copy.img").toString()));
      double sha256sum = time(() -> run("sha256sum", file.toString()));
      Files.delete(work.resolve("copy.img"));

      // The JDK's HttpClient (same JVM, a copy per buffer), then curl: the server's throughput as an outside client sees it.
      String[] location = new String[1];
      double upload = time(() -> location[0] = upload(http, port, ref, file));
      double download = time(() -> download(http, port, location[0] + "/file", work.resolve("downloaded.img")));
      Files.delete(work.resolve("downloaded.img"));
      String base = "http://127.0.0.1:" + port + "/api/operations/" + ref;
      double curlUpload = time(() -> run("curl", "-sf", "-o", "/dev/null", "-u", "cora:demo", "-F", "description=Disk image, again",
          "-F", "type=disk-image", "-F", "collectedBy=Vera Vendor", "-F", "collectedAt=2026-11-02T14:30:00Z", "-F", "source=rack 12",
          "-F", "file=@" + file, base + "/evidence"));
      double curlDownload = time(() -> run("curl", "-sf", "-u", "cora:demo", "-o", work.resolve("downloaded.img").toString(),
          base + "/evidence/E1/file"));
      if (Files.size(work.resolve("downloaded.img")) != SIZE) {
        throw new IllegalStateException("curl's download is incomplete");
      }
      Files.delete(work.resolve("downloaded.img"));

      register(app, ref, ITEMS - 2);
      HttpRequest verifyRequest = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/operations/" + ref + "/custody/verify"))
          .header("Authorization", RawHttp.basic("cora", "demo")).build();
      http.send(verifyRequest, HttpResponse.BodyHandlers.ofString());
      double[] verified = new double[5];
      String answer = null;
      for (int i = 0; i < verified.length; i++) {
        long start = System.nanoTime();
        answer = http.send(verifyRequest, HttpResponse.BodyHandlers.ofString()).body();
        verified[i] = (System.nanoTime() - start) / 1e9;
      }
      java.util.Arrays.sort(verified);

      double mb = SIZE / 1e6;
      System.out.printf(Locale.ROOT, "%d processors; file of %d MiB%n", Runtime.getRuntime().availableProcessors(), SIZE >> 20);
      System.out.printf(Locale.ROOT, "cp              %6.2f s  %6.0f MB/s%n", cp, mb / cp);
      System.out.printf(Locale.ROOT, "sha256sum       %6.2f s  %6.0f MB/s%n", sha256sum, mb / sha256sum);
      System.out.printf(Locale.ROOT, "upload, JDK HttpClient   %6.2f s  %6.0f MB/s (streamed, hashed and written)%n", upload, mb / upload);
      System.out.printf(Locale.ROOT, "upload, curl             %6.2f s  %6.0f MB/s%n", curlUpload, mb / curlUpload);
      System.out.printf(Locale.ROOT, "download, JDK HttpClient %6.2f s  %6.0f MB/s (custody entry recorded, then streamed)%n", download, mb / download);
      System.out.printf(Locale.ROOT, "download, curl           %6.2f s  %6.0f MB/s%n", curlDownload, mb / curlDownload);
      System.out.printf(Locale.ROOT, "ratio (throughput/throughput) with curl: upload/sha256sum %.2f, upload/cp %.2f, upload/(cp then sha256sum) %.2f; "
          + "download/cp %.2f, download/sha256sum %.2f%n", sha256sum / curlUpload, cp / curlUpload, (cp + sha256sum) / curlUpload,
          cp / curlDownload, sha256sum / curlDownload);
      System.out.printf(Locale.ROOT, "ratio with the JDK client: upload/sha256sum %.2f, download/cp %.2f%n", sha256sum / upload, cp / download);
      System.out.printf(Locale.ROOT, "verify %d items (2 of 1 GiB, the same stored file, %d small; every chain and file): median %.2f s, max %.2f s: %s%n",
          ITEMS, ITEMS - 2, verified[verified.length / 2], verified[verified.length - 1],
          answer.substring(0, Math.min(answer.length(), 160)));
    } finally {
      deleteTree(work);
    }
  }

  interface Timed {
    void run() throws Exception;
  }

  private static double time(Timed what) throws Exception {
    long start = System.nanoTime();
    what.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
  }

  private static void write(Path file) throws IOException {
    byte[] block = new byte[1 << 20];
    Random random = new Random(7);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < SIZE; written += block.length) {
        random.nextBytes(block);
        out.write(block);
      }
    }
  }

  private static String submit(HttpClient http, int port) throws Exception {
    byte[] tip = new ObjectMapper().writeValueAsBytes(Map.of("title", "Evidence benchmark", "summary", "Throughput of the evidence store.",
        "tlp", "TLP:AMBER", "pap", "PAP:GREEN", "countries", List.of("DE"),
        "indicators", List.of(Map.of("type", "ipv4-addr", "value", "198.51.100.1"))));
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tips"))
        .header("Authorization", RawHttp.basic("vera", "demo")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(tip)).build(), HttpResponse.BodyHandlers.ofString());
    String location = response.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static String upload(HttpClient http, int port, String ref, Path file) throws Exception {
    Multipart form = Multipart.evidence();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/operations/" + ref + "/evidence"))
        .header("Authorization", RawHttp.basic("cora", "demo")).header("Content-Type", form.contentType())
        .POST(form.publisher("disk.img", Files.size(file), () -> {
          try {
            return Files.newInputStream(file);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        })).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("The upload got " + response.statusCode() + ": " + response.body());
    }
    return response.headers().firstValue("Location").orElseThrow();
  }

  private static void download(HttpClient http, int port, String path, Path to) throws Exception {
    HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", RawHttp.basic("cora", "demo")).build(), HttpResponse.BodyHandlers.ofFile(to));
    if (response.statusCode() != 200 || Files.size(to) != SIZE) {
      throw new IllegalStateException("The download got " + response.statusCode());
    }
  }

  /** Small items, each with two custody entries, registered directly (the upload path is measured above). */
  private static void register(ConfigurableApplicationContext app, String ref, int count) {
    EvidenceRegister register = app.getBean(EvidenceRegister.class);
    EvidenceStore store = app.getBean(EvidenceStore.class);
    CustodyLog custody = app.getBean(CustodyLog.class);
    TransactionTemplate transaction = app.getBean(TransactionTemplate.class);
    for (int i = 0; i < count; i++) {
      byte[] content = ("sinkhole log line " + i + " of " + ref + "\n").repeat(20).getBytes(StandardCharsets.UTF_8);
      transaction.executeWithoutResult(s -> {
        try (EvidenceStore.Staged staged = store.stage(new ByteArrayInputStream(content), 1 << 20)) {
          EvidenceItem item = register.upload(ref, new EvidenceFacts("Sinkhole log", EvidenceType.LOG, Tlp.AMBER, "Vera Vendor",
              Instant.parse("2026-11-02T14:30:00Z"), "Sinkhole 3"), staged, null, "sinkhole.log", "cora", "127.0.0.1");
          custody.append(item, CustodyEntry.of(CustodyEventType.PACKAGED, "cora").purpose("Package for DE"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
