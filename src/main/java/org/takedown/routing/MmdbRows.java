package org.takedown.routing;

import com.maxmind.db.CHMCache;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Metadata;
import com.maxmind.db.Network;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a MaxMind-format database (GeoLite2-Country, GeoIP2-Country, DB-IP, or the open data set's own
 * MMDB build) into the same in-memory table as the CSV: every network the file holds is walked once
 * at load, so a block is answered exactly (every country it spans) and as fast as from the CSV. The
 * country of a network is its {@code country.iso_code}, else its {@code registered_country.iso_code}
 * (MaxMind, DB-IP), else its {@code country_code} (the open data set's build); a network with none
 * is not placed. Aliases of the IPv4 space inside IPv6 (::ffff:0:0/96, 2002::/16) are skipped.
 */
final class MmdbRows {

  record Info(String type, LocalDate date) {}

  private MmdbRows() {}

  static Info read(Path file, RangeTable.Builder builder) throws TableException {
    try (Reader reader = new Reader(file.toFile(), Reader.FileMode.MEMORY, new CHMCache())) {
      Metadata metadata = reader.getMetadata();
      @SuppressWarnings("rawtypes")
      Networks<Map> networks = reader.networks(false, Map.class);
      while (networks.hasNext()) {
        @SuppressWarnings("rawtypes")
        DatabaseRecord<Map> record = networks.next();
        String country = country(record.getData());
        if (country == null) {
          continue;
        }
        Network network = record.getNetwork();
        byte[] address = network.getNetworkAddress().getAddress();
        int version = address.length == 4 ? 4 : 6;
        long high = 0;
        long low = 0;
        for (int i = 0; i < address.length; i++) {
          if (i < address.length - 8) {
            high = (high << 8) | (address[i] & 0xFF);
          } else {
            low = (low << 8) | (address[i] & 0xFF);
          }
        }
        int host = address.length * 8 - network.getPrefixLength();
        long lastHigh = high;
        long lastLow = low;
        if (host >= 64) {
          lastLow = -1L;
          lastHigh |= host == 128 ? -1L : (1L << (host - 64)) - 1;
        } else if (host > 0) {
          lastLow |= (1L << host) - 1;
        }
        builder.add(version, high, low, lastHigh, lastLow, country);
      }
      LocalDate date = metadata.getBuildDate() == null ? null
          : metadata.getBuildDate().toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
      return new Info(metadata.getDatabaseType(), date);
    } catch (IOException | com.maxmind.db.InvalidNetworkException | RuntimeException e) {
      throw new TableException(file + ": not a readable MaxMind DB file (" + e.getMessage() + ")", e);
    }
  }

  @SuppressWarnings("rawtypes")
  private static String country(Map data) {
    if (data == null) {
      return null;
    }
    for (String key : new String[] {"country", "registered_country"}) {
      if (data.get(key) instanceof Map inner && inner.get("iso_code") instanceof String code && isCode(code)) {
        return code.toUpperCase(Locale.ROOT);
      }
    }
    if (data.get("country_code") instanceof String code && isCode(code)) {
      return code.toUpperCase(Locale.ROOT);
    }
    return null;
  }

  private static boolean isCode(String code) {
    return code.length() == 2 && Character.isLetter(code.charAt(0)) && Character.isLetter(code.charAt(1))
        && code.charAt(0) < 128 && code.charAt(1) < 128;
  }
}
