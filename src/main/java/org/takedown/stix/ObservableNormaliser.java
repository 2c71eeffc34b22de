package org.takedown.stix;

import java.net.IDN;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Normal forms for correlation, so that the same observable written two ways matches:
 * lower-case domains without the trailing dot (IDN as punycode); IPv4 without leading zeros; IPv6
 * in RFC 5952 form (lower case, zeros compressed, the longest run as ::); CIDR with the host bits
 * cleared, and /32 (/128) written as the plain address; URLs with lower-case scheme and host, the
 * default port removed, an empty path as "/", path and query kept, the fragment dropped;
 * email addresses with a lower-case domain; lower-case hashes; certificate serial numbers as lower-case
 * hexadecimal bytes joined by colons, without leading zero bytes; certificate issuers as distinguished names
 * with upper-case attribute types and lower-case values; autonomous systems as AS and the number.
 * {@code tip.IndicatorType} uses these forms too, so simple and STIX tips correlate.
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
      case X509_SERIAL -> x509Serial(v);
      case X509_ISSUER -> distinguishedName(v);
      case ASN -> asn(v);
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

  private static final String SERIAL = "a certificate serial number in hexadecimal, such as 4c:0b:1d:19 or 4C0B1D19";
  private static final Pattern SERIAL_GROUPS = Pattern.compile("[0-9a-f]{1,2}([:\\s-][0-9a-f]{1,2})*");

  /**
   * A certificate serial number as OpenSSL prints it: lower-case hexadecimal bytes joined by colons
   * ({@code 0e:97:88:1c}). Given with colons, spaces or hyphens between the bytes, or as one run of
   * hexadecimal digits (with or without 0x); a leading 00 byte (DER's sign byte) is dropped, since the
   * serial is a positive integer. Digits alone are read as hexadecimal.
   */
  public static String x509Serial(String v) {
    String s = v.toLowerCase(Locale.ROOT);
    if (s.startsWith("0x")) {
      s = s.substring(2);
    }
    String digits;
    if (HEX.matcher(s).matches()) {
      digits = s;
    } else if (SERIAL_GROUPS.matcher(s).matches()) {
      StringBuilder joined = new StringBuilder();
      for (String group : s.split("[:\\s-]")) {
        joined.append(group.length() == 1 ? "0" + group : group);
      }
      digits = joined.toString();
    } else {
      throw bad(SERIAL);
    }
    if (digits.length() > 128) {
      throw bad(SERIAL + " (at most 64 bytes)");
    }
    digits = digits.replaceFirst("^0+", "");
    if (digits.isEmpty()) {
      digits = "0";
    }
    if (digits.length() % 2 == 1) {
      digits = "0" + digits;
    }
    StringBuilder out = new StringBuilder(digits.length() * 3 / 2);
    for (int i = 0; i < digits.length(); i += 2) {
      out.append(i == 0 ? "" : ":").append(digits, i, i + 2);
    }
    return out.toString();
  }

  private static final String DN = "a distinguished name such as CN=Example CA, O=Example Ltd, C=DE";
  private static final Pattern ATTRIBUTE_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9-]*|[0-9]+(\\.[0-9]+)*");

  /**
   * A distinguished name (a certificate's issuer or subject), for comparison: its relative names in the
   * order given, joined by ", " (several values of one name by " + "); attribute types in upper case
   * (cn → CN); values trimmed, inner white space as one space, in lower case (X.520 compares names
   * case-insensitively); escapes (\,) and quoted values kept. OpenSSL's older form /C=US/O=Example/CN=x is
   * read too. Order is kept: OpenSSL and RFC 4514 write the names in opposite orders, and a name cannot tell.
   */
  public static String distinguishedName(String v) {
    if (v.length() > 1024) {
      throw bad(DN + " (at most 1024 characters)");
    }
    boolean slashes = v.startsWith("/") && v.indexOf('=') > 0;
    List<String> rdns = splitUnescaped(slashes ? v.substring(1) : v, slashes ? "/" : ",;");
    List<String> out = new ArrayList<>();
    for (String rdn : rdns) {
      List<String> values = new ArrayList<>();
      for (String ava : splitUnescaped(rdn, "+")) {
        int eq = ava.indexOf('=');
        if (eq <= 0) {
          throw bad(DN);
        }
        String type = ava.substring(0, eq).trim();
        String value = ava.substring(eq + 1).trim().replaceAll("\\s+", " ");
        if (!ATTRIBUTE_TYPE.matcher(type).matches() || value.isEmpty()) {
          throw bad(DN);
        }
        values.add(type.toUpperCase(Locale.ROOT) + "=" + value.toLowerCase(Locale.ROOT));
      }
      out.add(String.join(" + ", values));
    }
    if (out.isEmpty()) {
      throw bad(DN);
    }
    return String.join(", ", out);
  }

  /** Splits at the separators that are neither escaped with a backslash nor inside double quotes. */
  private static List<String> splitUnescaped(String text, String separators) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        current.append(c).append(text.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        current.append(c);
      } else if (!quoted && separators.indexOf(c) >= 0) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (quoted) {
      throw bad(DN + " (a quoted value is not closed)");
    }
    parts.add(current.toString());
    return parts;
  }

  private static final Pattern ASN_TEXT = Pattern.compile("(?i)(as)?\\s*([0-9]{1,10})(\\.([0-9]{1,5}))?");

  /** An autonomous system number: AS64496, as64496, AS 64496, 64496, or RFC 5396's asdot 1.10 (= AS65546). */
  public static String asn(String v) {
    java.util.regex.Matcher m = ASN_TEXT.matcher(v);
    if (!m.matches()) {
      throw bad("an autonomous system number such as AS64496 or 64496");
    }
    long number = Long.parseLong(m.group(2));
    if (m.group(4) != null) {
      long low = Long.parseLong(m.group(4));
      if (number > 65535 || low > 65535) {
        throw bad("an autonomous system number in asdot form such as 1.10, each part at most 65535");
      }
      number = number * 65536 + low;
    }
    if (number > 4294967295L) {
      throw bad("an autonomous system number from 0 to 4294967295");
    }
    return "AS" + number;
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
