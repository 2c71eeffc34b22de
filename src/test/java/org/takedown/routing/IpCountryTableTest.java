package org.takedown.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The embedded table (the open data set of 2026-06-17) on known allocations. A refresh of the data may
 * move one of them; then check the allocation in the registries before changing the test.
 */
class IpCountryTableTest {

  private static final IpCountryTable TABLE = new IpCountryTable(null, Duration.ZERO, Duration.ZERO, Clock.systemUTC());

  private static Set<String> countries(String ipOrCidr) {
    return TABLE.placement(ipOrCidr).countries();
  }

  @Test
  void knownIpv4Allocations() {
    assertThat(countries("193.0.0.1")).containsExactly("NL"); // RIPE NCC, Amsterdam
    assertThat(countries("193.0.0.0/21")).containsExactly("NL");
    assertThat(countries("8.8.8.8")).containsExactly("US");
    assertThat(countries("1.0.16.0/20")).containsExactly("JP"); // APNIC's example in the data set's README
    assertThat(countries("130.149.1.1")).containsExactly("DE"); // TU Berlin
    assertThat(countries("::ffff:193.0.0.1")).containsExactly("NL");
  }

  @Test
  void knownIpv6Allocations() {
    assertThat(countries("2001:67c:2e8::1")).containsExactly("NL"); // RIPE NCC
    assertThat(countries("2001:67c:2e8::/48")).containsExactly("NL");
    assertThat(countries("2001:4860:4860::8888")).containsExactly("US");
    assertThat(countries("2a01:4f8::/32")).containsExactly("DE");
    assertThat(countries("2001:660::/32")).containsExactly("FR"); // RENATER
  }

  @Test
  void aBlockOverTwoCountriesNamesBoth() {
    // 1.0.0.0/24 AU and 1.0.1.0-1.0.3.255 CN
    assertThat(countries("1.0.0.0/22")).containsExactly("AU", "CN");
    // 2.58.196.0/23 DE, with 2.58.197.15 BE inside it
    assertThat(countries("2.58.196.0/23")).containsExactly("BE", "DE");
    assertThat(countries("2.58.197.15")).containsExactly("BE");
    // 2001:67c:2e70::/48 CH and 2001:67c:2e74::/48 SE; the /48s between them are in no row
    Placement v6 = TABLE.placement("2001:67c:2e70::/45");
    assertThat(v6.countries()).containsExactly("CH", "SE");
    assertThat(v6.note()).isEqualTo("part of the block: not in the IP table");
  }

  @Test
  void reservedAndPrivateAddressesHaveNoCountry() {
    for (String reserved : new String[] {"10.1.2.3", "172.16.0.1", "192.168.1.1", "127.0.0.1", "100.64.0.1", "169.254.1.1", "192.0.2.1",
        "198.51.100.1", "203.0.113.7", "224.0.0.1", "255.255.255.255", "0.0.0.0", "::1", "::", "fe80::1", "fd00::1", "ff02::1",
        "2001:db8::1", "2001:db8::/32", "192.168.0.0/16", "2002:c000:201::1"}) {
      Placement placement = TABLE.placement(reserved);
      assertThat(placement.countries()).as(reserved).isEmpty();
      assertThat(placement.source()).as(reserved).isEqualTo("reserved");
      assertThat(placement.note()).as(reserved).isNotBlank();
    }
    // the data set itself places 192.168.0.0/16 and 198.51.100.0/24 in AU, and 2001:db8::/32 in JP
    assertThat(TABLE.placement("198.51.100.1").note()).isEqualTo("documentation, TEST-NET-2 (RFC 5737)");
  }

  @Test
  void anAddressOutsideEveryRangeIsSaidSo() {
    Placement placement = TABLE.placement("4000::1");
    assertThat(placement.countries()).isEmpty();
    assertThat(placement.note()).isEqualTo("not in the IP table");
    assertThat(placement.label()).isEqualTo("IP table 2026-06");
  }

  @Test
  void eachAnswerSaysWhereItCameFrom() {
    Placement placement = TABLE.placement("193.0.0.1");
    assertThat(placement.source()).isEqualTo("IP table");
    assertThat(placement.date()).isEqualTo(LocalDate.of(2026, 6, 17));
    assertThat(placement.label()).isEqualTo("IP table 2026-06");
    assertThat(placement.note()).isNull();
    TableInfo info = TABLE.info();
    assertThat(info.name()).isEqualTo("@ip-location-db/geo-whois-asn-country 2.3.2026061719");
    assertThat(info.origin()).isEqualTo("embedded");
    assertThat(info.rows()).isEqualTo(334_373 + 216_295);
    assertThat(info.countries()).isGreaterThan(240);
  }

  @Test
  void theDataSetUsesCodesBeyondIso3166() {
    // XK (Kosovo, a user-assigned code) and AN (the former Netherlands Antilles): callers that check codes against ISO 3166-1 must expect them
    Set<String> iso = Set.of(Locale.getISOCountries());
    assertThat(countries("::/0").stream().filter(code -> !iso.contains(code))).containsExactlyInAnyOrder("AN", "XK");
  }

  @Test
  void malformedInputIsRefusedInPlainWords() {
    assertThatThrownBy(() -> TABLE.placement("203.0.113.300")).isInstanceOf(MalformedIpException.class)
        .hasMessage("203.0.113.300 is not an IP address: 300 is more than 255");
    assertThatThrownBy(() -> TABLE.placement("evil.example")).hasMessage("evil.example is not an IP address or CIDR block");
  }
}
