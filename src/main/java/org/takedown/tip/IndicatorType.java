package org.takedown.tip;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Indicator types of the simple tip, named after the STIX 2.1 cyber-observable they stand for.
 * Each validates a value and gives its normalised form, so that "Example.COM." and "example.com"
 * correlate.
 */
public enum IndicatorType {
  IPV4("ipv4-addr") {
    @Override
    String normalise(String v) {
      String[] address = v.split("/", 2)[0].split("\\.", -1);
      String prefix = v.contains("/") ? v.substring(v.indexOf('/')) : "";
      if (address.length != 4 || !prefix.isEmpty() && !prefix.matches("/(3[0-2]|[12]?\\d)")) {
        throw bad("an IPv4 address such as 198.51.100.1 or a CIDR such as 198.51.100.0/24");
      }
      StringBuilder out = new StringBuilder();
      for (String part : address) {
        if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
          throw bad("an IPv4 address such as 198.51.100.1");
        }
        out.append(out.isEmpty() ? "" : ".").append(Integer.parseInt(part));
      }
      return out + prefix;
    }
  },
  IPV6("ipv6-addr") {
    @Override
    String normalise(String v) {
      String address = v.split("/", 2)[0];
      String prefix = v.contains("/") ? v.substring(v.indexOf('/')) : "";
      if (!address.contains(":") || !address.matches("[0-9A-Fa-f:.]+") || !prefix.isEmpty() && !prefix.matches("/(12[0-8]|1[01]\\d|\\d{1,2})")) {
        throw bad("an IPv6 address such as 2001:db8::1");
      }
      try {
        // A literal with only hex digits and colons is parsed, never looked up.
        return InetAddress.getByName(address).getHostAddress().toLowerCase(Locale.ROOT) + prefix;
      } catch (UnknownHostException e) {
        throw bad("an IPv6 address such as 2001:db8::1");
      }
    }
  },
  DOMAIN("domain-name") {
    @Override
    String normalise(String v) {
      return domain(v);
    }
  },
  URL("url") {
    @Override
    String normalise(String v) {
      try {
        URI uri = new URI(v);
        if (uri.getScheme() == null || uri.getHost() == null) {
          throw bad("an absolute URL such as http://example.com/path");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + domain(uri.getHost())
            + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      } catch (URISyntaxException e) {
        throw bad("an absolute URL such as http://example.com/path");
      }
    }
  },
  EMAIL("email-addr") {
    @Override
    String normalise(String v) {
      int at = v.lastIndexOf('@');
      if (at <= 0 || at == v.length() - 1 || v.chars().anyMatch(Character::isWhitespace)) {
        throw bad("an email address such as someone@example.com");
      }
      return v.substring(0, at) + "@" + domain(v.substring(at + 1));
    }
  },
  MD5("file-md5") {
    @Override
    String normalise(String v) {
      return hex(v, 32, "an MD5 hash of 32 hexadecimal characters");
    }
  },
  SHA1("file-sha1") {
    @Override
    String normalise(String v) {
      return hex(v, 40, "a SHA-1 hash of 40 hexadecimal characters");
    }
  },
  SHA256("file-sha256") {
    @Override
    String normalise(String v) {
      return hex(v, 64, "a SHA-256 hash of 64 hexadecimal characters");
    }
  };

  private static final Pattern LABEL = Pattern.compile("^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$");

  private final String id;

  IndicatorType(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The normalised value; throws {@link IllegalArgumentException} saying what the value should look like. */
  abstract String normalise(String value);

  public static Optional<IndicatorType> of(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equalsIgnoreCase(id == null ? "" : id.trim())).findFirst();
  }

  public static String ids() {
    return String.join(", ", Arrays.stream(values()).map(IndicatorType::id).toList());
  }

  static String domain(String v) {
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

  static String hex(String v, int length, String expected) {
    String h = v.toLowerCase(Locale.ROOT);
    if (h.length() != length || !h.matches("[0-9a-f]+")) {
      throw bad(expected);
    }
    return h;
  }

  private static IllegalArgumentException bad(String expected) {
    return new IllegalArgumentException("must be " + expected);
  }
}
