package org.takedown.tip;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.takedown.system.CountryCodes;

/**
 * The country a domain's top-level domain names, as a weak hint: a .de domain is often, not always, hosted in
 * Germany. Country-code TLDs that are sold as generic names (.io, .co, .tv, .me …) give no hint.
 */
final class CountryTlds {

  /** ccTLDs registered and marketed worldwide, whatever the country. */
  private static final Set<String> GENERIC = Set.of("ac", "ad", "ai", "am", "as", "bz", "cc", "cd", "cm", "co", "dj", "fm", "gg",
      "io", "je", "la", "ly", "me", "ms", "mu", "nu", "sh", "so", "st", "tk", "to", "tv", "vc", "ws");

  private CountryTlds() {}

  /** The country of a normalised domain's (or URL host's) ccTLD, if it is one and names a country. */
  static Optional<String> country(String host) {
    if (host == null) {
      return Optional.empty();
    }
    int dot = host.lastIndexOf('.');
    String tld = (dot < 0 ? host : host.substring(dot + 1)).toLowerCase(Locale.ROOT);
    if (tld.length() != 2 || GENERIC.contains(tld)) {
      return Optional.empty();
    }
    String code = "uk".equals(tld) ? "GB" : tld.toUpperCase(Locale.ROOT);
    return CountryCodes.isValid(code) ? Optional.of(code) : Optional.empty();
  }
}
