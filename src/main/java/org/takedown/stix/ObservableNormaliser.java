package org.takedown.stix;

import java.net.IDN;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Normal forms for correlation, so that the same observable written two ways matches:
 * lower-case domains without the trailing dot (IDN as punycode); IPv4 without leading zeros; IPv6
 * in RFC 5952 form (lower case, zeros compressed, the longest run as ::); CIDR with the host bits
 * cleared, and /32 (/128) written as the plain address; URLs with lower-case scheme and host, the
 * default port removed, an empty path as "/", path and query kept, the fragment dropped;
 * email addresses with a lower-case domain; lower-case hashes. {@code tip.IndicatorType} uses these
 * forms too, so simple and STIX tips correlate.
 */
public final class ObservableNormaliser {

  private static final Pattern LABEL = Pattern.compile("^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$");
  private static final Pattern DOTTED = Pattern.compile("[0-9.]+");
  private static final Pattern PORT = Pattern.compile("\\d{1,5}");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
  private static final Pattern OCTET = Pattern.compile("\\d{1,3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
  private static final Pattern SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*$");
  private static final Map<String, Integer> DEFAULT_PORTS = Map.of("http", 80, "https", 443, "ftp", 21, "ws", 80, "wss", 443);

  private ObservableNormaliser() {}

  public static String normalise(ObservableType type, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("must not be empty");
    }
    String v = value.trim();
    return switch (type) {
      case IPV4 -> ipv4(v);
      case IPV6 -> ipv6(v);
      case DOMAIN -> domain(v);
      case URL -> url(v);
      case EMAIL -> email(v);
      case EMAIL_SUBJECT -> v;
      case MD5 -> hex(v, 32, "an MD5 hash of 32 hexadecimal characters");
      case SHA1 -> hex(v, 40, "a SHA-1 hash of 40 hexadecimal characters");
      case SHA256 -> hex(v, 64, "a SHA-256 hash of 64 hexadecimal characters");
      case SHA512 -> hex(v, 128, "a SHA-512 hash of 128 hexadecimal characters");
      case DST_PORT -> port(v);
    };
  }

  /** IPv4 address or CIDR block. */
  public static String ipv4(String v) {
    String[] parts = v.split("/", -1);
    long address = ipv4Bits(parts[0]);
    if (parts.length == 1) {
      return ipv4Text(address);
    }
    int prefix = prefix(parts, 32, "an IPv4 CIDR block such as 198.51.100.0/24");
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return prefix == 32 ? ipv4Text(address) : ipv4Text(address & mask) + "/" + prefix;
  }

  /** IPv6 address or CIDR block, RFC 5952. */
  public static String ipv6(String v) {
    String[] parts = v.split("/", -1);
    int[] groups = ipv6Groups(parts[0]);
    if (parts.length == 1) {
      return ipv6Text(groups);
    }
    int prefix = prefix(parts, 128, "an IPv6 CIDR block such as 2001:db8::/32");
    for (int g = 0; g < 8; g++) {
      int keep = Math.max(0, Math.min(16, prefix - g * 16));
      groups[g] &= keep == 0 ? 0 : (0xFFFF << (16 - keep)) & 0xFFFF;
    }
    return prefix == 128 ? ipv6Text(groups) : ipv6Text(groups) + "/" + prefix;
  }

  public static String domain(String v) {
    String d = v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
    try {
      d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw bad("a domain name such as example.com");
    }
    String[] labels = d.split("\\.", -1);
    if (labels.length < 2 || d.length() > 253 || Arrays.stream(labels).anyMatch(l -> !LABEL.matcher(l).matches())) {
      throw bad("a domain name such as example.com");
    }
    return d;
  }

  public static String url(String v) {
    String expected = "an absolute URL such as http://example.com/path";
    int colon = v.indexOf("://");
    if (colon <= 0 || v.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw bad(expected);
    }
    String scheme = v.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!SCHEME.matcher(scheme).matches()) {
      throw bad(expected);
    }
    String rest = v.substring(colon + 3);
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    int end = 0;
    while (end < rest.length() && rest.charAt(end) != '/' && rest.charAt(end) != '?') {
      end++;
    }
    String authority = rest.substring(0, end);
    String pathAndQuery = rest.substring(end);
    String userInfo = "";
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      userInfo = authority.substring(0, at + 1);
      authority = authority.substring(at + 1);
    }
    String host;
    String port = "";
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw bad(expected);
      }
      host = "[" + ipv6(authority.substring(1, close)) + "]";
      String after = authority.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        throw bad(expected);
      }
      port = after.isEmpty() ? "" : after.substring(1);
    } else {
      int p = authority.lastIndexOf(':');
      host = p >= 0 ? authority.substring(0, p) : authority;
      port = p >= 0 ? authority.substring(p + 1) : "";
      if (host.isEmpty()) {
        throw bad(expected);
      }
      host = DOTTED.matcher(host).matches() ? ipv4(host) : domain(host);
    }
    if (!port.isEmpty()) {
      if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
        throw bad(expected + " (the port must be a number up to 65535)");
      }
      int number = Integer.parseInt(port);
      port = DEFAULT_PORTS.getOrDefault(scheme, -1) == number ? "" : ":" + number;
    }
    if (pathAndQuery.isEmpty() || pathAndQuery.startsWith("?")) {
      pathAndQuery = "/" + pathAndQuery;
    }
    return scheme + "://" + userInfo + host + port + pathAndQuery;
  }

  public static String email(String v) {
    int at = v.lastIndexOf('@');
    if (at <= 0 || at == v.length() - 1 || v.chars().anyMatch(Character::isWhitespace)) {
      throw bad("an email address such as someone@example.com");
    }
    // The local part keeps its case: RFC 5321 lets a mail server tell John from john.
    return v.substring(0, at) + "@" + domain(v.substring(at + 1));
  }

  static String hex(String v, int length, String expected) {
    String h = v.toLowerCase(Locale.ROOT);
    if (h.length() != length || !HEX.matcher(h).matches()) {
      throw bad(expected);
    }
    return h;
  }

  static String port(String v) {
    if (!PORT.matcher(v).matches() || Integer.parseInt(v) > 65535) {
      throw bad("a port number from 0 to 65535");
    }
    return Integer.toString(Integer.parseInt(v));
  }

  private static int prefix(String[] parts, int max, String expected) {
    if (parts.length != 2 || !OCTET.matcher(parts[1]).matches() || Integer.parseInt(parts[1]) > max) {
      throw bad(expected);
    }
    return Integer.parseInt(parts[1]);
  }

  private static long ipv4Bits(String text) {
    String[] octets = text.split("\\.", -1);
    if (octets.length != 4) {
      throw bad("an IPv4 address such as 198.51.100.1");
    }
    long bits = 0;
    for (String octet : octets) {
      if (!OCTET.matcher(octet).matches() || Integer.parseInt(octet) > 255) {
        throw bad("an IPv4 address such as 198.51.100.1");
      }
      bits = bits << 8 | Integer.parseInt(octet);
    }
    return bits;
  }

  private static String ipv4Text(long bits) {
    return (bits >> 24 & 255) + "." + (bits >> 16 & 255) + "." + (bits >> 8 & 255) + "." + (bits & 255);
  }

  private static int[] ipv6Groups(String text) {
    String expected = "an IPv6 address such as 2001:db8::1";
    if (!IPV6_CHARS.matcher(text).matches() || !text.contains(":")) {
      throw bad(expected);
    }
    String t = text;
    int[] tail4 = null;
    int lastColon = t.lastIndexOf(':');
    if (t.indexOf('.') >= 0) {
      long v4 = ipv4Bits(t.substring(lastColon + 1));
      tail4 = new int[] {(int) (v4 >> 16), (int) (v4 & 0xFFFF)};
      String prefix = t.substring(0, lastColon + 1);
      t = prefix.endsWith("::") ? prefix : prefix.substring(0, prefix.length() - 1);
    }
    int slots = tail4 == null ? 8 : 6;
    int[] groups = new int[8];
    int doubleColon = t.indexOf("::");
    if (doubleColon != t.lastIndexOf("::") || t.contains(":::")) {
      throw bad(expected);
    }
    String[] head;
    String[] tail;
    if (doubleColon >= 0) {
      head = split(t.substring(0, doubleColon));
      tail = split(t.substring(doubleColon + 2));
      if (head.length + tail.length >= slots) {
        throw bad(expected);
      }
    } else {
      head = split(t);
      tail = new String[0];
      if (head.length != slots) {
        throw bad(expected);
      }
    }
    for (int g = 0; g < head.length; g++) {
      groups[g] = group(head[g], expected);
    }
    for (int g = 0; g < tail.length; g++) {
      groups[slots - tail.length + g] = group(tail[g], expected);
    }
    if (tail4 != null) {
      groups[6] = tail4[0];
      groups[7] = tail4[1];
    }
    return groups;
  }

  private static String[] split(String part) {
    return part.isEmpty() ? new String[0] : part.split(":", -1);
  }

  private static int group(String g, String expected) {
    if (g.isEmpty() || g.length() > 4 || g.indexOf('.') >= 0) {
      throw bad(expected);
    }
    return Integer.parseInt(g, 16);
  }

  private static String ipv6Text(int[] groups) {
    // RFC 5952 section 5: IPv4-mapped addresses keep the dotted quad.
    if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0 && groups[5] == 0xFFFF) {
      return "::ffff:" + ipv4Text((long) groups[6] << 16 | groups[7]);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int g = 0; g < 8; ) {
      if (groups[g] != 0) {
        g++;
        continue;
      }
      int start = g;
      while (g < 8 && groups[g] == 0) {
        g++;
      }
      if (g - start > bestLength) {
        bestStart = start;
        bestLength = g - start;
      }
    }
    StringBuilder out = new StringBuilder();
    for (int g = 0; g < 8; g++) {
      if (g == bestStart) {
        out.append("::");
        g += bestLength - 1;
        continue;
      }
      if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[g]));
    }
    return out.toString();
  }

  private static IllegalArgumentException bad(String expected) {
    return new IllegalArgumentException("must be " + expected);
  }
}
