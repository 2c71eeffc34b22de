package org.takedown.security.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.takedown.ProcessDriver;

/**
 * Bearer tokens of the identity provider on /api and /engine-rest: the groups the token's claim gives (mapped in
 * configuration) are the caller's, for the product's policy and the engine's authorisations alike; a token that has
 * expired, is signed by another key or comes from another issuer is refused with 401 in plain words, and recorded.
 */
@SsoTest
class BearerTokenTest {

  @Autowired TestRestTemplate http;
  @Autowired ProcessDriver driver;

  @Test
  void aCoordinatorsTokenReadsTheApiAndWorksOnTheEngine() {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    String token = IdentityProvider.token("carla", List.of("idp-staff", "idp-unmapped"), 3600);

    ResponseEntity<String> operations = get("/api/operations", token);
    assertThat(operations.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(operations.getBody()).contains(ref);

    ResponseEntity<String> tasks = get("/engine-rest/task?processInstanceBusinessKey=" + ref, token);
    assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(tasks.getBody()).contains("\"taskDefinitionKey\":\"Task_TriageTip\"");

    // The engine knows who acted: a legal officer's token may not decide a coordinator's task.
    String triage = driver.task(ref, "Task_TriageTip").getId();
    ResponseEntity<String> refused = complete(triage, IdentityProvider.token("lucia", List.of("idp-legal"), 3600));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getBody()).contains("lucia");
    // Claimed as Tasklist claims: carla is in no engine table, her token's groups are what count.
    assertThat(post("/engine-rest/task/" + triage + "/claim", "{\"userId\":\"carla\"}", token).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(driver.task(ref, "Task_TriageTip").getAssignee()).isEqualTo("carla");
    ResponseEntity<String> forOther = post("/engine-rest/task/" + triage + "/assignee", "{\"userId\":\"lena\"}", token);
    assertThat(forOther.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(forOther.getBody()).contains("'lena' is not in a group this task is for (coordinators)");
    assertThat(complete(triage, token).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void onlyMappedGroupsCount() {
    // With a mapping configured, a value that happens to be a product group's name is not mapped, so it gives nothing.
    ResponseEntity<String> unmapped = get("/api/operations", IdentityProvider.token("mallory", List.of("coordinators", "staff"), 3600));
    assertThat(unmapped.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(unmapped.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(unmapped.getBody()).contains("Your identity provider names none of Takedown's groups for you");

    // A vendor organisation's analyst: the product's API, not the engine's.
    String vendor = IdentityProvider.token("ana", List.of("idp-aegis-analysts"), 3600);
    assertThat(get("/api/operations", vendor).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("/engine-rest/task", vendor).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // TAXII signs in like the API.
    HttpHeaders taxii = new HttpHeaders();
    taxii.setBearerAuth(vendor);
    taxii.set(HttpHeaders.ACCEPT, "application/taxii+json;version=2.1");
    ResponseEntity<String> discovery = http.exchange("/taxii2/", HttpMethod.GET, new HttpEntity<>(taxii), String.class);
    assertThat(discovery.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(discovery.getBody()).contains("Takedown TAXII 2.1 server");
  }

  @Test
  void anExpiredTokenIsRefusedInPlainWords() {
    ResponseEntity<String> refused = get("/api/operations", IdentityProvider.expiredToken("carla-expired", List.of("idp-staff")));
    assertRefused(refused, "The bearer token has expired: get a new one from your identity provider and send it again.");
    assertRefused(get("/engine-rest/task", IdentityProvider.expiredToken("carla-expired", List.of("idp-staff"))),
        "The bearer token has expired");

    ResponseEntity<String> audit = http.withBasicAuth("admin", "demo").getForEntity("/api/admin/audit?actor=carla-expired", String.class);
    assertThat(audit.getBody()).contains("SIGN-IN FAILED from 127.0.0.1: The bearer token has expired", "api-bearer", "engine-bearer");
  }

  @Test
  void aTokenSignedByAnotherKeyIsRefused() throws Exception {
    SignedJWT genuine = SignedJWT.parse(IdentityProvider.token("carla", List.of("idp-staff"), 3600));
    // Same issuer, same key id, same claims: only the key that signed it differs.
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(genuine.getHeader().getKeyID())
        .type(JOSEObjectType.JWT).build(), genuine.getJWTClaimsSet());
    forged.sign(new RSASSASigner(new RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate()));
    assertRefused(get("/api/operations", forged.serialize()),
        "The bearer token's signature does not match the identity provider's keys: it was not issued by it, or was changed.");
  }

  @Test
  void aTokenOfAnotherIssuerIsRefused() {
    // Signed with the provider's own key, but naming another issuer.
    String token = IdentityProvider.signed(Map.of("iss", "https://login.elsewhere.example/", "sub", "carla-id",
        "aud", IdentityProvider.CLIENT_ID, "preferred_username", "carla", "groups", List.of("idp-staff")));
    assertRefused(get("/api/operations", token),
        "The bearer token comes from an identity provider this product does not trust: get one from the identity provider it is configured with.");
  }

  @Test
  void refusedTokensAreThrottledLikeWrongPasswords() {
    String expired = IdentityProvider.expiredToken("throttled-token", List.of("idp-staff"));
    for (int i = 0; i < 5; i++) {
      assertThat(get("/api/operations", expired).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    ResponseEntity<String> waiting = get("/api/operations", IdentityProvider.token("throttled-token", List.of("idp-staff"), 3600));
    assertThat(waiting.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(waiting.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotNull();
    assertThat(waiting.getBody()).contains("Too many failed sign-ins for this account from your address.");
    // Only that account from this address waits: other users' tokens, and passwords, work.
    assertThat(get("/api/operations", IdentityProvider.token("carla", List.of("idp-staff"), 3600)).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void passwordsAndTheBasicChallengeStay() {
    assertThat(http.withBasicAuth("cora", "demo").getForEntity("/api/operations", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.withBasicAuth("lena", "demo").getForEntity("/engine-rest/engine", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> anonymous = http.getForEntity("/api/operations", String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
  }

  private ResponseEntity<String> get(String path, String token) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBearerAuth(token);
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  private ResponseEntity<String> post(String path, String json, String token) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBearerAuth(token);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(json, headers), String.class);
  }

  private ResponseEntity<String> complete(String taskId, String token) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBearerAuth(token);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange("/engine-rest/task/" + taskId + "/complete", HttpMethod.POST,
        new HttpEntity<>("{\"variables\":{\"triageDecision\":{\"value\":\"REJECT\"}}}", headers), String.class);
  }

  private static void assertRefused(ResponseEntity<String> response, String detail) {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
    assertThat(response.getBody()).contains("\"status\":401", detail).doesNotContain("Jwt", "iss claim", "Exception");
  }
}
