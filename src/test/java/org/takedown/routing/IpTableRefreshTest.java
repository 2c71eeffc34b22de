package org.takedown.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.takedown.MovableClock;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** An operator's own CSV table: read at start, replaced while the product runs. */
class IpTableRefreshTest {

  private static final Instant JULY = Instant.parse("2026-07-01T08:00:00Z");

  @TempDir Path folder;

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(IpCountryTable.class);
  private IpCountryTable table;

  @BeforeEach
  void captureLog() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(log);
    if (table != null) {
      table.destroy();
    }
  }

  /** Writes beside the file and moves it in, as an operator should, with the given modification time. */
  private Path replace(String name, String csv, Instant modified) throws Exception {
    Path file = folder.resolve(name);
    Path written = folder.resolve("." + name + ".new");
    Files.writeString(written, csv);
    Files.setLastModifiedTime(written, FileTime.from(modified));
    Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  private long warnings() {
    return log.list.stream().filter(event -> event.getLevel() == Level.WARN).count();
  }

  @Test
  void aReplacedCsvIsUsedWithoutRestart() throws Exception {
    Path file = replace("table.csv", "1.2.3.0,1.2.3.255,DE\n2a00:1::,2a00:1:ffff:ffff:ffff:ffff:ffff:ffff,DE\n", JULY);
    table = new IpCountryTable(file, Duration.ZERO, Duration.ZERO, Clock.systemUTC());
    assertThat(table.placement("1.2.3.4").countries()).containsExactly("DE");
    assertThat(table.placement("2a00:1::1").countries()).containsExactly("DE");
    assertThat(table.placement("1.2.3.4").label()).isEqualTo("IP table 2026-07"); // the file's modification date
    assertThat(table.refresh()).isFalse();

    replace("table.csv", "1.2.3.0,1.2.3.127,FR\n1.2.3.128,1.2.3.255,NL\n", JULY.plusSeconds(86_400 * 40));
    assertThat(table.refresh()).isTrue();
    assertThat(table.placement("1.2.3.4").countries()).containsExactly("FR");
    assertThat(table.placement("1.2.3.0/24").countries()).containsExactly("FR", "NL");
    assertThat(table.placement("2a00:1::1").countries()).isEmpty();
    assertThat(table.placement("1.2.3.4").label()).isEqualTo("IP table 2026-08");
    assertThat(table.refresh()).isFalse();
    assertThat(warnings()).isZero();
  }

  @Test
  void theWatcherSwapsTheTableByItself() throws Exception {
    Path file = replace("table.csv", "1.2.3.0,1.2.3.255,DE\n", JULY);
    table = new IpCountryTable(file, Duration.ofMillis(20), Duration.ZERO, Clock.systemUTC());
    replace("table.csv", "1.2.3.0,1.2.3.255,FR\n", JULY.plusSeconds(60));
    // The watcher's own thread swaps it: wait for that, at most 10 s.
    await("the watcher's swap").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(table.placement("1.2.3.4").countries()).containsExactly("FR"));
  }

  @Test
  void aBrokenNewFileKeepsTheOldTableAndIsWarnedAboutOnce() throws Exception {
    Path file = replace("table.csv", "1.2.3.0,1.2.3.255,DE\n", JULY);
    table = new IpCountryTable(file, Duration.ZERO, Duration.ZERO, Clock.systemUTC());

    replace("table.csv", "1.2.3.0,1.2.3.255,FR\n1.2.4.0,1.2.4.999,FR\n", JULY.plusSeconds(60));
    assertThat(table.refresh()).isFalse();
    assertThat(table.refresh()).isFalse();
    assertThat(table.placement("1.2.3.4").countries()).containsExactly("DE");
    assertThat(warnings()).isOne();
    assertThat(log.list.get(log.list.size() - 1).getFormattedMessage())
        .startsWith("IP table: the new version of " + file + " cannot be used, so the table loaded at ")
        .endsWith(": " + file + ", line 2: 1.2.4.999 is not an IP address: 999 is more than 255");

    Files.delete(file);
    assertThat(table.refresh()).isFalse();
    assertThat(table.refresh()).isFalse();
    assertThat(warnings()).isEqualTo(2);
    assertThat(log.list.get(log.list.size() - 1).getFormattedMessage()).contains(file + " cannot be read (no such file)");
    assertThat(table.placement("1.2.3.4").countries()).containsExactly("DE");

    replace("table.csv", "1.2.3.0,1.2.3.255,FR\n", JULY.plusSeconds(120));
    assertThat(table.refresh()).isTrue();
    assertThat(table.placement("1.2.3.4").countries()).containsExactly("FR");
  }

  @Test
  void aFileIsReadOnceItHasStoppedChanging() throws Exception {
    MovableClock clock = new MovableClock(JULY);
    Path file = replace("table.csv", "1.2.3.0,1.2.3.255,DE\n", JULY.minusSeconds(3600));
    table = new IpCountryTable(file, Duration.ZERO, Duration.ofSeconds(2), clock);
    replace("table.csv", "1.2.3.0,1.2.3.255,FR\n", JULY.minusSeconds(1));
    assertThat(table.refresh()).isFalse(); // written a second ago: perhaps not finished
    assertThat(table.placement("1.2.3.4").countries()).containsExactly("DE");
    clock.advance(Duration.ofSeconds(1));
    assertThat(table.refresh()).isTrue();
    assertThat(table.placement("1.2.3.4").countries()).containsExactly("FR");
  }

  @Test
  void aFolderOfCsvFilesAsTheRefreshScriptWritesIt() throws Exception {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve("geo-whois-asn-country-ipv4.csv.gz")))) {
      out.write("1.2.3.0,1.2.3.255,DE\n".getBytes(StandardCharsets.US_ASCII));
    }
    Files.writeString(folder.resolve("geo-whois-asn-country-ipv6.csv"), "2a00:1::,2a00:1:ffff:ffff:ffff:ffff:ffff:ffff,AT\n");
    Files.writeString(folder.resolve("source.properties"), "package=@ip-location-db/geo-whois-asn-country\nversion=2.3.2026113019\ndate=2026-11-30\n");
    Files.writeString(folder.resolve("LICENSE.txt"), "not read");
    table = new IpCountryTable(folder, Duration.ZERO, Duration.ZERO, Clock.systemUTC());
    assertThat(table.placement("1.2.3.4").countries()).containsExactly("DE");
    assertThat(table.placement("2a00:1::1").countries()).containsExactly("AT");
    assertThat(table.placement("2a00:1::1").label()).isEqualTo("IP table 2026-11");
    assertThat(table.info().name()).isEqualTo("@ip-location-db/geo-whois-asn-country 2.3.2026113019");
    assertThat(table.info().origin()).isEqualTo(folder.toString());

    Files.writeString(folder.resolve("source.properties"), "package=@ip-location-db/geo-whois-asn-country\nversion=2.3.2026121019\ndate=2026-12-10\n");
    Files.setLastModifiedTime(folder.resolve("source.properties"), FileTime.from(JULY.plusSeconds(86_400 * 100)));
    assertThat(table.refresh()).isTrue();
    assertThat(table.placement("2a00:1::1").label()).isEqualTo("IP table 2026-12");
  }

  @Test
  void aDateInTheFileNameIsTheTablesDate() throws Exception {
    Path file = replace("ip-country-2026-11-30.csv", "# my own table\nip_range_start,ip_range_end,country_code\n1.2.3.0,1.2.3.255,de\n\n", JULY);
    table = new IpCountryTable(file, Duration.ZERO, Duration.ZERO, Clock.systemUTC());
    assertThat(table.placement("1.2.3.4").countries()).containsExactly("DE");
    assertThat(table.placement("1.2.3.4").date()).isEqualTo(LocalDate.of(2026, 11, 30));
  }

  @Test
  void aConfiguredTableThatCannotBeReadStopsTheStartSayingWhy() throws Exception {
    Path missing = folder.resolve("missing.csv");
    assertThatThrownBy(() -> new IpCountryTable(missing, Duration.ZERO, Duration.ZERO, Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class).hasMessage("takedown.routing.ip-table: " + missing + ": cannot be read (no such file)");
    for (String[] bad : new String[][] {
        {"1.2.3.0,1.2.3.255\n", "a line has three fields, first address, last address and country code, e.g. 1.0.16.0,1.0.31.255,JP"},
        {"1.2.3.0,1.2.3.255,Germany\n", "'Germany' is not a two-letter country code"},
        {"1.2.3.255,1.2.3.0,DE\n", "the first address comes after the last one"},
        {"1.2.3.0,2a00::,DE\n", "the first and the last address are not of the same IP version"},
        {"16909056,16909311,DE\n", "16909056 is a number, not an address: give the files with addresses (…-ipv4.csv, …-ipv6.csv), not the …-num ones"}}) {
      Path file = replace("bad.csv", bad[0], JULY);
      assertThatThrownBy(() -> new IpCountryTable(file, Duration.ZERO, Duration.ZERO, Clock.systemUTC()))
          .hasMessage("takedown.routing.ip-table: " + file + ", line 1: " + bad[1]);
    }
    Path empty = replace("empty.csv", "# nothing\n", JULY);
    assertThatThrownBy(() -> new IpCountryTable(empty, Duration.ZERO, Duration.ZERO, Clock.systemUTC()))
        .hasMessage("takedown.routing.ip-table: " + empty + ": holds no range with a country");
  }
}
