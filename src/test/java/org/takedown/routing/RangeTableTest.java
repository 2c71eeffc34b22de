package org.takedown.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How overlapping rows become one answer per address; synthetic rows, no files. */
class RangeTableTest {

  private static final LocalDate DATE = LocalDate.of(2026, 6, 17);

  private static RangeTable table(String... rows) {
    RangeTable.Builder builder = new RangeTable.Builder();
    long[] first = new long[2];
    long[] last = new long[2];
    for (String row : rows) {
      String[] fields = row.split(",");
      int version = IpBlock.parseAddress(fields[0], fields[0], first);
      IpBlock.parseAddress(fields[1], fields[1], last);
      builder.add(version, first[0], first[1], last[0], last[1], fields[2]);
    }
    return builder.build("IP table", DATE);
  }

  private static Set<String> countries(RangeTable table, String ip) {
    return table.placement(IpBlock.parse(ip)).countries();
  }

  @Test
  void theNarrowestRowThatCoversAnAddressDecides() {
    // as in the data set: 2.58.196.0-2.58.197.255 DE, with 2.58.197.15 BE inside it
    RangeTable table = table("2.58.196.0,2.58.197.255,DE", "2.58.197.15,2.58.197.15,BE");
    assertThat(countries(table, "2.58.197.14")).containsExactly("DE");
    assertThat(countries(table, "2.58.197.15")).containsExactly("BE");
    assertThat(countries(table, "2.58.197.16")).containsExactly("DE");
    assertThat(countries(table, "2.58.196.0/23")).containsExactly("BE", "DE");
    assertThat(countries(table, "2.58.196.0/24")).containsExactly("DE");
  }

  @Test
  void rowsOfTheSameWidthThatDisagreeAreBothNamed() {
    RangeTable table = table("108.165.88.0,108.165.90.255,DE", "108.165.88.0,108.165.90.255,US");
    Placement placement = table.placement(IpBlock.parse("108.165.89.1"));
    assertThat(placement.countries()).containsExactly("DE", "US");
    assertThat(placement.note()).isNull();
  }

  @Test
  void partlyOverlappingRowsGiveTheOverlapToTheNarrowerOne() {
    RangeTable table = table("80.86.163.0,80.86.163.255,CH", "80.86.163.128,80.86.168.255,DE");
    assertThat(countries(table, "80.86.163.127")).containsExactly("CH");
    assertThat(countries(table, "80.86.163.128")).containsExactly("CH");
    assertThat(countries(table, "80.86.164.0")).containsExactly("DE");
  }

  @Test
  void reservedSpaceHasNoCountryWhateverTheRowsSay() {
    RangeTable table = table("192.168.0.0,192.168.255.255,AU", "198.51.100.0,198.51.100.255,AU", "2001:db8::,2001:db8:ffff:ffff:ffff:ffff:ffff:ffff,JP",
        "198.51.101.0,198.51.101.255,FR");
    Placement privateUse = table.placement(IpBlock.parse("192.168.1.1"));
    assertThat(privateUse.countries()).isEmpty();
    assertThat(privateUse.source()).isEqualTo("reserved");
    assertThat(privateUse.note()).isEqualTo("private-use address space (RFC 1918)");
    assertThat(countries(table, "2001:db8::1")).isEmpty();
    Placement mixed = table.placement(IpBlock.parse("198.51.100.0/23"));
    assertThat(mixed.countries()).containsExactly("FR");
    assertThat(mixed.source()).isEqualTo("IP table");
    assertThat(mixed.note()).isEqualTo("part of the block: documentation, TEST-NET-2 (RFC 5737)");
  }

  @Test
  void anAddressNoRowCoversIsNotPlaced() {
    RangeTable table = table("1.0.16.0,1.0.31.255,JP");
    Placement outside = table.placement(IpBlock.parse("1.0.32.0"));
    assertThat(outside.countries()).isEmpty();
    assertThat(outside.note()).isEqualTo("not in the IP table");
    assertThat(outside.label()).isEqualTo("IP table 2026-06");
    assertThat(table.placement(IpBlock.parse("1.0.0.0/18")).note()).isEqualTo("part of the block: not in the IP table");
    assertThat(countries(table, "::1:0:0")).isEmpty();
  }

  @Test
  void theEdgesOfTheAddressSpace() {
    RangeTable table = table("0.0.0.0,255.255.255.255,ZZ", "::,ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff,ZZ", "1.0.0.0,1.0.0.255,AU");
    assertThat(countries(table, "1.0.0.0")).containsExactly("AU");
    assertThat(countries(table, "0.255.255.255")).isEmpty(); // 0.0.0.0/8 is reserved
    assertThat(countries(table, "1.0.1.0")).containsExactly("ZZ");
    assertThat(countries(table, "223.255.255.255")).containsExactly("ZZ");
    assertThat(countries(table, "255.255.255.255")).isEmpty();
    assertThat(countries(table, "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).containsExactly("ZZ");
    assertThat(countries(table, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isEmpty();
    assertThat(countries(table, "8000::")).containsExactly("ZZ");
    assertThat(countries(table, "7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).containsExactly("ZZ");
  }

  @Test
  void adjacentRowsOfOneCountryAreOneRange() {
    RangeTable table = table("1.0.0.0,1.0.0.255,AU", "1.0.1.0,1.0.3.255,AU", "1.0.4.0,1.0.7.255,CN");
    // address 0 (not in the table), 0.0.0.0/8 reserved, the gap, AU, CN, then the gap and the other reserved ranges
    assertThat(table.floor4(0x01000000L)).isEqualTo(table.floor4(0x010003FFL));
    assertThat(countries(table, "1.0.0.0/22")).containsExactly("AU");
    assertThat(countries(table, "1.0.0.0/21")).containsExactly("AU", "CN");
  }

  @Test
  void aRowCanSpanTheLowAndHighHalvesOfAnIpv6Address() {
    RangeTable table = table("2001:db9::ffff:ffff:ffff:fff0,2001:db9:0:1::f,DE");
    assertThat(countries(table, "2001:db9::ffff:ffff:ffff:ffef")).isEmpty();
    assertThat(countries(table, "2001:db9::ffff:ffff:ffff:fff0")).containsExactly("DE");
    assertThat(countries(table, "2001:db9:0:1::")).containsExactly("DE");
    assertThat(countries(table, "2001:db9:0:1::f")).containsExactly("DE");
    assertThat(countries(table, "2001:db9:0:1::10")).isEmpty();
  }

  @Test
  void aBlockOverManyRangesNamesEveryCountryOfThem() {
    // 300 rows of /24 in 11.0.0.0/15, every third one left out, countries in turn: more ranges than one summarised chunk
    String[] codes = {"AT", "BE", "CZ", "DK", "EE", "FI", "GR"};
    java.util.List<String> list = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      if (i % 3 != 2) {
        list.add("11." + (i / 256) + "." + (i % 256) + ".0,11." + (i / 256) + "." + (i % 256) + ".255," + codes[i % codes.length]);
      }
    }
    RangeTable table = table(list.toArray(String[]::new));
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int n = 0; n < 500; n++) {
      int prefix = 16 + random.nextInt(8);
      int first = random.nextInt(512) & ~((1 << (24 - prefix)) - 1);
      int last = first + (1 << (24 - prefix)) - 1;
      java.util.Set<String> expected = new java.util.TreeSet<>();
      boolean gap = false;
      for (int i = first; i <= last; i++) {
        if (i < 300 && i % 3 != 2) {
          expected.add(codes[i % codes.length]);
        } else {
          gap = true;
        }
      }
      String block = "11." + (first / 256) + "." + (first % 256) + ".0/" + prefix;
      Placement placement = table.placement(IpBlock.parse(block));
      assertThat(placement.countries()).as(block).isEqualTo(expected);
      assertThat(placement.note()).as(block).isEqualTo(gap ? (expected.isEmpty() ? "" : "part of the block: ") + "not in the IP table" : null);
      assertThat(table.placement(IpBlock.parse(block))).as("asked again").isEqualTo(placement);
    }
  }
}
