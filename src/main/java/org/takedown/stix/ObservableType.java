package org.takedown.stix;

import java.util.Arrays;
import java.util.Optional;

/**
 * The observable types STIX intake extracts. The ids are those of the simple tip's indicator types
 * (tip.IndicatorType: ipv4-addr … file-sha512, x509-serial, x509-issuer, asn), plus the ones only STIX
 * carries: email-subject and dst-port (a network-traffic destination port), which are no indicator on their own.
 */
public enum ObservableType {
  IPV4("ipv4-addr", "ipv4-addr:value"),
  IPV6("ipv6-addr", "ipv6-addr:value"),
  DOMAIN("domain-name", "domain-name:value"),
  URL("url", "url:value"),
  EMAIL("email-addr", "email-addr:value"),
  EMAIL_SUBJECT("email-subject", "email-message:subject"),
  MD5("file-md5", "file:hashes.MD5"),
  SHA1("file-sha1", "file:hashes.'SHA-1'"),
  SHA256("file-sha256", "file:hashes.'SHA-256'"),
  SHA512("file-sha512", "file:hashes.'SHA-512'"),
  DST_PORT("dst-port", "network-traffic:dst_port"),
  /** A TLS certificate's serial number, as hexadecimal bytes (OpenSSL's 4c:0b:1d:…). */
  X509_SERIAL("x509-serial", "x509-certificate:serial_number"),
  /** A TLS certificate's issuer, as a distinguished name (CN=WEBMAIL, O=…). */
  X509_ISSUER("x509-issuer", "x509-certificate:issuer"),
  /** An autonomous system (the network of a hosting provider), AS64496. */
  ASN("asn", "autonomous-system:number");

  private final String id;
  private final String path;

  ObservableType(String id, String path) {
    this.id = id;
    this.path = path;
  }

  public String id() {
    return id;
  }

  /** The STIX object path that holds this observable, as written in a pattern. */
  public String path() {
    return path;
  }

  /** The normalised value for correlation; throws {@link IllegalArgumentException} saying what it should look like. */
  public String normalise(String value) {
    return ObservableNormaliser.normalise(this, value);
  }

  /** A one-observation STIX pattern stating this value, e.g. [ipv4-addr:value = '198.51.100.1']. */
  public String pattern(String value) {
    String literal = this == DST_PORT ? value.trim()
        : this == ASN ? normalise(value).substring(2) // autonomous-system:number is an integer
        : "'" + StixPattern.StringValue.escape(value) + "'";
    return "[" + path + " = " + literal + "]";
  }

  public static Optional<ObservableType> of(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equalsIgnoreCase(id == null ? "" : id.trim())).findFirst();
  }

  /** The hash type for a STIX hash algorithm name (MD5, SHA-1, SHA-256, SHA-512; also without the hyphen). */
  public static Optional<ObservableType> ofHash(String algorithm) {
    String a = algorithm == null ? "" : algorithm.trim().toUpperCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
    return Optional.ofNullable(switch (a) {
      case "MD5" -> MD5;
      case "SHA1" -> SHA1;
      case "SHA256" -> SHA256;
      case "SHA512" -> SHA512;
      default -> null;
    });
  }
}
