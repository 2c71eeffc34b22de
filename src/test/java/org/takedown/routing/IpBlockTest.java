package org.takedown.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpBlockTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      192.0.2.1            | 4 | 32  | 192.0.2.1
      0.0.0.0              | 4 | 32  | 0.0.0.0
      255.255.255.255      | 4 | 32  | 255.255.255.255
      198.51.100.0/24      | 4 | 24  | 198.51.100.0/24
      0.0.0.0/0            | 4 | 0   | 0.0.0.0/0
      2001:db8::1          | 6 | 128 | 2001:db8::1
      2001:DB8:0:0:0:0:0:1 | 6 | 128 | 2001:db8::1
      ::                   | 6 | 128 | ::
      ::1                  | 6 | 128 | ::1
      1::                  | 6 | 128 | 1::
      2001:db8::/32        | 6 | 32  | 2001:db8::/32
      ::/0                 | 6 | 0   | ::/0
      64:ff9b::192.0.2.33  | 6 | 128 | 64:ff9b::c000:221
      ::ffff:192.0.2.1     | 4 | 32  | 192.0.2.1
      ::ffff:c000:201      | 4 | 32  | 192.0.2.1
      ::ffff:192.0.2.0/120 | 4 | 24  | 192.0.2.0/24
      """)
  void readsAddressesAndBlocks(String text, int version, int prefix, String canonical) {
    IpBlock block = IpBlock.parse(text);
    assertThat(block.version()).isEqualTo(version);
    assertThat(block.prefixLength()).isEqualTo(prefix);
    assertThat(block).hasToString(canonical);
  }

  @Test
  void aBlockHoldsItsFirstAndLastAddress() {
    IpBlock v4 = IpBlock.parse("198.51.100.0/23");
    assertThat(IpBlock.format(4, v4.lastHigh, v4.lastLow)).isEqualTo("198.51.101.255");
    IpBlock v6 = IpBlock.parse("2001:db8:8000::/33");
    assertThat(IpBlock.format(6, v6.lastHigh, v6.lastLow)).isEqualTo("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff");
    IpBlock half = IpBlock.parse("8000::/1");
    assertThat(IpBlock.format(6, half.lastHigh, half.lastLow)).isEqualTo("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      ''                   | an empty value is not an IP address or CIDR block
      example.org          | example.org is not an IP address or CIDR block
      999.1.1.1            | 999.1.1.1 is not an IP address: 999 is more than 255
      192.0.2              | 192.0.2 is not an IP address: an IPv4 address has four numbers separated by dots
      192.0.2.1.5          | 192.0.2.1.5 is not an IP address: it is neither an IPv4 address (192.0.2.1) nor an IPv6 address (2001:db8::1)
      192.0.02.1           | 192.0.02.1 is not an IP address: 02 has a leading zero, which some tools read as octal; write 2
      ' 192.0.2.1'         | ' 192.0.2.1 is not an IP address: it is neither an IPv4 address (192.0.2.1) nor an IPv6 address (2001:db8::1)'
      192.0.2.5/24         | 192.0.2.5/24 has bits set beyond the /24 prefix; the block is 192.0.2.0/24
      2001:db8::1/32       | 2001:db8::1/32 has bits set beyond the /32 prefix; the block is 2001:db8::/32
      192.0.2.0/33         | 192.0.2.0/33 is not a CIDR block: an IPv4 prefix is at most /32
      192.0.2.0/           | 192.0.2.0/ is not a CIDR block: after '/' comes the prefix length, a number from 0 to 32
      192.0.2.0/024        | 192.0.2.0/024 is not a CIDR block: after '/' comes the prefix length, a number from 0 to 32
      2001:db8::/129       | 2001:db8::/129 is not a CIDR block: an IPv6 prefix is at most /128
      2001:db8::1::2       | 2001:db8::1::2 is not an IP address: '::' may appear only once
      2001:db8:0:0:0:0:0   | 2001:db8:0:0:0:0:0 is not an IP address: an IPv6 address has eight groups, or '::' for a run of zeros
      2001:db8:12345::     | 2001:db8:12345:: is not an IP address: a group of an IPv6 address has at most four hexadecimal digits
      fe80::1%eth0         | fe80::1%eth0 is not an IP address to place: it has a zone index (%...), which only means something on one machine
      ::ffff:0:0/95        | ::ffff:0:0/95 is not an IP block to place: it spans IPv4-mapped addresses (::ffff:0:0/96) and others
      hxxp://evil         | hxxp://evil is not an IP address or CIDR block
      """)
  void refusesMalformedInputInPlainWords(String text, String message) {
    assertThatThrownBy(() -> IpBlock.parse(text)).isInstanceOf(MalformedIpException.class).hasMessage(message);
  }

  @Test
  void repeatsAtMostSixtyCharactersOfWhatItRefuses() {
    String longText = "x".repeat(10_000);
    assertThatThrownBy(() -> IpBlock.parse(longText)).hasMessage("x".repeat(60) + "… is not an IP address or CIDR block");
  }

  @Test
  void fullWidthDigitsAreNotDigits() {
    assertThatThrownBy(() -> IpBlock.parse("１.2.3.4")).isInstanceOf(MalformedIpException.class);
    assertThatThrownBy(() -> IpBlock.parse("2001:db８::1")).isInstanceOf(MalformedIpException.class);
  }
}
