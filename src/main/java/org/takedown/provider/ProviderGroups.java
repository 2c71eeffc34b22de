package org.takedown.provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.takedown.routing.Asn;
import org.takedown.system.Hashes;
import org.takedown.tip.OperationIndicators.Routed;

/**
 * A country's indicators grouped by the provider a unit asks: an IP address by its autonomous system ("AS13335",
 * "Cloudflare, Inc."), an AS indicator by itself, a domain, URL or email address by the provider the vendor stated or a
 * coordinator set (key: the name in lower case, without punctuation, spaces collapsed). Where none is known: one group
 * "provider not identified" (key {@value #UNKNOWN}). File hashes, certificates and patterns are located at no provider,
 * so they are in no request. All in memory: one pass, whatever the number of indicators.
 */
final class ProviderGroups {

  static final String UNKNOWN = "unknown";
  static final String UNKNOWN_NAME = "provider not identified";
  /** The width of provider_request.provider_key. */
  static final int KEY_MAX = 64;

  private static final Set<String> ADDRESSES = Set.of("ipv4-addr", "ipv6-addr");
  private static final Set<String> HOSTED = Set.of("ipv4-addr", "ipv6-addr", "domain-name", "url", "email-addr", "asn");

  private ProviderGroups() {}

  /**
   * @param byAddress the system of an address or block, from the IP-to-ASN table
   * @param bySystem the organisation of an AS number, from the same table
   * @return the groups, most indicators first, "provider not identified" last
   */
  static List<ProviderRequests.Group> of(List<Routed> indicators, Function<String, Optional<Asn>> byAddress,
      LongFunction<Optional<Asn>> bySystem) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, List<Long>> ids = new LinkedHashMap<>();
    for (Routed indicator : indicators) {
      if (!HOSTED.contains(indicator.type())) {
        continue;
      }
      String key = null;
      String name = null;
      Optional<Asn> asn = Optional.empty();
      if (ADDRESSES.contains(indicator.type())) {
        asn = byAddress.apply(indicator.normalizedValue());
      } else if ("asn".equals(indicator.type())) {
        long number = number(indicator.normalizedValue());
        asn = number < 0 ? Optional.empty() : bySystem.apply(number).or(() -> Optional.of(new Asn(number, "AS" + number)));
      }
      if (asn.isPresent()) {
        key = asn.get().key();
        name = asn.get().organisation();
      } else if (indicator.provider() != null && !indicator.provider().isBlank()) {
        key = key(indicator.provider());
        name = indicator.provider().strip();
      }
      if (key == null || key.isEmpty()) {
        key = UNKNOWN;
        name = UNKNOWN_NAME;
      }
      names.putIfAbsent(key, name);
      ids.computeIfAbsent(key, k -> new ArrayList<>()).add(indicator.id());
    }
    List<ProviderRequests.Group> groups = new ArrayList<>();
    ids.forEach((key, list) -> groups.add(new ProviderRequests.Group(key, names.get(key), List.copyOf(list))));
    groups.sort(Comparator.comparing((ProviderRequests.Group g) -> g.providerKey().equals(UNKNOWN))
        .thenComparing(g -> -g.indicatorIds().size()).thenComparing(ProviderRequests.Group::providerKey));
    return groups;
  }

  /** "OVH SAS.", "ovh  sas" → "ovh sas"; a name longer than the column keeps its opening and a hash of the whole. */
  static String key(String provider) {
    String key = provider.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}&&[^&+-]]", " ").replaceAll("\\s+", " ").strip();
    if (key.startsWith("as") && key.substring(2).strip().matches("[0-9]{1,10}")) {
      return "AS" + key.substring(2).strip(); // a provider stated as its AS number
    }
    if (key.length() > KEY_MAX) {
      return key.substring(0, KEY_MAX - 9).strip() + "-" + Hashes.sha256(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 8);
    }
    return key;
  }

  private static long number(String normalized) {
    String digits = normalized.regionMatches(true, 0, "AS", 0, 2) ? normalized.substring(2) : normalized;
    try {
      return Long.parseLong(digits.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
