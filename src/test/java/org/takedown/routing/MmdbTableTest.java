package org.takedown.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A MaxMind-format table, written by {@link TinyMmdb} and read by the MaxMind reader. */
class MmdbTableTest {

  private static final long JUNE_30 = Instant.parse("2026-06-30T12:00:00Z").getEpochSecond();

  @TempDir Path folder;

  private Path write(String name, TinyMmdb database, Instant modified) throws Exception {
    Path file = folder.resolve(name);
    Path written = folder.resolve(name + ".new");
    Files.write(written, database.write());
    Files.setLastModifiedTime(written, FileTime.from(modified));
    Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  private static TinyMmdb june() {
    return new TinyMmdb("GeoLite2-Country", JUNE_30)
        .add("193.0.0.0/21", TinyMmdb.geoLite2("NL"))
        .add("193.0.8.0/21", TinyMmdb.geoLite2("DE"))
        // a network MaxMind gives no country, only the registrant's
        .add("203.0.112.0/24", Map.of("registered_country", Map.of("iso_code", "AU")))
        // the open data set's own MMDB build
        .add("1.0.16.0/20", Map.of("country_code", "JP"))
        // no country at all: not placed
        .add("1.0.32.0/20", Map.of("continent", Map.of("code", "AS")))
        .add("2001:67c:2e8::/48", TinyMmdb.geoLite2("NL"))
        .add("2001:67c:2e9::/48", TinyMmdb.geoLite2("BE"))
        // the data of a reserved block is overruled
        .add("192.168.0.0/16", TinyMmdb.geoLite2("AU"));
  }

  @Test
  void placesAddressesAndBlocksFromAnMmdbFile() throws Exception {
    Path file = write("GeoLite2-Country.mmdb", june(), Instant.parse("2026-07-01T00:00:00Z"));
    IpCountryTable table = new IpCountryTable(file, Duration.ZERO, Duration.ZERO, Clock.systemUTC());

    assertThat(table.placement("193.0.0.1").countries()).containsExactly("NL");
    assertThat(table.placement("::ffff:193.0.0.1").countries()).containsExactly("NL");
    assertThat(table.placement("193.0.15.255").countries()).containsExactly("DE");
    assertThat(table.placement("193.0.0.0/20").countries()).containsExactly("DE", "NL");
    assertThat(table.placement("203.0.112.9").countries()).containsExactly("AU");
    assertThat(table.placement("1.0.16.1").countries()).containsExactly("JP");
    assertThat(table.placement("1.0.32.1").note()).isEqualTo("not in the IP table");
    assertThat(table.placement("2001:67c:2e8::1").countries()).containsExactly("NL");
    assertThat(table.placement("2001:67c:2e8::/47").countries()).containsExactly("BE", "NL");
    assertThat(table.placement("192.168.1.1").countries()).isEmpty();
    assertThat(table.placement("192.168.1.1").source()).isEqualTo("reserved");

    Placement placement = table.placement("193.0.0.1");
    assertThat(placement.date()).isEqualTo(LocalDate.of(2026, 6, 30)); // the build date, not the file's
    assertThat(placement.label()).isEqualTo("IP table 2026-06");
    assertThat(table.info().name()).isEqualTo("GeoLite2-Country");
    assertThat(table.info().rows()).isEqualTo(7);
  }

  @Test
  void aNewMmdbFileIsUsedWithoutRestartAndABrokenOneIsNot() throws Exception {
    Path file = write("country.mmdb", june(), Instant.parse("2026-07-01T00:00:00Z"));
    IpCountryTable table = new IpCountryTable(file, Duration.ZERO, Duration.ZERO, Clock.systemUTC());
    assertThat(table.placement("193.0.0.1").countries()).containsExactly("NL");

    long july = Instant.parse("2026-07-31T00:00:00Z").getEpochSecond();
    write("country.mmdb", new TinyMmdb("GeoLite2-Country", july).add("193.0.0.0/21", TinyMmdb.geoLite2("FR")), Instant.parse("2026-08-01T00:00:00Z"));
    assertThat(table.refresh()).isTrue();
    assertThat(table.placement("193.0.0.1").countries()).containsExactly("FR");
    assertThat(table.placement("193.0.0.1").label()).isEqualTo("IP table 2026-07");

    Path broken = folder.resolve("broken.new");
    Files.write(broken, "not a database".getBytes());
    Files.setLastModifiedTime(broken, FileTime.from(Instant.parse("2026-08-02T00:00:00Z")));
    Files.move(broken, file, StandardCopyOption.REPLACE_EXISTING);
    assertThat(table.refresh()).isFalse();
    assertThat(table.placement("193.0.0.1").countries()).containsExactly("FR");
  }

  @Test
  void anMmdbFileThatCannotBeReadStopsTheStart() throws Exception {
    Path file = folder.resolve("empty.mmdb");
    Files.write(file, new byte[100]);
    assertThatThrownBy(() -> new IpCountryTable(file, Duration.ZERO, Duration.ZERO, Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("takedown.routing.ip-table: " + file + ": not a readable MaxMind DB file (");
  }
}
