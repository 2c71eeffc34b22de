package org.takedown.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The provider of an IP address: its autonomous system and the organisation that holds it, from an IP-to-ASN table.
 * {@code asn("104.16.1.1")} is AS13335, Cloudflare.
 *
 * <p>By default the table that ships in the jar answers ({@code routing/ip-asn/}, @ip-location-db/asn, CC BY 4.0),
 * loaded in the background once the application is ready ({@code takedown.routing.ip-asn-preload}, on by default),
 * else at first use. With {@code takedown.routing.ip-asn-table} set to a CSV file or a folder of CSV files of the same
 * format, that table is loaded at start (one that cannot be read stops the start, saying why) and watched like the
 * IP-to-country table ({@code takedown.routing.check-every}): a changed file that has settled is loaded in full and
 * swapped in; one that cannot be read leaves the old table, with one warning. Thread-safe; lookups take no lock.
 */
@Component
public class IpAsnTable implements DisposableBean {

  static final String FOLDER = "/routing/ip-asn/";
  static final String[] FILES = {"asn-ipv4.csv.gz", "asn-ipv6.csv.gz"};

  private static final Logger log = LoggerFactory.getLogger(IpAsnTable.class);

  /** Which table answers: its name and date, what it holds, and the heap it takes. */
  public record Info(String name, LocalDate date, String origin, int rows, int ipv4Ranges, int ipv6Ranges, int systems, long heapBytes,
      Instant loadedAt, Duration loadTime) {}

  record Loaded(AsnTable table, Info info, TableFiles.Stamp stamp) {}

  private final Path path;
  private final Duration settle;
  private final Clock clock;
  private final AtomicReference<Loaded> current = new AtomicReference<>();
  private final ScheduledExecutorService watcher;
  private TableFiles.Stamp refused;
  private boolean preload;

  @Autowired
  IpAsnTable(@Value("${takedown.routing.ip-asn-table:}") String path, @Value("${takedown.routing.check-every:PT30S}") Duration checkEvery,
      @Value("${takedown.routing.ip-asn-preload:true}") boolean preload) {
    this(path == null || path.isBlank() ? null : Path.of(path.strip()), checkEvery, IpCountryTable.SETTLE, Clock.systemUTC());
    this.preload = preload;
  }

  IpAsnTable(Path path, Duration checkEvery, Duration settle, Clock clock) {
    this.path = path;
    this.settle = settle;
    this.clock = clock;
    if (path == null) {
      watcher = null;
      return;
    }
    try {
      Loaded loaded = load(path);
      current.set(loaded);
      logLoaded("", loaded);
    } catch (TableException e) {
      throw new IllegalStateException("takedown.routing.ip-asn-table: " + e.getMessage(), e);
    }
    watcher = TableWatch.every(checkEvery, "ip-asn-table-watch", this::refresh,
        e -> log.warn("IP-to-ASN table: checking {} failed; the loaded table stays", path, e));
  }

  /** Loads the embedded table in the background once the application is ready, so that no acceptance waits for it. */
  @EventListener(ApplicationReadyEvent.class)
  void preload() {
    if (preload && path == null) {
      TableWatch.preload("ip-asn-table-preload", Embedded::get);
    }
  }

  /** The system of an address, or of a CIDR block that lies wholly in one system; empty where the table holds none. */
  public Optional<Asn> asn(String ipOrCidr) {
    return Optional.ofNullable(loaded().table().lookup(IpBlock.parse(ipOrCidr)));
  }

  public Optional<Asn> asn(IpBlock block) {
    return Optional.ofNullable(loaded().table().lookup(block));
  }

  /** An AS number with its organisation as the table names it, or empty where the table does not hold it. */
  public Optional<Asn> system(long number) {
    return Optional.ofNullable(loaded().table().system(number));
  }

  public Info info() {
    return loaded().info();
  }

  /** Looks at the configured file now and swaps in its new version if it changed and can be read; whether it did. */
  public synchronized boolean refresh() {
    if (path == null) {
      return false;
    }
    Loaded old = current.get();
    TableFiles.Stamp now;
    try {
      now = TableFiles.stamp(path);
    } catch (IOException e) {
      TableFiles.Stamp missing = new TableFiles.Stamp("unreadable: " + TableFiles.describe(e), Instant.EPOCH);
      if (!missing.equals(refused)) {
        refused = missing;
        log.warn("IP-to-ASN table: {} cannot be read ({}); the table loaded at {} stays", path, TableFiles.describe(e), old.info().loadedAt());
      }
      return false;
    }
    if (now.equals(old.stamp()) || now.equals(refused) || now.newest().plus(settle).isAfter(clock.instant())) {
      return false;
    }
    Loaded loaded;
    try {
      loaded = load(path);
    } catch (TableException e) {
      refused = now;
      log.warn("IP-to-ASN table: the new version of {} cannot be used, so the table loaded at {} stays: {}", path, old.info().loadedAt(),
          e.getMessage());
      return false;
    }
    if (!loaded.stamp().equals(now)) {
      return false;
    }
    current.set(loaded);
    refused = null;
    logLoaded("new version: ", loaded);
    return true;
  }

  @Override
  public void destroy() {
    if (watcher != null) {
      watcher.shutdownNow();
    }
  }

  private Loaded loaded() {
    return path == null ? Embedded.get() : current.get();
  }

  /** A configured CSV file or folder of CSV files (sorted by name), with the date as the refresh script writes it. */
  static Loaded load(Path path) throws TableException {
    long started = System.nanoTime();
    TableFiles.Stamp stamp;
    List<Path> files = new ArrayList<>();
    try {
      stamp = TableFiles.stamp(path);
      if (Files.isDirectory(path)) {
        try (Stream<Path> listing = Files.list(path)) {
          listing.filter(Files::isRegularFile).filter(file -> {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".csv") || name.endsWith(".csv.gz");
          }).sorted().forEach(files::add);
        }
      } else {
        files.add(path);
      }
    } catch (IOException e) {
      throw new TableException(path + ": cannot be read (" + TableFiles.describe(e) + ")", e);
    }
    if (files.isEmpty()) {
      throw new TableException(path + ": the folder holds no .csv or .csv.gz file");
    }
    AsnTable.Builder builder = new AsnTable.Builder();
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        AsnRows.read(in, file.toString(), builder);
      } catch (IOException e) {
        throw new TableException(file + ": cannot be read (" + TableFiles.describe(e) + ")", e);
      }
    }
    if (builder.rows() == 0) {
      throw new TableException(path + ": holds no range with an AS number");
    }
    Properties source = new Properties();
    Path properties = Files.isDirectory(path) ? path.resolve(TableFiles.PROPERTIES) : path.resolveSibling(TableFiles.PROPERTIES);
    if (Files.isRegularFile(properties)) {
      try (Reader in = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
        source.load(in);
      } catch (IOException | IllegalArgumentException e) {
        throw new TableException(properties + ": cannot be read (" + e.getMessage() + ")", e);
      }
    }
    LocalDate date;
    try {
      date = source.getProperty("date") == null ? stamp.newest().atOffset(ZoneOffset.UTC).toLocalDate()
          : LocalDate.parse(source.getProperty("date").strip());
    } catch (java.time.DateTimeException e) {
      throw new TableException(TableFiles.PROPERTIES + ": date=" + source.getProperty("date") + " is not a date like 2026-11-30");
    }
    String name = source.getProperty("package") == null ? String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList())
        : (source.getProperty("package") + " " + source.getProperty("version", "")).strip();
    AsnTable table = builder.build(date);
    return new Loaded(table, info(table, name, path.toString(), started), stamp);
  }

  static Info info(AsnTable table, String name, String origin, long started) {
    return new Info(name, table.date(), origin, table.rows(), table.ranges(4), table.ranges(6), table.systems(), table.heapBytes(),
        Instant.now(), Duration.ofNanos(System.nanoTime() - started));
  }

  private static void logLoaded(String what, Loaded loaded) {
    Info info = loaded.info();
    log.info("IP-to-ASN table: {}{} ({} of {}), {} rows, {} systems, {} MB of heap, loaded in {} ms", what, info.origin(), info.name(),
        info.date(), info.rows(), info.systems(), info.heapBytes() / 1_000_000, info.loadTime().toMillis());
  }

  /** The table in the jar, loaded once and shared by everything in the JVM. */
  static final class Embedded {

    private Embedded() {}

    static Loaded get() {
      return Holder.LOADED;
    }

    private static final class Holder {
      static final Loaded LOADED = load();
    }

    static Loaded load() {
      long started = System.nanoTime();
      try {
        Properties source = new Properties();
        try (InputStream in = open(TableFiles.PROPERTIES)) {
          source.load(in);
        }
        AsnTable.Builder builder = new AsnTable.Builder();
        for (String file : FILES) {
          try (InputStream in = open(file)) {
            AsnRows.read(in, FOLDER + file, builder);
          }
        }
        AsnTable table = builder.build(LocalDate.parse(source.getProperty("date")));
        Loaded loaded = new Loaded(table, info(table, source.getProperty("package") + " " + source.getProperty("version"), "embedded", started),
            null);
        logLoaded("", loaded);
        return loaded;
      } catch (IOException | TableException | RuntimeException e) {
        throw new IllegalStateException("The embedded IP-to-ASN table (" + FOLDER + ") cannot be read: " + e.getMessage(), e);
      }
    }

    private static InputStream open(String name) throws IOException {
      InputStream in = IpAsnTable.class.getResourceAsStream(FOLDER + name);
      if (in == null) {
        throw new IOException(FOLDER + name + " is missing from the class path");
      }
      return in;
    }
  }
}
