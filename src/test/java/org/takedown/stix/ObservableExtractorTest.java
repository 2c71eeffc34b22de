package org.takedown.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.takedown.stix.ObservableExtractor.Extraction;

class ObservableExtractorTest {

  private static List<Observable> observables(String pattern) {
    return PatternParser.parse(pattern).observables();
  }

  @Test
  void compoundPatternsAreSplitIntoTheirValuesWhateverCombinesThem() {
    assertThat(observables("""
        ([ipv4-addr:value = '198.51.100.1' OR ipv6-addr:value = '2001:DB8::0:1'] AND [domain-name:value = 'Evil.Example.COM.'])
         FOLLOWEDBY [url:value = 'HTTP://evil.example.com:80/gate.php'] WITHIN 600 SECONDS
         OR [email-addr:value = 'Ops@Evil.example.com'] REPEATS 3 TIMES START t'2026-01-01T00:00:00Z' STOP t'2026-02-01T00:00:00Z'"""))
        .extracting(Observable::type, Observable::value, Observable::normalizedValue)
        .containsExactly(
            tuple("ipv4-addr", "198.51.100.1", "198.51.100.1"),
            tuple("ipv6-addr", "2001:DB8::0:1", "2001:db8::1"),
            tuple("domain-name", "Evil.Example.COM.", "evil.example.com"),
            tuple("url", "HTTP://evil.example.com:80/gate.php", "http://evil.example.com/gate.php"),
            tuple("email-addr", "Ops@Evil.example.com", "Ops@evil.example.com"));
  }

  @Test
  void fileHashesWithTheirType() {
    assertThat(observables("""
        [file:hashes.MD5 = 'CEAD3F77F6CDA6EC00F57D76C9A6879F' OR file:hashes.'SHA-1' = '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12'
         OR file:hashes.'SHA-256' = 'ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c'
         OR file:hashes.'SHA-512' = '%s'
         OR artifact:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f'
         OR email-message:body_multipart[*].body_raw_ref.hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'
         OR x509-certificate:hashes.'SHA-256' = 'ab']""".formatted("F".repeat(128))))
        .extracting(Observable::type, Observable::normalizedValue)
        .containsExactly(
            tuple("file-md5", "cead3f77f6cda6ec00f57d76c9a6879f"),
            tuple("file-sha1", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"),
            tuple("file-sha256", "ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c"),
            tuple("file-sha512", "f".repeat(128)),
            tuple("file-sha256", "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f"),
            tuple("file-md5", "79054025255fb1a26e4bc422aef54eb4"));
  }

  @Test
  void emailSenderAndSubjectAndNetworkDestinations() {
    assertThat(observables("""
        [email-message:from_ref.value = 'CEO@Example.com' AND email-message:sender_ref.value = 'relay@example.net'
         AND email-message:subject = 'Invoice 2026-11'] AND
        [network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32' AND network-traffic:dst_port = 8443]
        OR [network-traffic:dst_ref.value IN ('c2.example.org', '2001:db8::7')]
        OR [network-traffic:dst_ref.value ISSUBSET '198.51.100.0/24']"""))
        .extracting(Observable::type, Observable::normalizedValue)
        .containsExactly(
            tuple("email-addr", "CEO@example.com"),
            tuple("email-addr", "relay@example.net"),
            tuple("email-subject", "Invoice 2026-11"),
            tuple("ipv4-addr", "203.0.113.33"),
            tuple("dst-port", "8443"),
            tuple("domain-name", "c2.example.org"),
            tuple("ipv6-addr", "2001:db8::7"),
            tuple("ipv4-addr", "198.51.100.0/24"));
  }

  @Test
  void cidrBlocksThroughEqualsAndIssubset() {
    assertThat(observables("[ipv4-addr:value ISSUBSET '198.51.100.0/24'] OR [ipv6-addr:value = '2001:0db8:dead:beef::/64']"))
        .extracting(Observable::type, Observable::normalizedValue)
        .containsExactly(tuple("ipv4-addr", "198.51.100.0/24"), tuple("ipv6-addr", "2001:db8:dead:beef::/64"));
  }

  @Test
  void onlyWhatTheComparisonAssertsCountsAndLikeOrMatchesAreLoose() {
    List<Observable> found = observables("""
        [ipv4-addr:value != '10.0.0.1' AND ipv4-addr:value NOT = '10.0.0.2' AND domain-name:value NOT IN ('a.example')
         AND ipv4-addr:value ISSUPERSET '10.0.0.0/8' AND EXISTS url:value AND network-traffic:dst_port > 1024
         AND email-message:subject MATCHES '^\\\\[IMPORTANT\\\\]' AND url:value LIKE 'http://%.example.com/%']""");

    assertThat(found).extracting(Observable::type, Observable::value, Observable::exact, Observable::normalizedValue)
        .containsExactly(tuple("email-subject", "^\\[IMPORTANT\\]", false, null), tuple("url", "http://%.example.com/%", false, null));
  }

  @Test
  void valuesThatDoNotFitTheirTypeAreWarnedAboutNotDroppedSilently() {
    Extraction e = ObservableExtractor.fromPattern(PatternParser.parse(
        "[ipv4-addr:value = '300.1.2.3' OR ipv4-addr:value = '198.51.100.9' OR ipv4-addr:value = '198.51.100.9']"));

    assertThat(e.observables()).extracting(Observable::normalizedValue).containsExactly("198.51.100.9");
    assertThat(e.warnings()).containsExactly("'300.1.2.3' in ipv4-addr:value was left out: it must be an IPv4 address such as 198.51.100.1");
  }

  @Test
  void cyberObservableObjectsGiveTheirValues() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode objects = json.readTree("""
        {"0": {"type": "email-message", "from_ref": "1", "subject": "Your parcel", "is_multipart": false},
         "1": {"type": "email-addr", "value": "Parcel@Example.net"},
         "2": {"type": "network-traffic", "dst_ref": "3", "dst_port": 443, "protocols": ["tcp"]},
         "3": {"type": "ipv6-addr", "value": "2001:db8:0:0:0:0:0:5"},
         "4": {"type": "file", "hashes": {"SHA-256": "EF537F25C895BFA782526529A9B63D97AA631564D5D789C2B765448C8635FB6C", "ssdeep": "x"}}}""");

    assertThat(ObservableExtractor.fromObject(objects.get("0"), objects::get).observables())
        .extracting(Observable::type, Observable::normalizedValue)
        .containsExactly(tuple("email-addr", "Parcel@example.net"), tuple("email-subject", "Your parcel"));
    assertThat(ObservableExtractor.fromObject(objects.get("2"), objects::get).observables())
        .extracting(Observable::type, Observable::normalizedValue)
        .containsExactly(tuple("ipv6-addr", "2001:db8::5"), tuple("dst-port", "443"));
    assertThat(ObservableExtractor.fromObject(objects.get("4"), objects::get).observables())
        .extracting(Observable::type, Observable::normalizedValue)
        .containsExactly(tuple("file-sha256", "ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c"));
  }

  @Test
  void patternsBuiltForAnObservableParseBackToIt() {
    for (ObservableType type : ObservableType.values()) {
      String value = switch (type) {
        case IPV4 -> "198.51.100.0/24";
        case IPV6 -> "2001:db8::1";
        case DOMAIN -> "example.com";
        case URL -> "http://example.com/a?b='c'";
        case EMAIL -> "a@example.com";
        case EMAIL_SUBJECT -> "it's \\ urgent";
        case MD5 -> "a".repeat(32);
        case SHA1 -> "b".repeat(40);
        case SHA256 -> "c".repeat(64);
        case SHA512 -> "d".repeat(128);
        case DST_PORT -> "443";
        case X509_SERIAL -> "4c:0b:1d:19:74:86:a7:66";
        case X509_ISSUER -> "CN=WEBMAIL, O=Let's \\, go";
        case ASN -> "64496";
      };
      assertThat(observables(type.pattern(value))).as(type.pattern(value))
          .extracting(Observable::type, Observable::value).containsExactly(tuple(type.id(), value));
    }
  }

  @Test
  void certificatesAndAutonomousSystemsHaveTypesOfTheirOwn() {
    // The OASIS APT1 report's certificate indicator: issuer AND serial of one certificate, both values taken.
    Extraction apt1 = ObservableExtractor.fromPattern(PatternParser.parse(
        "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']"));
    assertThat(apt1.observables()).extracting(Observable::type, Observable::normalizedValue).containsExactly(
        tuple("x509-issuer", "CN=webmail"), tuple("x509-serial", "4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28"));
    assertThat(apt1.complete()).as("its values say all it says").isTrue();

    // autonomous-system:number is an integer in STIX; MISP writes it as text.
    assertThat(observables("[autonomous-system:number = 64496] OR [autonomous-system:number = '174']"))
        .extracting(Observable::type, Observable::normalizedValue).containsExactly(tuple("asn", "AS64496"), tuple("asn", "AS174"));
  }

  @Test
  void comparisonsThatGiveNoExactValueAreListedSoThePatternIsKeptWhole() {
    Extraction e = ObservableExtractor.fromPattern(PatternParser.parse(
        "[file:name = 'CBricksDoc' AND file:hashes.MD5 = '001dd76872d80801692ff942308c64e6'] OR [email-message:subject MATCHES '^Invoice']"
            + " OR [ipv4-addr:value != '198.51.100.1'] OR [x509-certificate:hashes.'SHA-256' = '" + "ab".repeat(32) + "']"));

    assertThat(e.observables()).extracting(Observable::type, Observable::exact)
        .containsExactly(tuple("file-md5", true), tuple("email-subject", false));
    assertThat(e.unmapped()).containsExactly("file:name = 'CBricksDoc'", "email-message:subject MATCHES '^Invoice'",
        "ipv4-addr:value != '198.51.100.1'", "x509-certificate:hashes.'SHA-256' = '" + "ab".repeat(32) + "'");
    assertThat(e.complete()).isFalse();
    assertThat(ObservableExtractor.fromPattern(PatternParser.parse("[ipv4-addr:value = '300.1.2.3']")).complete())
        .as("a value that does not fit its type is a warning, not a part to keep").isTrue();
  }

  @Test
  void cyberObservablesOfCertificatesAndAutonomousSystems() throws Exception {
    JsonNode objects = new ObjectMapper().readTree("""
        {"0": {"type": "x509-certificate", "issuer": "C=ZA, O=Thawte, CN=Thawte Server CA", "serial_number": "0E:97:88:1C",
               "hashes": {"SHA-256": "%s"}},
         "1": {"type": "autonomous-system", "number": 15139, "name": "Slime Industries"}}""".formatted("ab".repeat(32)));

    assertThat(ObservableExtractor.fromObject(objects.get("0"), objects::get).observables())
        .as("a certificate's fingerprint is no file hash").extracting(Observable::type, Observable::normalizedValue)
        .containsExactly(tuple("x509-serial", "0e:97:88:1c"), tuple("x509-issuer", "C=za, O=thawte, CN=thawte server ca"));
    assertThat(ObservableExtractor.fromObject(objects.get("1"), objects::get).observables())
        .extracting(Observable::type, Observable::normalizedValue).containsExactly(tuple("asn", "AS15139"));
  }
}
