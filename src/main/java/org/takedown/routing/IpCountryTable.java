package org.takedown.routing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Places an IP address or CIDR block in the countries an IP-to-country table gives it, with the
 * table's name and date: {@code placement("192.0.2.1")}, {@code placement("2001:db8::/32")}.
 *
 * <p>By default the table that ships in the jar answers (loaded on first use, or at start with
 * {@code takedown.routing.preload}). With
 * {@code takedown.routing.ip-table} set to a CSV file, a folder of CSV files or an MMDB file, that table
 * is loaded at start (a table that cannot be read stops the start, saying why) and watched: every
 * {@code takedown.routing.check-every} the file's size and modification time are compared, and a
 * changed file is loaded in full and then swapped in; lookups meanwhile go on with the old one. A new
 * file that cannot be read leaves the old table in place, with one warning per version of the file.
 * A file is read once it has not changed for {@link #SETTLE}, so a copy still being written is not.
 * Thread-safe; lookups take no lock.
 */
@Component
public class IpCountryTable implements DisposableBean {

  /** How long a changed file must stay unchanged before it is read. */
  static final Duration SETTLE = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(IpCountryTable.class);

  private final Path path;
  private final Duration settle;
  private final Clock clock;
  private final AtomicReference<TableFiles.Loaded> current = new AtomicReference<>();
  private final ScheduledExecutorService watcher;
  /** The version of the file last refused, so that it is warned about once. */
  private TableFiles.Stamp refused;

  private boolean preload;

  @Autowired
  IpCountryTable(@Value("${takedown.routing.ip-table:}") String path, @Value("${takedown.routing.check-every:PT30S}") Duration checkEvery,
      @Value("${takedown.routing.preload:false}") boolean preload) {
    this(path == null || path.isBlank() ? null : Path.of(path.strip()), checkEvery, SETTLE, Clock.systemUTC());
    this.preload = preload;
  }

  /**
   * @param path the configured table, or null for the embedded one
   * @param checkEvery how often the file is looked at; zero: never (only {@link #refresh()})
   */
  IpCountryTable(Path path, Duration checkEvery, Duration settle, Clock clock) {
    this.path = path;
    this.settle = settle;
    this.clock = clock;
    if (path == null) {
      watcher = null;
      return;
    }
    try {
      TableFiles.Loaded loaded = TableFiles.load(path);
      current.set(loaded);
      logLoaded("", loaded);
    } catch (TableException e) {
      throw new IllegalStateException("takedown.routing.ip-table: " + e.getMessage(), e);
    }
    watcher = TableWatch.every(checkEvery, "ip-table-watch", this::refresh,
        e -> log.warn("IP table: checking {} failed; the loaded table stays", path, e));
  }

  /**
   * With {@code takedown.routing.preload}, loads the embedded table in the background once the application is
   * ready, so that the first lookup does not wait for it (about a second on two cores, 25 MB of heap).
   */
  @EventListener(ApplicationReadyEvent.class)
  void preload() {
    if (preload && path == null) {
      TableWatch.preload("ip-table-preload", EmbeddedTable::get);
    }
  }

  /** The countries of an address or a CIDR block, with the table's name and date. */
  public Placement placement(String ipOrCidr) {
    return table().placement(IpBlock.parse(ipOrCidr));
  }

  public Placement placement(IpBlock block) {
    return table().placement(block);
  }

  /** Which table answers now. */
  public TableInfo info() {
    return loaded().info();
  }

  /**
   * Looks at the configured file now, and swaps in its new version if it changed and can be read.
   *
   * @return whether a new table now answers
   */
  public synchronized boolean refresh() {
    if (path == null) {
      return false;
    }
    TableFiles.Loaded old = current.get();
    TableFiles.Stamp now;
    try {
      now = TableFiles.stamp(path);
    } catch (IOException e) {
      TableFiles.Stamp missing = new TableFiles.Stamp("unreadable: " + TableFiles.describe(e), java.time.Instant.EPOCH);
      if (!missing.equals(refused)) {
        refused = missing;
        log.warn("IP table: {} cannot be read ({}); the table loaded at {} stays", path, TableFiles.describe(e), old.info().loadedAt());
      }
      return false;
    }
    if (now.equals(old.stamp()) || now.equals(refused) || now.newest().plus(settle).isAfter(clock.instant())) {
      return false;
    }
    TableFiles.Loaded loaded;
    try {
      loaded = TableFiles.load(path);
    } catch (TableException e) {
      refused = now;
      log.warn("IP table: the new version of {} cannot be used, so the table loaded at {} stays: {}", path, old.info().loadedAt(),
          e.getMessage());
      return false;
    }
    if (!loaded.stamp().equals(now)) {
      return false; // changed again while it was read: the next look reads it once it has settled
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

  private RangeTable table() {
    return loaded().table();
  }

  private TableFiles.Loaded loaded() {
    return path == null ? EmbeddedTable.get() : current.get();
  }

  private static void logLoaded(String what, TableFiles.Loaded loaded) {
    TableInfo info = loaded.info();
    log.info("IP table: {}{} ({} of {}), {} rows, {} countries, loaded in {} ms", what, info.origin(), info.name(), info.date(), info.rows(),
        info.countries(), info.loadTime().toMillis());
  }
}
