package org.takedown;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * IPv4 addresses in real allocations, taken from the embedded IP-to-country table's own ranges, so that intake places
 * each in its country (documentation ranges such as 198.51.100.0/24 are placed nowhere). The countries with the most
 * address space among those given, each with as many addresses as asked, none twice; the same call gives the same
 * addresses.
 */
public final class RoutedAddresses {

  private static final String TABLE = "/routing/ip-country/geo-whois-asn-country-ipv4.csv.gz";

  private RoutedAddresses() {}

  /**
   * {@code countries} countries of {@code among} (the most address space first), each with {@code perCountry} addresses
   * from its ranges, skipping the first {@code skip} of each country (so that later tips get other addresses).
   */
  public static Map<String, List<String>> pick(Collection<String> among, int countries, int perCountry, int skip) {
    return pick(among, countries, perCountry, skip, (country, address) -> true);
  }

  /**
   * As {@link #pick(Collection, int, int, int)}, with only the addresses {@code placedIn} accepts for their country: the
   * product's own table answers that (it places an address in special-purpose space nowhere, whatever the data says).
   */
  public static Map<String, List<String>> pick(Collection<String> among, int countries, int perCountry, int skip,
      java.util.function.BiPredicate<String, String> placedIn) {
    Map<String, List<long[]>> ranges = new HashMap<>();
    Map<String, Long> space = new HashMap<>();
    try (InputStream raw = RoutedAddresses.class.getResourceAsStream(TABLE);
        BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String[] row = line.split(",");
        if (row.length != 3 || !among.contains(row[2])) {
          continue;
        }
        long start = ip(row[0]);
        long end = ip(row[1]);
        // The network and broadcast addresses of a range are left out; a range of fewer than four addresses too.
        if (end - start < 3) {
          continue;
        }
        ranges.computeIfAbsent(row[2], c -> new ArrayList<>()).add(new long[] {start + 1, end - 1});
        space.merge(row[2], end - start + 1, Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> chosen = space.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
        .thenComparing(Map.Entry.comparingByKey())).limit(countries).map(Map.Entry::getKey).sorted(Comparator.naturalOrder()).toList();
    if (chosen.size() < countries) {
      throw new IllegalStateException("The table has addresses in only " + chosen.size() + " of the countries given");
    }
    Map<String, List<String>> picked = new LinkedHashMap<>();
    for (String country : chosen) {
      // The i-th address of every range in turn, so that the addresses spread over the country's allocations.
      List<long[]> own = ranges.get(country);
      List<String> addresses = new ArrayList<>(perCountry);
      // The table's rows may overlap: an address is taken once.
      java.util.Set<String> taken = new java.util.HashSet<>();
      int seen = 0;
      for (long offset = 0; addresses.size() < perCountry; offset++) {
        boolean any = false;
        for (long[] range : own) {
          if (range[0] + offset <= range[1]) {
            any = true;
            String address = text(range[0] + offset);
            if (taken.add(address) && placedIn.test(country, address) && seen++ >= skip) {
              addresses.add(address);
              if (addresses.size() == perCountry) {
                break;
              }
            }
          }
        }
        if (!any) {
          throw new IllegalStateException(country + " has fewer than " + (skip + perCountry) + " addresses in the table");
        }
      }
      picked.put(country, addresses);
    }
    return picked;
  }

  /** The addresses one after another, a country's turn each: the first of every country, then the second… */
  public static List<String> interleaved(Map<String, List<String>> picked) {
    List<String> all = new ArrayList<>();
    int most = picked.values().stream().mapToInt(List::size).max().orElse(0);
    for (int i = 0; i < most; i++) {
      for (List<String> addresses : picked.values()) {
        if (i < addresses.size()) {
          all.add(addresses.get(i));
        }
      }
    }
    return all;
  }

  private static long ip(String text) {
    long value = 0;
    for (String part : text.split("\\.")) {
      value = value << 8 | Integer.parseInt(part);
    }
    return value;
  }

  private static String text(long ip) {
    return (ip >> 24 & 255) + "." + (ip >> 16 & 255) + "." + (ip >> 8 & 255) + "." + (ip & 255);
  }
}
