package org.takedown.evidence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.TakedownApplication;
import org.takedown.dossier.BoardBenchmark;
import org.takedown.system.Tlp;

/**
 * Benchmark, not a test: how the nightly custody check (every open operation verified) grows with the number of
 * operations. N operations, each with one item registered by reference and a chain of HEADS entries (so HEADS lines
 * each in the head log), are verified; then 3N more are added and all 4N verified. Linear growth gives a ratio near 4;
 * reading the whole head log for every operation gives a ratio near 16. Also times, on the same log, reading every
 * operation's heads through the head log's index (as verification does) and by a full read of the log each (as
 * verification did before the head log was indexed).
 * Run it as docs/custody.md ("Benchmark") says, with the class name, and optionally N and HEADS as arguments.
 */
public final class CustodyHeadsBenchmark {

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int heads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Path work = Path.of("target", "custody-heads-benchmark").toAbsolutePath();
    EvidenceBenchmark.deleteTree(work);
    Files.createDirectories(work);
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TakedownApplication.class).run(
        "--spring.datasource.url=jdbc:h2:mem:custody-heads-benchmark;DB_CLOSE_DELAY=-1",
        "--server.port=0",
        "--camunda.bpm.webapp.enabled=false",
        "--takedown.demo.users=true",
        "--takedown.demo.sample-tip=false",
        "--takedown.mail.embedded.smtp-port=0",
        "--takedown.mail.embedded.imap-port=0",
        "--takedown.evidence.store=" + work.resolve("store"),
        "--takedown.custody.signing-key=" + work.resolve("custody-signing-key.pem"),
        "--logging.level.root=WARN")) {
      NightlyCustodyCheck nightly = app.getBean(NightlyCustodyCheck.class);
      PublishedHeads published = app.getBean(PublishedHeads.class);

      long start = System.nanoTime();
      populate(app, 0, n, heads);
      double populated = (System.nanoTime() - start) / 1e9;
      Figures small = measure(nightly, published, n);

      start = System.nanoTime();
      populate(app, n, 3 * n, heads);
      populated += (System.nanoTime() - start) / 1e9;
      Figures large = measure(nightly, published, 4 * n);

      System.out.printf(Locale.ROOT, "%d processors; %d heads per operation (one item, %d entries); populating %d operations took %.1f s%n",
          Runtime.getRuntime().availableProcessors(), heads, heads, 4 * n, populated);
      System.out.println("N=" + n + ": " + small);
      System.out.println("4N=" + 4 * n + ": " + large);
      System.out.printf(Locale.ROOT, "growth 4N/N: nightly check %.2f; heads through the index %.2f; full read of the log per operation %.2f"
          + " (4 is linear, 16 quadratic)%n", large.nightly / small.nightly, large.indexReads / small.indexReads, large.fullReads / small.fullReads);
    } finally {
      EvidenceBenchmark.deleteTree(work);
    }
  }

  record Figures(int operations, long logBytes, double nightly, double indexReads, double fullReads) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d operations, head log %d KiB: nightly check (every operation verified) median %.2f s"
          + " (%.2f ms per operation); every operation's heads through the index: median %.3f s; by a full read of the log each:"
          + " median %.2f s", operations, logBytes >> 10, nightly, nightly * 1000 / operations, indexReads, fullReads);
    }
  }

  private static Figures measure(NightlyCustodyCheck nightly, PublishedHeads published, int operations) throws Exception {
    NightlyCustodyCheck.Result check = nightly.run();
    if (check.operations() != operations || check.breaks() != 0) {
      throw new IllegalStateException("Expected " + operations + " operations without breaks: " + check);
    }
    double verified = median(3, () -> nightly.run());
    List<String> references = java.util.stream.IntStream.range(0, operations).mapToObj(CustodyHeadsBenchmark::reference).toList();
    double indexReads = median(3, () -> {
      int total = 0;
      for (String reference : references) {
        total += published.of(reference).heads().size();
      }
      return total;
    });
    double fullReads = median(3, () -> {
      int total = 0;
      for (String reference : references) {
        total += published.read(head -> head.operation().equals(reference)).size();
      }
      return total;
    });
    return new Figures(operations, Files.size(published.file()), verified, indexReads, fullReads);
  }

  private static double median(int runs, Supplier<Object> what) {
    double[] seconds = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      what.get();
      seconds[i] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(seconds);
    return seconds[runs / 2];
  }

  private static String reference(int i) {
    return "OP-1999-%05d".formatted(i);
  }

  /** Open operations (rows, as BoardBenchmark adds them), each with one item by reference and a chain of that many entries. */
  private static void populate(ConfigurableApplicationContext app, int from, int count, int heads) {
    BoardBenchmark.insert(app.getBean(JdbcTemplate.class), from, count);
    EvidenceRegister register = app.getBean(EvidenceRegister.class);
    CustodyLog custody = app.getBean(CustodyLog.class);
    TransactionTemplate transaction = app.getBean(TransactionTemplate.class);
    for (int i = from; i < from + count; i++) {
      String reference = reference(i);
      transaction.executeWithoutResult(s -> {
        EvidenceItem item = register.registerReference(reference, new EvidenceFacts("Seized server", EvidenceType.DISK_IMAGE, Tlp.AMBER,
            "BKA", Instant.parse("2026-11-03T08:00:00Z"), "Data centre Frankfurt"), "BKA evidence room 4", "0".repeat(63) + "1",
            4_000_000_000L, "cora", "127.0.0.1");
        for (int entry = 2; entry <= heads; entry++) {
          custody.append(item, CustodyEntry.of(CustodyEventType.DOWNLOADED, "cora").location("127.0.0.1").detail("read " + entry));
        }
      });
    }
  }
}
