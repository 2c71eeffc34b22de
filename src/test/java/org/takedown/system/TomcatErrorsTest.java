package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;

/**
 * Requests Tomcat refuses before the application sees them are answered in writing, in the form of the address
 * asked for, also when Tomcat could not read the request line at all.
 */
@TakedownTest
class TomcatErrorsTest {

  /** "é" sent as its two raw UTF-8 bytes, not percent-encoded (RawHttp writes each char as one byte). */
  private static final String RAW_E_ACUTE = "\u00c3\u00a9";

  @LocalServerPort int port;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aRawNonAsciiByteInTheAddressIsAnsweredInPlainWords() throws Exception {
    RawHttp.Reply api = raw().get("/api/operations/" + RAW_E_ACUTE, Map.of());
    assertThat(api.status()).isEqualTo(400);
    assertThat(api.header("Content-Type")).startsWith("application/problem+json");
    Map<?, ?> problem = json.readValue(api.body(), Map.class);
    assertThat(problem.get("title")).isEqualTo("Bad Request");
    assertThat(problem.get("status")).isEqualTo(400);
    assertThat((String) problem.get("detail")).contains("must be percent-encoded", "letter outside ASCII", "é as %C3%A9",
        "nothing was stored");
    assertClean(api.body());
  }

  @Test
  void underPartnerItIsAPlainPage() throws Exception {
    RawHttp.Reply page = raw().get("/partner/actions/" + RAW_E_ACUTE, Map.of());
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).contains("<h1>Bad Request</h1>", "must be percent-encoded");
    assertClean(page.body());
  }

  @Test
  void underTaxiiItIsATaxiiError() throws Exception {
    RawHttp.Reply taxii = raw().get("/taxii2/" + RAW_E_ACUTE + "/", Map.of());
    assertThat(taxii.status()).isEqualTo(400);
    assertThat(taxii.header("Content-Type")).startsWith("application/taxii+json;version=2.1");
    Map<?, ?> error = json.readValue(taxii.body(), Map.class);
    assertThat(error.get("title")).isEqualTo("Bad Request");
    assertThat(error.get("http_status")).isEqualTo("400");
    assertThat((String) error.get("description")).contains("must be percent-encoded");
    assertClean(taxii.body());
  }

  @Test
  void aRequestLineTooLongToReadIsProblemJson() throws Exception {
    // Beyond server.max-http-request-header-size (32 KB): no path is known, so the answer is problem+json.
    RawHttp.Reply tooLong = raw().get("/partner/actions/" + "t".repeat(40_000), Map.of());
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.header("Content-Type")).startsWith("application/problem+json");
    assertThat((String) json.readValue(tooLong.body(), Map.class).get("detail"))
        .contains("first line of the request", "longer than this server accepts");
    assertClean(tooLong.body());
  }

  @Test
  void connectIsNotImplementedRatherThanToBeTriedLater() throws Exception {
    RawHttp.Reply connect = raw().send("CONNECT", "/api/operations", Map.of(), null);
    assertThat(connect.status()).isEqualTo(501);
    assertThat(connect.header("Content-Type")).startsWith("application/problem+json");
    assertThat((String) json.readValue(connect.body(), Map.class).get("detail")).startsWith("This server does not do what the request asks "
        + "for: a CONNECT request").doesNotContain("Try again later");
  }

  @Test
  void theTargetIsReadFromTomcatsMessage() {
    assertThat(TomcatErrors.ProblemValve.unreadableTarget(new IllegalArgumentException(
        "Invalid character found in the request target [/partner/0xc30xa9 ]. The valid characters are defined in RFC 7230 and RFC 3986")))
        .isEqualTo("/partner/0xc30xa9");
    assertThat(TomcatErrors.ProblemValve.unreadableTarget(new IllegalArgumentException("Request header is too large"))).isNull();
    assertThat(TomcatErrors.ProblemValve.unreadableTarget(null)).isNull();
  }

  private RawHttp raw() {
    return new RawHttp(port, "127.0.0.1");
  }

  private static void assertClean(String body) {
    assertThat(body).doesNotContain("Tomcat", "Exception", "java.", "RFC 7230", "0xc3");
  }
}
