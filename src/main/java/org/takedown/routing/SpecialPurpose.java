package org.takedown.routing;

import java.util.List;

/**
 * Address space that is no country's, whatever a table says: the IANA special-purpose registries
 * (RFC 6890 and its updates) that are not globally reachable, documentation ranges, multicast and the
 * reserved class E. The open data set places some of them (192.168.0.0/16, the documentation blocks
 * 198.51.100.0/24 and 2001:db8::/32, ...) in a country; these entries win over any table row.
 */
final class SpecialPurpose {

  record Range(IpBlock block, String name) {}

  static final String SOURCE = "reserved";

  static final List<Range> RANGES = List.of(
      range("0.0.0.0/8", "'this network' (RFC 791)"),
      range("10.0.0.0/8", "private-use address space (RFC 1918)"),
      range("100.64.0.0/10", "shared address space for carrier-grade NAT (RFC 6598)"),
      range("127.0.0.0/8", "loopback (RFC 1122)"),
      range("169.254.0.0/16", "link-local (RFC 3927)"),
      range("172.16.0.0/12", "private-use address space (RFC 1918)"),
      range("192.0.0.0/24", "IETF protocol assignments (RFC 6890)"),
      range("192.0.2.0/24", "documentation, TEST-NET-1 (RFC 5737)"),
      range("192.168.0.0/16", "private-use address space (RFC 1918)"),
      range("198.18.0.0/15", "benchmarking (RFC 2544)"),
      range("198.51.100.0/24", "documentation, TEST-NET-2 (RFC 5737)"),
      range("203.0.113.0/24", "documentation, TEST-NET-3 (RFC 5737)"),
      range("224.0.0.0/4", "multicast (RFC 5771)"),
      range("240.0.0.0/4", "reserved, and the broadcast address (RFC 1112, RFC 919)"),
      range("::/128", "the unspecified address (RFC 4291)"),
      range("::1/128", "loopback (RFC 4291)"),
      range("64:ff9b::/96", "IPv4/IPv6 translation (RFC 6052): place the IPv4 address it holds"),
      range("64:ff9b:1::/48", "local-use IPv4/IPv6 translation (RFC 8215)"),
      range("100::/64", "discard-only (RFC 6666)"),
      range("2001::/32", "Teredo tunnelling (RFC 4380): place the server or the IPv4 address it holds"),
      range("2001:2::/48", "benchmarking (RFC 5180)"),
      range("2001:db8::/32", "documentation (RFC 3849)"),
      range("2002::/16", "6to4 (RFC 3056): place the IPv4 address it holds"),
      range("3fff::/20", "documentation (RFC 9637)"),
      range("5f00::/16", "segment routing identifiers (RFC 9602)"),
      range("fc00::/7", "unique local addresses (RFC 4193)"),
      range("fe80::/10", "link-local (RFC 4291)"),
      range("ff00::/8", "multicast (RFC 4291)"));

  private SpecialPurpose() {}

  private static Range range(String cidr, String name) {
    return new Range(IpBlock.parse(cidr), name);
  }
}
