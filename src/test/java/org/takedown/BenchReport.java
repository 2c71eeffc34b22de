package org.takedown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Writes the benchmark's figures as a table between the markers of docs/benchmarks.md; the text around them is kept. */
final class BenchReport {

  static final String BEGIN = "<!-- bench:begin (written by LifecycleBench) -->";
  static final String END = "<!-- bench:end -->";

  private BenchReport() {}

  @SuppressWarnings("unchecked")
  static void update(Path doc, Map<String, Object> results) throws IOException {
    Map<String, Object> machine = (Map<String, Object>) results.get("machine");
    StringBuilder table = new StringBuilder(BEGIN).append("\n\n");
    table.append(String.format(Locale.ROOT, "Measured %s on %s cores, Java %s, %s, load average at the start %s%s.%n%n",
        machine.get("date"), machine.get("cores"), machine.get("java"), machine.get("os"), machine.get("loadAverage"),
        Boolean.TRUE.equals(machine.get("quick")) ? " (quick run: fewer lifecycles)" : ""));
    table.append("| database | clients | lifecycles | product (lifecycles/s) | floor (lifecycles/s) | product/floor |\n");
    table.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    ((Map<String, Map<String, Map<String, Object>>>) results.get("lifecycles")).forEach((database, byClients) ->
        byClients.forEach((clients, figures) -> table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n",
            database, clients, figures.get("lifecycles"), figures.get("product"), figures.get("floor"), figures.get("ratio")))));
    Map<String, Object> notices = (Map<String, Object>) results.get("notices");
    Map<String, Object> board = (Map<String, Object>) results.get("board");
    table.append("\n| figure | value |\n| --- | ---: |\n");
    if (notices != null) {
      table.append(String.format(Locale.ROOT, "| notices per second (%s tips by %s clients, %s notices in %s s) | %s |%n",
          notices.get("tips"), notices.get("clients"), notices.get("notices"), notices.get("seconds"), notices.get("perSecond")));
      table.append(String.format(Locale.ROOT, "| start-up to ready, empty H2 database | %s s |%n", results.get("startSecondsEmptyDatabase")));
      table.append(String.format(Locale.ROOT, "| start-up to ready, existing H2 database | %s s |%n", results.get("startSeconds")));
    }
    table.append(String.format(Locale.ROOT, "| notices delivered twice (same Message-ID) | %s |%n",
        results.getOrDefault("duplicates", "not counted yet")));
    if (board != null) {
      table.append(String.format(Locale.ROOT, "| board (/) with %s open operations, %s, median (p95) | %s ms (%s ms) |%n",
          board.get("openOperations"), board.get("database"), board.get("medianMillis"), board.get("p95Millis")));
    }
    table.append("\n").append(END);
    String text = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      text = text + "\n" + BEGIN + "\n" + END + "\n";
      begin = text.indexOf(BEGIN);
      end = text.indexOf(END);
    }
    Files.writeString(doc, text.substring(0, begin) + table + text.substring(end + END.length()));
  }
}
