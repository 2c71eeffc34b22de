package org.takedown.routing;

/**
 * One IPv4 or IPv6 address, or a CIDR block, read strictly from its text: "192.0.2.1", "2001:db8::1",
 * "198.51.100.0/24", "2001:db8::/32". Nothing is looked up in DNS. An IPv4-mapped IPv6 address
 * ("::ffff:192.0.2.1", or a block within ::ffff:0:0/96) is the IPv4 address it maps.
 *
 * <p>Addresses are held as unsigned 128-bit numbers in two longs (IPv4 in the low 32 bits), the first
 * and the last address of the block inclusive.
 */
public final class IpBlock {

  private static final int SHOWN = 60;

  private final int version;
  private final int prefix;
  final long firstHigh;
  final long firstLow;
  final long lastHigh;
  final long lastLow;

  private IpBlock(int version, int prefix, long firstHigh, long firstLow, long lastHigh, long lastLow) {
    this.version = version;
    this.prefix = prefix;
    this.firstHigh = firstHigh;
    this.firstLow = firstLow;
    this.lastHigh = lastHigh;
    this.lastLow = lastLow;
  }

  /** 4 or 6. */
  public int version() {
    return version;
  }

  /** The prefix length: 32 or 128 for a single address. */
  public int prefixLength() {
    return prefix;
  }

  public boolean isSingleAddress() {
    return prefix == (version == 4 ? 32 : 128);
  }

  /** Whether every address of {@code other} is in this block (same IP version). */
  public boolean contains(IpBlock other) {
    return version == other.version && prefix <= other.prefix
        && compare(firstHigh, firstLow, other.firstHigh, other.firstLow) <= 0
        && compare(other.lastHigh, other.lastLow, lastHigh, lastLow) <= 0;
  }

  private static int compare(long high, long low, long otherHigh, long otherLow) {
    int c = Long.compareUnsigned(high, otherHigh);
    return c != 0 ? c : Long.compareUnsigned(low, otherLow);
  }

  /**
   * Reads an address or a CIDR block.
   *
   * @throws MalformedIpException in plain words, naming what is wrong ("999 is more than 255", "the
   *     address has bits set beyond the /24 prefix; the block is 192.0.2.0/24")
   */
  public static IpBlock parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new MalformedIpException("an empty value is not an IP address or CIDR block");
    }
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    long[] value = new long[2];
    int version = parseAddress(text, address, value);
    boolean mapped = version == 6 && value[0] == 0 && (value[1] >>> 32) == 0xFFFFL;
    int bits = version == 4 ? 32 : 128;
    int prefix = bits;
    if (slash >= 0) {
      prefix = prefixLength(text, text.substring(slash + 1), bits);
    }
    if (mapped) {
      if (prefix < 96) {
        throw new MalformedIpException(quote(text) + " is not an IP block to place: it spans IPv4-mapped addresses (::ffff:0:0/96) and others");
      }
      version = 4;
      prefix -= 96;
      value[1] &= 0xFFFF_FFFFL;
      bits = 32;
    }
    long[] last = new long[] {value[0], value[1]};
    int host = bits - prefix;
    if (host > 0) {
      long[] mask = hostMask(host);
      if ((value[0] & mask[0]) != 0 || (value[1] & mask[1]) != 0) {
        String block = format(version, value[0] & ~mask[0], value[1] & ~mask[1]) + "/" + prefix;
        throw new MalformedIpException(quote(text) + " has bits set beyond the /" + prefix + " prefix; the block is " + block);
      }
      last[0] |= mask[0];
      last[1] |= mask[1];
    }
    return new IpBlock(version, prefix, value[0], value[1], last[0], last[1]);
  }

  /** One address from its text (no prefix); {@code into} receives the high and low 64 bits; returns 4 or 6. */
  static int parseAddress(String whole, String address, long[] into) {
    if (address.indexOf(':') >= 0) {
      parseIpv6(whole, address, into);
      return 6;
    }
    into[0] = 0;
    into[1] = parseIpv4(whole, address);
    return 4;
  }

  static long parseIpv4(String whole, String address) {
    long result = 0;
    int parts = 0;
    int i = 0;
    int n = address.length();
    while (true) {
      int start = i;
      int value = 0;
      while (i < n && address.charAt(i) >= '0' && address.charAt(i) <= '9') {
        if (i - start == 3) {
          throw notAnAddress(whole, address);
        }
        value = value * 10 + (address.charAt(i) - '0');
        i++;
      }
      if (i == start) {
        throw notAnAddress(whole, address);
      }
      if (i - start > 1 && address.charAt(start) == '0') {
        throw new MalformedIpException(quote(whole) + " is not an IP address: " + address.substring(start, i)
            + " has a leading zero, which some tools read as octal; write " + value);
      }
      if (value > 255) {
        throw new MalformedIpException(quote(whole) + " is not an IP address: " + value + " is more than 255");
      }
      result = (result << 8) | value;
      parts++;
      if (i == n) {
        break;
      }
      if (address.charAt(i) != '.' || parts == 4) {
        throw notAnAddress(whole, address);
      }
      i++;
    }
    if (parts != 4) {
      throw new MalformedIpException(quote(whole) + " is not an IP address: an IPv4 address has four numbers separated by dots");
    }
    return result;
  }

  private static void parseIpv6(String whole, String address, long[] into) {
    if (address.indexOf('%') >= 0) {
      throw new MalformedIpException(quote(whole) + " is not an IP address to place: it has a zone index (%...), which only means something on one machine");
    }
    int[] groups = new int[8];
    int count = 0;
    int gap = -1;
    int n = address.length();
    int i = 0;
    if (address.startsWith("::")) {
      gap = 0;
      i = 2;
    } else if (address.startsWith(":")) {
      throw notAnAddress(whole, address);
    }
    while (i < n) {
      int start = i;
      int value = 0;
      while (i < n && Character.digit(address.charAt(i), 16) >= 0 && address.charAt(i) < 128) {
        value = (value << 4) | Character.digit(address.charAt(i), 16);
        i++;
        if (i - start > 4) {
          throw new MalformedIpException(quote(whole) + " is not an IP address: a group of an IPv6 address has at most four hexadecimal digits");
        }
      }
      if (i < n && address.charAt(i) == '.') {
        // an IPv4 address in the last two groups
        if (count > 6) {
          throw notAnAddress(whole, address);
        }
        long v4 = parseIpv4(whole, address.substring(start));
        groups[count++] = (int) (v4 >>> 16);
        groups[count++] = (int) (v4 & 0xFFFF);
        i = n;
        break;
      }
      if (i == start || count == 8) {
        throw notAnAddress(whole, address);
      }
      groups[count++] = value;
      if (i == n) {
        break;
      }
      if (address.charAt(i) != ':') {
        throw notAnAddress(whole, address);
      }
      i++;
      if (i < n && address.charAt(i) == ':') {
        if (gap >= 0) {
          throw new MalformedIpException(quote(whole) + " is not an IP address: '::' may appear only once");
        }
        gap = count;
        i++;
      } else if (i == n) {
        throw notAnAddress(whole, address);
      }
    }
    if (gap >= 0) {
      if (count == 8) {
        throw notAnAddress(whole, address);
      }
      int move = count - gap;
      System.arraycopy(groups, gap, groups, 8 - move, move);
      java.util.Arrays.fill(groups, gap, 8 - move, 0);
    } else if (count != 8) {
      throw new MalformedIpException(quote(whole) + " is not an IP address: an IPv6 address has eight groups, or '::' for a run of zeros");
    }
    long high = 0;
    long low = 0;
    for (int g = 0; g < 4; g++) {
      high = (high << 16) | groups[g];
      low = (low << 16) | groups[g + 4];
    }
    into[0] = high;
    into[1] = low;
  }

  private static int prefixLength(String whole, String digits, int bits) {
    if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
        || (digits.length() > 1 && digits.charAt(0) == '0')) {
      throw new MalformedIpException(quote(whole) + " is not a CIDR block: after '/' comes the prefix length, a number from 0 to " + bits);
    }
    int prefix = Integer.parseInt(digits);
    if (prefix > bits) {
      throw new MalformedIpException(quote(whole) + " is not a CIDR block: an IPv" + (bits == 32 ? 4 : 6) + " prefix is at most /" + bits);
    }
    return prefix;
  }

  /** The low {@code host} bits of a 128-bit number set. */
  private static long[] hostMask(int host) {
    if (host >= 64) {
      return new long[] {host == 128 ? -1L : (1L << (host - 64)) - 1, -1L};
    }
    return new long[] {0, (1L << host) - 1};
  }

  private static MalformedIpException notAnAddress(String whole, String address) {
    boolean letters = address.chars().anyMatch(c -> (c >= 'g' && c <= 'z') || (c >= 'G' && c <= 'Z'));
    return new MalformedIpException(quote(whole) + (letters ? " is not an IP address or CIDR block" : " is not an IP address: it is neither an IPv4 address (192.0.2.1) nor an IPv6 address (2001:db8::1)"));
  }

  static String quote(String text) {
    return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
  }

  /** The address's usual text: dotted decimal, or IPv6 as RFC 5952 writes it. */
  static String format(int version, long high, long low) {
    if (version == 4) {
      return ((low >>> 24) & 0xFF) + "." + ((low >>> 16) & 0xFF) + "." + ((low >>> 8) & 0xFF) + "." + (low & 0xFF);
    }
    int[] groups = new int[8];
    for (int g = 0; g < 4; g++) {
      groups[g] = (int) ((high >>> (48 - 16 * g)) & 0xFFFF);
      groups[g + 4] = (int) ((low >>> (48 - 16 * g)) & 0xFFFF);
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
    StringBuilder text = new StringBuilder();
    for (int g = 0; g < 8; g++) {
      if (g == bestStart) {
        text.append("::");
        g += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[g]));
    }
    return text.toString();
  }

  @Override
  public String toString() {
    String first = format(version, firstHigh, firstLow);
    return isSingleAddress() ? first : first + "/" + prefix;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IpBlock that && version == that.version && prefix == that.prefix
        && firstHigh == that.firstHigh && firstLow == that.firstLow;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(firstHigh * 31 + firstLow) * 31 + prefix * 7 + version;
  }
}
