package org.takedown.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.takedown.routing.Asn;
import org.takedown.tip.OperationIndicators.Routed;

/** Grouping by provider, without a database: names and keys, the group of the unknown, and 30,000 indicators in one pass. */
class ProviderGroupsTest {

  static Optional<Asn> asn(String address) {
    return address.startsWith("10.") ? Optional.of(new Asn(64500, "Example Hosting")) : address.startsWith("11.")
        ? Optional.of(new Asn(64501, "Other Net")) : Optional.empty();
  }

  @Test
  void keysAreNamesWithoutCaseOrPunctuation() {
    assertThat(ProviderGroups.key("Namecheap, Inc.")).isEqualTo("namecheap inc");
    assertThat(ProviderGroups.key("  NAMECHEAP   Inc ")).isEqualTo("namecheap inc");
    assertThat(ProviderGroups.key("1&1 IONOS SE")).isEqualTo("1&1 ionos se");
    assertThat(ProviderGroups.key("as 13335")).isEqualTo("AS13335");
    assertThat(ProviderGroups.key("x".repeat(200))).hasSize(64).startsWith("xxxx");
  }

  @Test
  void thirtyThousandIndicatorsAtTwoProvidersAndNone() {
    List<Routed> routed = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      String address = (i % 3 == 0 ? "10." : i % 3 == 1 ? "11." : "12.") + (i / 65536) + "." + (i / 256 % 256) + "." + (i % 256);
      routed.add(new Routed(i, "ipv4-addr", address, address, null));
    }
    routed.add(new Routed(30_000, "domain-name", "a.example", "a.example", "Example Hosting"));
    routed.add(new Routed(30_001, "file-sha256", "ab", "ab", null));
    routed.add(new Routed(30_002, "asn", "AS64501", "AS64501", null));
    List<ProviderRequests.Group> groups = ProviderGroups.of(routed, ProviderGroupsTest::asn,
        number -> number == 64501 ? Optional.of(new Asn(64501, "Other Net")) : Optional.empty());
    assertThat(groups).extracting(g -> g.providerKey() + " " + g.providerName() + " " + g.indicatorIds().size())
        .containsExactly("AS64501 Other Net 10001", "AS64500 Example Hosting 10000", "example hosting Example Hosting 1",
            "unknown provider not identified 10000");
  }
}
