package org.takedown.routing;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IP-to-ASN data set's CSV format, one range a line: {@code first,last,number,organisation}, e.g.
 * {@code 1.0.0.0,1.0.0.255,13335,"Cloudflare, Inc."} (an organisation with a comma or a quote is quoted, a quote
 * doubled). Gzip-compressed or plain. Blank lines, '#' lines and a header line starting {@code ip_range_start} are
 * skipped; any other line that is not such a range refuses the whole file, naming the line.
 */
final class AsnRows {

  private AsnRows() {}

  static void read(InputStream raw, String name, AsnTable.Builder builder) throws IOException, TableException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
    in.reset();
    InputStream data = gzip ? new GZIPInputStream(in, 1 << 16) : in;
    BufferedReader lines = new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8), 1 << 16);
    long[] first = new long[2];
    long[] last = new long[2];
    int number = 0;
    String line;
    while ((line = lines.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#") || (number == 1 && line.startsWith("ip_range_start"))) {
        continue;
      }
      int a = line.indexOf(',');
      int b = a < 0 ? -1 : line.indexOf(',', a + 1);
      int c = b < 0 ? -1 : line.indexOf(',', b + 1);
      if (c < 0) {
        throw problem(name, number, "a line has four fields, first address, last address, AS number and organisation, "
            + "e.g. 1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"");
      }
      long asn;
      try {
        asn = Long.parseLong(line.substring(b + 1, c).strip());
      } catch (NumberFormatException e) {
        asn = -1;
      }
      if (asn < 0 || asn > 0xFFFF_FFFFL) {
        throw problem(name, number, "'" + IpBlock.quote(line.substring(b + 1, c)) + "' is not an AS number");
      }
      String organisation = unquote(line.substring(c + 1).strip());
      if (organisation == null) {
        throw problem(name, number, "the organisation opens a quote it does not close");
      }
      int version;
      try {
        String from = line.substring(0, a).strip();
        String to = line.substring(a + 1, b).strip();
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
      if (!builder.add(version, first[0], first[1], last[0], last[1], asn, organisation)) {
        throw problem(name, number, "the ranges are not in order of their first address");
      }
    }
  }

  /** A CSV field as written, or null for an unclosed quote. */
  static String unquote(String field) {
    if (!field.startsWith("\"")) {
      return field;
    }
    if (field.length() < 2 || !field.endsWith("\"")) {
      return null;
    }
    return field.substring(1, field.length() - 1).replace("\"\"", "\"");
  }

  private static TableException problem(String name, int line, String what) {
    return new TableException(name + ", line " + line + ": " + what);
  }
}
