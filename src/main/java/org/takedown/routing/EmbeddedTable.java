package org.takedown.routing;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table that ships in the jar ({@code routing/ip-country/}: the data set's IPv4 and IPv6 CSV files,
 * gzip-compressed, with {@code source.properties} and {@code LICENSE.txt}), loaded on first use and
 * then shared by everything in the JVM: it never changes while the JVM runs.
 */
final class EmbeddedTable {

  static final String FOLDER = "/routing/ip-country/";
  static final String[] FILES = {"geo-whois-asn-country-ipv4.csv.gz", "geo-whois-asn-country-ipv6.csv.gz"};

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTable.class);

  private EmbeddedTable() {}

  static TableFiles.Loaded get() {
    return Holder.LOADED;
  }

  private static final class Holder {
    static final TableFiles.Loaded LOADED = load();
  }

  static TableFiles.Loaded load() {
    long started = System.nanoTime();
    try {
      Properties source = new Properties();
      try (InputStream in = open(TableFiles.PROPERTIES)) {
        source.load(in);
      }
      RangeTable.Builder builder = new RangeTable.Builder();
      for (String file : FILES) {
        try (InputStream in = open(file)) {
          CsvRows.read(in, FOLDER + file, builder);
        }
      }
      LocalDate date = LocalDate.parse(source.getProperty("date"));
      RangeTable table = builder.build(TableFiles.SOURCE, date);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      TableInfo info = TableFiles.info(table, source.getProperty("package") + " " + source.getProperty("version"), "embedded", took);
      log.info("IP table: the embedded {} of {}, {} rows, {} countries, loaded in {} ms", info.name(), date, info.rows(), info.countries(),
          took.toMillis());
      return new TableFiles.Loaded(table, info, null);
    } catch (IOException | TableException | RuntimeException e) {
      throw new IllegalStateException("The embedded IP table (" + FOLDER + ") cannot be read: " + e.getMessage(), e);
    }
  }

  private static InputStream open(String name) throws IOException {
    InputStream in = EmbeddedTable.class.getResourceAsStream(FOLDER + name);
    if (in == null) {
      throw new IOException(FOLDER + name + " is missing from the class path");
    }
    return in;
  }
}
