package org.takedown.briefing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.DefaultResourceLoader;
import org.takedown.system.Tlp;

/**
 * Benchmark, not a test: Word documents with large repeated tables (issue 21). The operation briefing, the national
 * assignment brief and the legal memo of an operation of N indicators over 95 countries, for N = 3,000 and 30,000 in
 * the same run, so the growth can be read (10 is linear). Times are medians of a few renderings after a warm-up (a single one when it takes over 10 s); the
 * peak heap is that of the heap pools during one rendering. With -Dword.out=DIR the documents are also written there
 * (to look at them, converted to PDF). Run it as docs/benchmarks.md ("Word documents with large tables") says.
 */
public final class WordTableBenchmark {

  static final String[] TEMPLATES = {"operation-briefing", "national-assignment-brief", "legal-review-memo"};

  public static void main(String[] args) throws Exception {
    int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[] {3_000, 30_000};
    String out = System.getProperty("word.out");
    // As the application configures it (application.yml): poi-tl logs every tag it fills at INFO.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.deepoove.poi")).setLevel(ch.qos.logback.classic.Level.WARN);
    WordDocuments word = new WordDocuments(new DefaultResourceLoader(), "file:templates/word/");
    System.out.printf(Locale.ROOT, "%d processors, max heap %d MiB, Java %s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
    // Warm-up: the JIT, poi-tl and POI's classes.
    for (int i = 0; i < 5; i++) {
      for (String template : TEMPLATES) {
        word.render(template, Tlp.AMBER, model(300));
      }
    }
    Map<String, double[]> millis = new HashMap<>();
    for (int n : sizes) {
      Map<String, Object> model = model(n);
      for (String template : TEMPLATES) {
        int rounds = n <= 3_000 ? 5 : 3;
        double[] times = new double[rounds];
        int done = 0;
        long peak = 0;
        byte[] content = null;
        for (int r = 0; r < rounds; r++) {
          System.gc();
          List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
          pools.forEach(MemoryPoolMXBean::resetPeakUsage);
          long start = System.nanoTime();
          content = word.render(template, Tlp.AMBER, model);
          times[r] = (System.nanoTime() - start) / 1e6;
          peak = Math.max(peak, pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20);
          done++;
          if (times[r] > 10_000) {
            break; // one slow rendering is figure enough
          }
        }
        times = Arrays.copyOf(times, done);
        rounds = done;
        Arrays.sort(times);
        double median = times[rounds / 2];
        millis.put(template + n, new double[] {median});
        System.out.printf(Locale.ROOT, "%-26s %,7d indicators: median %,9.0f ms of %d (%,.0f to %,.0f), %.3f ms per indicator; peak heap %d MiB; %,d KiB%n",
            template, n, median, rounds, times[0], times[rounds - 1], median / n, peak, content.length >> 10);
        if (out != null) {
          Files.createDirectories(Path.of(out));
          Files.write(Path.of(out, template + "-" + n + ".docx"), content);
        }
      }
    }
    if (sizes.length == 2) {
      for (String template : TEMPLATES) {
        System.out.printf(Locale.ROOT, "%-26s growth %,d/%,d: %.1f%n", template, sizes[1], sizes[0],
            millis.get(template + sizes[1])[0] / millis.get(template + sizes[0])[0]);
      }
    }
  }

  /** An operation's model as OperationSections builds it: N indicators of the usual kinds, 95 countries, 30 timeline steps. */
  static Map<String, Object> model(int indicators) {
    Map<String, Object> model = WordDocumentsTest.model(0);
    List<Map<String, Object>> rows = new ArrayList<>(indicators);
    for (int i = 0; i < indicators; i++) {
      rows.add(switch (i % 10) {
        case 0 -> Map.of("type", "domain-name", "value", "panel-" + i + ".example.net");
        case 1 -> Map.of("type", "url", "value", "http://198.51.100." + (i & 255) + "/gate.php?id=" + i);
        case 2 -> Map.of("type", "pattern (stix)", "value", "[x509-certificate:serial_number = '" + Integer.toHexString(i) + "'] — named “C2 TLS " + i + "”");
        default -> Map.of("type", "ipv4-addr", "value", (i >> 16 & 255) + 10 + "." + (i >> 8 & 255) + "." + (i & 255) + ".7");
      });
    }
    model.put("indicators", rows);
    List<Map<String, Object>> countries = new ArrayList<>();
    for (int c = 0; c < 95; c++) {
      countries.add(Map.of("name", "Country " + c + " (C" + c + ")", "nationalUnit", "NCB " + c, "status", "Requested", "outcome", "not yet recorded"));
    }
    model.put("countries", countries);
    List<Map<String, Object>> timeline = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      timeline.add(Map.of("activity", "Step " + i, "assignee", "cora", "start", "2026-11-28 10:00 UTC", "end", "2026-11-28 10:05 UTC", "duration", "5 min"));
    }
    model.put("timeline", timeline);
    model.put("informationRequests", List.of());
    model.put("noInformationRequests", true);
    model.put("countryName", "Germany");
    model.put("nationalUnit", "BKA");
    return model;
  }
}
