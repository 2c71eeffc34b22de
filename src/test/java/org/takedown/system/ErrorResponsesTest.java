package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;

/**
 * The /error dispatch and the firewall answer for the address the client asked for, not for /error: its form (a page
 * under /partner, a TAXII error under /taxii2, problem+json elsewhere) and the problem's instance.
 */
@TakedownTest
class ErrorResponsesTest {

  @LocalServerPort int port;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void traceUnderPartnerIsAPlainPage() throws Exception {
    // Tomcat refuses TRACE itself; its 405 reaches the firewall in the error dispatch, addressed to /error.
    RawHttp.Reply page = raw().send("TRACE", "/partner/actions/abc", Map.of(), null);
    assertThat(page.status()).isEqualTo(405);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.header("Allow")).isEqualTo("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    assertThat(page.body()).contains("<h1>Method Not Allowed</h1>", "This server does not take TRACE requests")
        .doesNotContain("Tomcat", "Exception", "{");
    // As an unknown method already was.
    RawHttp.Reply foo = raw().send("FOO", "/partner/actions/abc", Map.of(), null);
    assertThat(foo.status()).isEqualTo(405);
    assertThat(foo.header("Content-Type")).startsWith("text/html");
    assertThat(foo.body()).contains("This server does not take FOO requests");
  }

  @Test
  void traceUnderTaxiiIsATaxiiError() throws Exception {
    RawHttp.Reply taxii = raw().send("TRACE", "/taxii2/", Map.of(), null);
    assertThat(taxii.status()).isEqualTo(405);
    assertThat(taxii.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
    Map<?, ?> error = json.readValue(taxii.body(), Map.class);
    assertThat(error.get("title")).isEqualTo("Method Not Allowed");
    assertThat(error.get("http_status")).isEqualTo("405");
    assertThat((String) error.get("description")).startsWith("This server does not take TRACE requests");
  }

  @Test
  void traceElsewhereIsProblemJsonForItsAddress() throws Exception {
    RawHttp.Reply api = raw().send("TRACE", "/api/operations", Map.of(), null);
    assertThat(api.status()).isEqualTo(405);
    assertThat(api.header("Content-Type")).startsWith("application/problem+json");
    Map<?, ?> problem = json.readValue(api.body(), Map.class);
    assertThat(problem.get("detail").toString()).startsWith("This server does not take TRACE requests");
    assertThat(problem.get("instance")).isEqualTo("/api/operations");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRefusedQueryParameterNamesTheAddressAskedFor() throws Exception {
    RawHttp.Reply twice = raw().get("/api/operations?x=1&x=2", Map.of("Authorization", RawHttp.basic("cora", "demo")));
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.header("Content-Type")).startsWith("application/problem+json");
    Map<?, ?> problem = json.readValue(twice.body(), Map.class);
    assertThat(problem.get("title")).isEqualTo("Invalid input");
    assertThat(problem.get("instance")).isEqualTo("/api/operations");
    assertThat((List<Object>) problem.get("errors")).containsExactly(Map.of("field", "x", "message", "is given more than once; send each field once"));
  }

  @Test
  void everyProblemOfTheErrorDispatchCarriesTheOriginalAddress() throws Exception {
    Map<String, String> cora = Map.of("Authorization", RawHttp.basic("cora", "demo"));
    // The firewall's refusal (sendError, answered in the error dispatch).
    RawHttp.Reply firewall = raw().get("/api/operations;x=1", cora);
    assertThat(firewall.status()).isEqualTo(400);
    assertThat(firewall.header("Content-Type")).startsWith("application/problem+json");
    Map<?, ?> refused = json.readValue(firewall.body(), Map.class);
    assertThat(refused.get("detail").toString()).startsWith("The address of the request is not allowed");
    assertThat(refused.get("instance")).isEqualTo("/api/operations;x=1");

    // Spring Security's own answers name no address at all, never /error.
    for (RawHttp.Reply security : List.of(raw().get("/api/operations", Map.of()),
        raw().get("/api/admin/api-keys", Map.of("Authorization", RawHttp.basic("vera", "demo"))))) {
      assertThat(security.status()).isIn(401, 403);
      assertThat(security.header("Content-Type")).startsWith("application/problem+json");
      assertThat(security.body()).doesNotContain("/error");
    }
  }

  private RawHttp raw() {
    return new RawHttp(port, "127.0.0.1");
  }
}
