package org.takedown.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.MovableClock;

/** The provider of an IP address: known systems of the embedded data, blocks, an operator's own table replaced. */
class IpAsnTableTest {

  @TempDir Path folder;

  private static final IpAsnTable EMBEDDED = new IpAsnTable(null, Duration.ZERO, Duration.ZERO, java.time.Clock.systemUTC());

  @Test
  void knownSystemsOfTheEmbeddedData() {
    assertThat(EMBEDDED.asn("1.0.0.1")).contains(new Asn(13335, "Cloudflare, Inc."));
    assertThat(EMBEDDED.asn("1.0.0.1").orElseThrow().key()).isEqualTo("AS13335");
    assertThat(EMBEDDED.asn("2001:200::1")).contains(new Asn(2500, "WIDE Project"));
    // an organisation with quotes in it, as the CSV doubles them
    assertThat(EMBEDDED.asn("2.26.200.1")).contains(new Asn(201907, "LLC \"SPUTNIK\""));
    assertThat(EMBEDDED.asn("10.1.2.3")).isEmpty();
    assertThat(EMBEDDED.asn("1.0.0.0/24")).contains(new Asn(13335, "Cloudflare, Inc."));
    assertThat(EMBEDDED.asn("1.0.0.0/8")).as("a block over many systems has none").isEmpty();
  }

  @Test
  void saysWhatItIsAndTheHeapItTakes() {
    IpAsnTable.Info info = EMBEDDED.info();
    assertThat(info.name()).isEqualTo("@ip-location-db/asn 2.3.2026061719");
    assertThat(info.date()).isEqualTo(LocalDate.of(2026, 6, 17));
    assertThat(info.rows()).isEqualTo(411_961 + 103_197);
    assertThat(info.ipv4Ranges()).isEqualTo(411_961); // one row starts inside the one before: clipped to what that one leaves
    assertThat(info.ipv6Ranges()).isEqualTo(103_197);
    assertThat(info.heapBytes()).isBetween(10_000_000L, 30_000_000L);
  }

  /** Not a check of the product: prints the heap the embedded table takes, measured, for docs/providers.md. */
  @Test
  void measuredHeap() {
    System.gc();
    long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    IpAsnTable.Loaded loaded = IpAsnTable.Embedded.load();
    System.gc();
    long after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf("IP-to-ASN table: %,d bytes estimated, %,d measured (heap after GC), loaded in %d ms%n", loaded.info().heapBytes(),
        after - before, loaded.info().loadTime().toMillis());
    assertThat(loaded.table().systems()).isPositive();
  }

  @Test
  void anOperatorsTableIsReadAndReplacedWithoutARestart() throws Exception {
    Path csv = folder.resolve("asn.csv");
    Files.writeString(csv, "192.0.2.0,192.0.2.255,64500,\"Example, Ltd\"\n2001:db8::,2001:db8::ffff,64501,Example Six\n");
    Files.writeString(folder.resolve("source.properties"), "package=own\nversion=1\ndate=2026-11-30\n");
    MovableClock clock = new MovableClock(Instant.parse("2026-12-01T00:00:00Z"));
    Files.setLastModifiedTime(csv, FileTime.from(clock.instant().minusSeconds(60)));
    Files.setLastModifiedTime(folder.resolve("source.properties"), FileTime.from(clock.instant().minusSeconds(60)));
    IpAsnTable table = new IpAsnTable(folder, Duration.ZERO, Duration.ofSeconds(2), clock);
    assertThat(table.asn("192.0.2.7")).contains(new Asn(64500, "Example, Ltd"));
    assertThat(table.asn("2001:db8::1")).contains(new Asn(64501, "Example Six"));
    assertThat(table.info().date()).isEqualTo(LocalDate.of(2026, 11, 30));
    assertThat(table.info().name()).isEqualTo("own 1");

    Files.writeString(csv, "192.0.2.0,192.0.2.255,64502,Successor\n");
    Files.setLastModifiedTime(csv, FileTime.from(clock.instant().minusSeconds(10)));
    assertThat(table.refresh()).isTrue();
    assertThat(table.asn("192.0.2.7")).contains(new Asn(64502, "Successor"));

    Files.writeString(csv, "192.0.2.0,192.0.2.255,AS1,Broken\n");
    Files.setLastModifiedTime(csv, FileTime.from(clock.instant().minusSeconds(5)));
    assertThat(table.refresh()).as("a broken file leaves the old table").isFalse();
    assertThat(table.asn("192.0.2.7")).contains(new Asn(64502, "Successor"));
    table.destroy();
  }

  @Test
  void aTableThatCannotBeReadStopsTheStartSayingWhy() throws Exception {
    Path csv = folder.resolve("asn.csv");
    Files.writeString(csv, "192.0.2.0,192.0.2.255,64500\n");
    assertThatThrownBy(() -> new IpAsnTable(csv, Duration.ZERO, Duration.ZERO, java.time.Clock.systemUTC()))
        .hasMessage("takedown.routing.ip-asn-table: " + csv + ", line 1: a line has four fields, first address, last address, AS number and "
            + "organisation, e.g. 1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"");
    Files.writeString(csv, "192.0.3.0,192.0.3.255,64500,B\n192.0.2.0,192.0.2.255,64500,A\n");
    assertThatThrownBy(() -> new IpAsnTable(csv, Duration.ZERO, Duration.ZERO, java.time.Clock.systemUTC()))
        .hasMessageEndingWith("line 2: the ranges are not in order of their first address");
  }
}
