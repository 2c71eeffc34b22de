package org.takedown.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObservableNormaliserTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "ipv4-addr   | 198.51.100.1                     | 198.51.100.1",
      "ipv4-addr   | 010.000.001.009                  | 10.0.1.9",
      "ipv4-addr   | 198.51.100.77/24                 | 198.51.100.0/24",
      "ipv4-addr   | 198.51.100.1/32                  | 198.51.100.1",
      "ipv4-addr   | 10.0.0.0/8                       | 10.0.0.0/8",
      "ipv4-addr   | 1.2.3.4/0                        | 0.0.0.0/0",
      "ipv6-addr   | 2001:DB8:0:0::1                  | 2001:db8::1",
      "ipv6-addr   | 2001:0db8:0000:0000:0000:0000:0000:0001 | 2001:db8::1",
      "ipv6-addr   | 2001:db8:0:0:1:0:0:1             | 2001:db8::1:0:0:1",
      "ipv6-addr   | 2001:db8:0:1:1:1:1:1             | 2001:db8:0:1:1:1:1:1",
      "ipv6-addr   | 0:0:0:0:0:0:0:0                  | ::",
      "ipv6-addr   | ::1                              | ::1",
      "ipv6-addr   | 1::                              | 1::",
      "ipv6-addr   | 2001:db8:0:0:0:0:2:1             | 2001:db8::2:1",
      "ipv6-addr   | ::FFFF:198.51.100.1              | ::ffff:198.51.100.1",
      "ipv6-addr   | 64:ff9b::198.51.100.1            | 64:ff9b::c633:6401",
      "ipv6-addr   | 2001:0db8:dead:beef:0000:0000:0000:0001/64 | 2001:db8:dead:beef::/64",
      "ipv6-addr   | 2001:db8::1/128                  | 2001:db8::1",
      "domain-name | Login-Bank.Example.ORG.          | login-bank.example.org",
      "domain-name | bücher.example                   | xn--bcher-kva.example",
      "url         | HTTPS://Login-Bank.Example.org:443/Kit?Q=A#frag | https://login-bank.example.org/Kit?Q=A",
      "url         | http://example.com:80            | http://example.com/",
      "url         | http://example.com:8080/a        | http://example.com:8080/a",
      "url         | http://example.com?x=1           | http://example.com/?x=1",
      "url         | http://010.0.0.1/x               | http://10.0.0.1/x",
      "url         | http://[2001:DB8::0:1]:443/      | http://[2001:db8::1]:443/",
      "email-addr  | John.Doe@Example.COM             | John.Doe@example.com",
      "file-md5    | CEAD3F77F6CDA6EC00F57D76C9A6879F | cead3f77f6cda6ec00f57d76c9a6879f",
      "file-sha1   | 2FD4E1C67A2D28FCED849EE1BB76E7391B93EB12 | 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
      "file-sha256 | EF537F25C895BFA782526529A9B63D97AA631564D5D789C2B765448C8635FB6C | ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c",
      "dst-port    | 0443                             | 443",
      "email-subject | Conference Info                | Conference Info",
      "file-sha512 | ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB | abababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababab",
      // Serial numbers as OpenSSL prints them; a leading 00 (DER's sign byte) and single-digit bytes are read as the same number.
      "x509-serial | 4C:0B:1D:19:74:86:A7:66:B4:1A:BF:40:27:21:76:28 | 4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28",
      "x509-serial | 0e97881c6ca13796                 | 0e:97:88:1c:6c:a1:37:96",
      "x509-serial | 0x00E97881C                      | 0e:97:88:1c",
      "x509-serial | 00:e:97:88:1c                    | 0e:97:88:1c",
      "x509-serial | e 97 88 1c                       | 0e:97:88:1c",
      "x509-serial | 4c-0b-1d                         | 4c:0b:1d",
      "x509-issuer | CN=WEBMAIL                       | CN=webmail",
      "x509-issuer | cn = LM-68AB71FBD8F5             | CN=lm-68ab71fbd8f5",
      "x509-issuer | C=US,  O=Example   Trust,CN=Example CA | C=us, O=example trust, CN=example ca",
      "x509-issuer | /C=US/O=Example Trust/CN=Example CA   | C=us, O=example trust, CN=example ca",
      "x509-issuer | CN=Smith\\, John + UID=jsmith, O=\"A, B\" | CN=smith\\, john + UID=jsmith, O=\"a, b\"",
      "x509-issuer | 2.5.4.3=Example                  | 2.5.4.3=example",
      "asn         | AS64496                          | AS64496",
      "asn         | as 64496                         | AS64496",
      "asn         | 174                              | AS174",
      "asn         | 1.10                             | AS65546",
      "asn         | 4294967295                       | AS4294967295"})
  void normalisedForms(String type, String value, String normalised) {
    assertThat(ObservableType.of(type).orElseThrow().normalise(value)).isEqualTo(normalised);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "ipv4-addr   | 300.1.2.3        | must be an IPv4 address such as 198.51.100.1",
      "ipv4-addr   | 1.2.3            | must be an IPv4 address",
      "ipv4-addr   | 1.2.3.4/33       | must be an IPv4 CIDR block such as 198.51.100.0/24",
      "ipv6-addr   | 2001:db8::1::2   | must be an IPv6 address such as 2001:db8::1",
      "ipv6-addr   | 2001:db8:1:2:3:4:5:6:7 | must be an IPv6 address",
      "ipv6-addr   | 12345::1         | must be an IPv6 address",
      "ipv6-addr   | example.com      | must be an IPv6 address",
      "domain-name | -bad-.example    | must be a domain name such as example.com",
      "domain-name | localhost        | must be a domain name",
      "url         | example.com/path | must be an absolute URL such as http://example.com/path",
      "url         | http://exa mple.com/ | must be an absolute URL",
      "url         | http://example.com:99999/ | the port must be a number up to 65535",
      "email-addr  | nobody           | must be an email address such as someone@example.com",
      "file-md5    | abc              | must be an MD5 hash of 32 hexadecimal characters",
      "file-sha512 | 00               | must be a SHA-512 hash of 128 hexadecimal characters",
      "dst-port    | 70000            | must be a port number from 0 to 65535",
      "x509-serial | 4c:0g            | must be a certificate serial number in hexadecimal, such as 4c:0b:1d:19",
      "x509-serial | 4c0b:1d          | must be a certificate serial number in hexadecimal",
      "x509-issuer | WEBMAIL          | must be a distinguished name such as CN=Example CA, O=Example Ltd, C=DE",
      "x509-issuer | CN=              | must be a distinguished name",
      "x509-issuer | CN=\"open       | a quoted value is not closed",
      "asn         | AS-FOO           | must be an autonomous system number such as AS64496 or 64496",
      "asn         | 4294967296       | must be an autonomous system number from 0 to 4294967295",
      "asn         | 1.70000          | each part at most 65535"})
  void valuesThatDoNotFitTheirTypeSayWhatTheyShouldLookLike(String type, String value, String message) {
    assertThatThrownBy(() -> ObservableType.of(type).orElseThrow().normalise(value))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }
}
