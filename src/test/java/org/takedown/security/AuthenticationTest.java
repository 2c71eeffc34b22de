package org.takedown.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;

/** Nothing is reachable without signing in, except health, the login pages and Camunda's own login. */
@TakedownTest
class AuthenticationTest {

  @Autowired TestRestTemplate http;
  @Autowired ProcessDriver driver;

  @ParameterizedTest
  @ValueSource(strings = {"/api/operations", "/api/operations/OP-2026-0001", "/v3/api-docs", "/engine-rest/task",
      "/engine-rest/process-definition", "/engine-rest/user", "/engine-rest/engine"})
  void apiAndEngineRestNeedCredentials(String path) {
    ResponseEntity<String> response = http.getForEntity(path, String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");

    // A real user per path: five wrong passwords for one account from one client make that client wait (SignInThrottlingTest).
    String user = driver.user("wrong-password-" + Math.abs(path.hashCode()), "legal");
    assertThat(http.withBasicAuth(user, "wrong").getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("nobody-" + Math.abs(path.hashCode()), "demo").getForEntity(path, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void tipsAndEngineActionsNeedCredentials() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.postForEntity("/api/tips", new HttpEntity<>("{}", headers), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.exchange("/engine-rest/message", HttpMethod.POST,
        new HttpEntity<>("{\"messageName\":\"Msg_TipWithdrawn\"}", headers), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void signedInUsersReachTheApi() {
    assertThat(http.withBasicAuth("cora", "demo").getForEntity("/api/operations", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> engine = http.withBasicAuth("lena", "demo").getForEntity("/engine-rest/engine", String.class);
    assertThat(engine.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(engine.getBody()).contains("\"name\":\"default\"");
  }

  @Test
  void theApiIsDescribedAsOpenApiToSignedInUsers() {
    ResponseEntity<String> docs = http.withBasicAuth("vera", "demo").getForEntity("/v3/api-docs", String.class);
    assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(docs.getBody()).contains("\"openapi\"", "/api/tips", "/api/operations/{reference}/documents").doesNotContain("/partner/actions");
  }

  @Test
  void healthLoginAndCamundaLoginArePublic() {
    assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity("/login", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> tasklist = http.getForEntity("/camunda/app/tasklist/default/", String.class);
    assertThat(tasklist.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(tasklist.getBody()).contains("Tasklist");
    // Camunda's own API behind its login still refuses anonymous calls.
    ResponseEntity<String> webappApi = http.getForEntity("/camunda/api/engine/engine/default/task", String.class);
    assertThat(webappApi.getStatusCode()).as(webappApi.getBody()).isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
  }

  @Test
  void pagesRedirectToTheLoginAndResponsesCarrySecurityHeaders() {
    // The client follows the redirect to the sign-in page.
    ResponseEntity<String> page = http.getForEntity("/", String.class);
    assertThat(page.getBody()).contains("Please sign in");
    ResponseEntity<String> api = http.withBasicAuth("cora", "demo").getForEntity("/api/operations", String.class);
    assertThat(api.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(api.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
    assertThat(api.getHeaders().getFirst("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
    assertThat(api.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(api.getHeaders().getFirst("Cache-Control")).contains("no-store");
  }
}
