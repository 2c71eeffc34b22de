package org.takedown.briefing;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.DefaultResourceLoader;
import org.takedown.system.Tlp;

/**
 * Benchmark, not a test: the Excel tracker of a large operation (100,000 indicators, 10,000
 * timeline rows) streamed with SXSSF against the in-memory XSSF baseline, in the same run, and Word
 * briefings per second once warm. Run it as docs/benchmarks.md says, under -Xmx256m.
 */
public final class TrackerBenchmark {

  static final int INDICATORS = 100_000;
  static final int TIMELINE = 10_000;

  public static void main(String[] args) throws Exception {
    DefaultResourceLoader loader = new DefaultResourceLoader();
    ExcelTracker tracker = new ExcelTracker(loader, "file:templates/excel/operation-tracker.xlsx");
    System.out.printf(Locale.ROOT, "max heap %d MiB, %d indicators, %d timeline rows%n",
        Runtime.getRuntime().maxMemory() >> 20, INDICATORS, TIMELINE);

    Result streamed = tracker(tracker, true);
    Result baseline = tracker(tracker, false);
    System.out.printf(Locale.ROOT, "SXSSF (streaming): %s%n", streamed);
    System.out.printf(Locale.ROOT, "XSSF  (baseline):  %s%n", baseline);
    if (streamed.error == null && baseline.error == null) {
      System.out.printf(Locale.ROOT, "ratio XSSF/SXSSF: time %.2fx, peak heap %.2fx%n",
          (double) baseline.millis / streamed.millis, (double) baseline.peakMiB / streamed.peakMiB);
    }

    WordDocuments word = new WordDocuments(loader, "file:templates/word/");
    Map<String, Object> model = briefingModel();
    for (int i = 0; i < 50; i++) {
      word.render("operation-briefing", Tlp.AMBER, model);
    }
    int count = 300;
    long start = System.nanoTime();
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      bytes += word.render("operation-briefing", Tlp.AMBER, model).length;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "Word briefings (50 indicators, 3 countries, 30 timeline rows), warm: %.1f per second (%d in %.2f s, %d KiB each)%n",
        count / seconds, count, seconds, bytes / count / 1024);
  }

  record Result(long millis, long peakMiB, long sizeKiB, String error) {
    @Override
    public String toString() {
      return error != null ? "FAILED: " + error + " after " + millis + " ms"
          : String.format(Locale.ROOT, "%d ms, peak heap %d MiB, file %d KiB", millis, peakMiB, sizeKiB);
    }
  }

  static Result tracker(ExcelTracker tracker, boolean streaming) throws Exception {
    System.gc();
    List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    Path file = Files.createTempFile("tracker", ".xlsx");
    long start = System.nanoTime();
    try (OutputStream out = Files.newOutputStream(file)) {
      tracker.write(contents(), out, streaming);
    } catch (OutOfMemoryError e) {
      return new Result((System.nanoTime() - start) / 1_000_000, -1, -1, "OutOfMemoryError");
    } finally {
      System.gc();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    long size = Files.size(file) >> 10;
    Files.delete(file);
    return new Result(millis, peak, size, null);
  }

  static ExcelTracker.Contents contents() {
    ExcelTracker.Rows indicators = row -> {
      for (int i = 0; i < INDICATORS; i++) {
        String ip = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
        row.accept(new String[] {"ipv4-addr", ip, ip, "2026-11-28 10:00 UTC"});
      }
    };
    ExcelTracker.Rows timeline = row -> {
      for (int i = 0; i < TIMELINE; i++) {
        row.accept(new String[] {"Respond to assignment (DE) " + i, "officer-de", "2026-11-28 10:00 UTC", "2026-11-28 11:00 UTC", "PT1H"});
      }
    };
    List<String[]> countries = new ArrayList<>();
    for (String c : new String[] {"DE", "FR", "NL"}) {
      countries.add(new String[] {c, c, "unit", "ACCEPTED", "", "", "", "", "0", "RECEIVED", "seized"});
    }
    return new ExcelTracker.Contents("OP-2026-9999", Tlp.AMBER, "2026-11-28 10:00 UTC", List.<String[]>of(new String[] {"Reference", "OP-2026-9999"}),
        indicators, ExcelTracker.Rows.of(countries), ExcelTracker.Rows.of(List.of()), timeline);
  }

  static Map<String, Object> briefingModel() {
    Map<String, Object> model = WordDocumentsTest.model(50);
    List<Map<String, Object>> timeline = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      timeline.add(Map.of("activity", "Step " + i, "assignee", "cora", "start", "2026-11-28 10:00 UTC", "end", "2026-11-28 10:05 UTC"));
    }
    model.put("timeline", timeline);
    model.put("countries", List.of(Map.of("name", "Germany (DE)", "nationalUnit", "BKA", "status", "ACCEPTED", "outcome", ""),
            Map.of("name", "France (FR)", "nationalUnit", "OFAC", "status", "ACCEPTED", "outcome", ""),
            Map.of("name", "Netherlands (NL)", "nationalUnit", "THTC", "status", "DECLINED", "outcome", "")));
    return model;
  }
}
