package org.takedown.routing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Benchmark, not a test: the embedded IP table's load time and heap, and lookups per second on one
 * thread, through {@link IpCountryTable#placement(String)} (parsing the text included) and for blocks,
 * on random IPv4 addresses and on random IPv6 addresses in allocated space (the first 64 bits of a row),
 * each the median of 7 rounds of 1,000,000 lookups after 3 warm-up rounds. The same lookups on a
 * table of 1 % of the rows give the growth ratio (a binary search: the full table should cost a few
 * steps more, not 100 times more). With the path of an MMDB file as argument, also its load time and
 * how often it agrees with the embedded table on random addresses. Run it as docs/routing.md says.
 */
public final class IpCountryTableBenchmark {

  static final int LOOKUPS = 1_000_000;
  static final int WARM_UP = 3;
  static final int ROUNDS = 7;

  private static long sink;

  public static void main(String[] args) throws Exception {
    System.out.printf(Locale.ROOT, "%d processors, Java %s, load average %.2f; lookups on one thread%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    long heapBefore = usedHeap();
    IpCountryTable full = new IpCountryTable(null, Duration.ZERO, Duration.ZERO, Clock.systemUTC());
    TableInfo info = full.info(); // loads the embedded table: the first load in this JVM
    long heapAfter = usedHeap();
    System.out.printf(Locale.ROOT, "embedded table %s of %s: %,d rows -> %,d IPv4 and %,d IPv6 ranges, %d countries%n", info.name(), info.date(),
        info.rows(), info.ipv4Ranges(), info.ipv6Ranges(), info.countries());
    System.out.printf(Locale.ROOT, "load, first in the JVM: %d ms; heap held: about %.1f MB%n", info.loadTime().toMillis(),
        (heapAfter - heapBefore) / 1e6);
    long[] warm = new long[3];
    for (int i = 0; i < warm.length; i++) {
      warm[i] = EmbeddedTable.load().info().loadTime().toMillis();
    }
    Arrays.sort(warm);
    System.out.printf(Locale.ROOT, "load, again (JIT warm, median of 3): %d ms%n", warm[1]);

    SplittableRandom random = new SplittableRandom(21);
    long[] allocated = ipv6Prefixes();
    String[] v4 = new String[LOOKUPS];
    String[] v6 = new String[LOOKUPS];
    String[] v4Blocks = new String[LOOKUPS];
    String[] v6Blocks = new String[LOOKUPS];
    IpBlock[] parsed = new IpBlock[LOOKUPS];
    for (int i = 0; i < LOOKUPS; i++) {
      long a = random.nextLong(1L << 32);
      v4[i] = IpBlock.format(4, 0, a);
      v4Blocks[i] = IpBlock.format(4, 0, a & 0xFFFF_FF00L) + "/24";
      // in allocated space: the first 64 bits of a random row of the IPv6 file, the rest random
      long high = allocated[random.nextInt(allocated.length)];
      v6[i] = IpBlock.format(6, high, random.nextLong());
      v6Blocks[i] = IpBlock.format(6, high & 0xFFFF_FFFF_FFFF_0000L, 0) + "/48";
      parsed[i] = IpBlock.parse(v4[i]);
    }

    Path small = smallTable();
    IpCountryTable onePercent = new IpCountryTable(small, Duration.ZERO, Duration.ZERO, Clock.systemUTC());
    System.out.printf(Locale.ROOT, "small table: %,d rows (1 %% of each file's rows)%n", onePercent.info().rows());

    System.out.println();
    System.out.println("| lookup | full table (lookups/s) | 1 % table (lookups/s) | full/1 % time ratio |");
    System.out.println("| --- | ---: | ---: | ---: |");
    row("IPv4 address, placement(String)", v4, full::placement, onePercent::placement);
    row("IPv6 address, placement(String)", v6, full::placement, onePercent::placement);
    row("IPv4 /24 block, placement(String)", v4Blocks, full::placement, onePercent::placement);
    row("IPv6 /48 block, placement(String)", v6Blocks, full::placement, onePercent::placement);
    row("IPv4 address, placement(IpBlock), parsed before", parsed, full::placement, onePercent::placement);

    if (args.length > 0) {
      Path mmdb = Path.of(args[0]);
      IpCountryTable other = new IpCountryTable(mmdb, Duration.ZERO, Duration.ZERO, Clock.systemUTC());
      TableInfo otherInfo = other.info();
      System.out.printf(Locale.ROOT, "%nMMDB %s (%s of %s): %,d networks, loaded in %d ms%n", mmdb.getFileName(), otherInfo.name(), otherInfo.date(),
          otherInfo.rows(), otherInfo.loadTime().toMillis());
      for (String[] addresses : new String[][] {v4, v6}) {
        int same = 0;
        int placedByBoth = 0;
        for (String address : addresses) {
          Placement a = full.placement(address);
          Placement b = other.placement(address);
          same += a.countries().equals(b.countries()) ? 1 : 0;
          placedByBoth += a.placed() && b.placed() ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%s: same countries for %.2f %% of %,d random addresses (%,d placed by both)%n", addresses == v4 ? "IPv4" : "IPv6",
            100.0 * same / addresses.length, addresses.length, placedByBoth);
      }
      System.out.printf(Locale.ROOT, "IPv4 lookups/s from the MMDB's table: %,.0f%n", median(v4, other::placement));
    }
    System.out.println("(sink " + sink + ")");
  }

  private static <T> void row(String what, T[] input, Function<T, Placement> full, Function<T, Placement> small) {
    double fullRate = median(input, full);
    double smallRate = median(input, small);
    System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f |%n", what, fullRate, smallRate, smallRate / fullRate);
  }

  /** Lookups per second, median of the rounds. */
  private static <T> double median(T[] input, Function<T, Placement> lookup) {
    double[] rates = new double[ROUNDS];
    for (int round = -WARM_UP; round < ROUNDS; round++) {
      long start = System.nanoTime();
      long countries = 0;
      for (T value : input) {
        countries += lookup.apply(value).countries().size();
      }
      long took = System.nanoTime() - start;
      sink += countries;
      if (round >= 0) {
        rates[round] = input.length / (took / 1e9);
      }
    }
    Arrays.sort(rates);
    return rates[ROUNDS / 2];
  }

  /** The first 64 bits of each row's first address in the embedded IPv6 file. */
  private static long[] ipv6Prefixes() throws Exception {
    long[] prefixes = new long[300_000];
    int n = 0;
    long[] address = new long[2];
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        IpCountryTableBenchmark.class.getResourceAsStream(EmbeddedTable.FOLDER + EmbeddedTable.FILES[1])), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null && n < prefixes.length) {
        String first = line.substring(0, line.indexOf(','));
        IpBlock.parseAddress(first, first, address);
        prefixes[n++] = address[0];
      }
    }
    return Arrays.copyOf(prefixes, n);
  }

  /** Every 100th row of each embedded file, in a temporary folder. */
  private static Path smallTable() throws Exception {
    Path folder = Files.createTempDirectory("ip-table-benchmark");
    for (String file : EmbeddedTable.FILES) {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
          IpCountryTableBenchmark.class.getResourceAsStream(EmbeddedTable.FOLDER + file)), StandardCharsets.UTF_8));
          OutputStream out = Files.newOutputStream(folder.resolve(file.replace(".gz", "")))) {
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
          if (n++ % 100 == 0) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
          }
        }
      }
      folder.resolve(file.replace(".gz", "")).toFile().deleteOnExit();
    }
    folder.toFile().deleteOnExit();
    return folder;
  }

  private static long usedHeap() throws InterruptedException {
    // Three collections in a row, so that what the table no longer holds is gone before the heap is read.
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
