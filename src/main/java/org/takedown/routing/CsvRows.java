package org.takedown.routing;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Reads the open data set's CSV format, one range a line: {@code first,last,country}, e.g.
 * {@code 1.0.16.0,1.0.31.255,JP} or {@code 2001:200::,2001:218:2000:51:ffff:ffff:ffff:ffff,AU}; IPv4 and IPv6
 * lines may be mixed. Gzip-compressed or plain (told by the first bytes). Blank lines, lines starting
 * with '#' and a header line {@code ip_range_start,ip_range_end,country_code} are skipped. Any other
 * line that is not a range refuses the whole file.
 */
final class CsvRows {

  private static final String HEADER = "ip_range_start,ip_range_end,country_code";

  private CsvRows() {}

  static void read(InputStream raw, String name, RangeTable.Builder builder) throws IOException, TableException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
    in.reset();
    InputStream data = gzip ? new GZIPInputStream(in, 1 << 16) : in;
    BufferedReader lines = new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8), 1 << 16);
    long[] first = new long[2];
    long[] last = new long[2];
    int number = 0;
    boolean header = true;
    String line;
    while ((line = lines.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        if (line.replace(" ", "").equalsIgnoreCase(HEADER)) {
          continue;
        }
      }
      int a = line.indexOf(',');
      int b = a < 0 ? -1 : line.indexOf(',', a + 1);
      if (b < 0 || line.indexOf(',', b + 1) >= 0) {
        throw problem(name, number, "a line has three fields, first address, last address and country code, e.g. 1.0.16.0,1.0.31.255,JP");
      }
      String country = line.substring(b + 1).strip();
      if (country.length() != 2 || !isLetter(country.charAt(0)) || !isLetter(country.charAt(1))) {
        throw problem(name, number, "'" + IpBlock.quote(country) + "' is not a two-letter country code");
      }
      int version;
      try {
        String from = line.substring(0, a).strip();
        String to = line.substring(a + 1, b).strip();
        if (!from.isEmpty() && from.chars().allMatch(c -> c >= '0' && c <= '9')) {
          throw problem(name, number, from + " is a number, not an address: give the files with addresses (…-ipv4.csv, …-ipv6.csv), "
              + "not the …-num ones");
        }
        version = IpBlock.parseAddress(from, from, first);
        if (IpBlock.parseAddress(to, to, last) != version) {
          throw problem(name, number, "the first and the last address are not of the same IP version");
        }
      } catch (MalformedIpException e) {
        throw problem(name, number, e.getMessage());
      }
      int order = Long.compareUnsigned(first[0], last[0]);
      if (order > 0 || (order == 0 && Long.compareUnsigned(first[1], last[1]) > 0)) {
        throw problem(name, number, "the first address comes after the last one");
      }
      builder.add(version, first[0], first[1], last[0], last[1], country.toUpperCase(java.util.Locale.ROOT));
    }
  }

  private static boolean isLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static TableException problem(String name, int line, String what) {
    return new TableException(name + ", line " + line + ": " + what);
  }
}
