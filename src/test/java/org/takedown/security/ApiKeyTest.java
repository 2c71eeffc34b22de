package org.takedown.security;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.system.Hashes;
import org.takedown.TakedownTest;

/** A vendor's API key, from creation by an admin to revocation, as HTTP clients see it. */
@TakedownTest
class ApiKeyTest {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;

  private ResponseEntity<Map> withKey(String key, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Api-Key", key);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, method, new HttpEntity<>(body, headers), Map.class);
  }

  @Test
  void keyWorksOnceCreatedIsStoredHashedAndFailsAfterRevocation() {
    TestRestTemplate admin = http.withBasicAuth("admin", "demo");
    ResponseEntity<Map> created = admin.postForEntity("/api/admin/api-keys", Map.of("vendor", "vera", "label", "SOC intake"), Map.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String key = (String) created.getBody().get("apiKey");
    Map<?, ?> view = (Map<?, ?>) created.getBody().get("key");
    assertThat(key).startsWith("tdk_" + view.get("prefix") + "_").hasSizeGreaterThan(50);

    // Never stored or listed in plain text.
    Map<String, Object> row = jdbc.queryForMap("select * from api_key where prefix = ?", view.get("prefix"));
    assertThat(row.values()).extracting(String::valueOf).noneMatch(value -> value.contains(key.substring(16)));
    assertThat(row.get("KEY_SHA256")).isEqualTo(Hashes.sha256(key)).isNotEqualTo(key);
    assertThat(admin.getForObject("/api/admin/api-keys", String.class)).doesNotContain(key.substring(16));

    ResponseEntity<Map> tip = withKey(key, HttpMethod.POST, "/api/tips",
        Map.of("title", "Phishing kit", "tlp", "TLP:AMBER", "countries", List.of("NL"),
            "indicators", List.of(Map.of("type", "domain-name", "value", "kit.example.net"))));
    assertThat(tip.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String operation = tip.getHeaders().getLocation().toString();
    ResponseEntity<Map> read = withKey(key, HttpMethod.GET, operation, null);
    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(view.get("organisation")).as("a key named by a member's user name is its organisation's").isEqualTo("aegis");
    assertThat(view.get("organisationName")).isEqualTo("Aegis Threat Research");
    assertThat(read.getBody().get("vendor")).isEqualTo("Aegis Threat Research");
    assertThat(read.getBody().get("tips").toString()).as("the key submitted it, not a person")
        .contains("submitter=apikey-" + view.get("prefix")).doesNotContain("submitter=vera");

    // Scoped to what a vendor does: no administration, no engine.
    assertThat(withKey(key, HttpMethod.GET, "/api/admin/api-keys", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(withKey(key, HttpMethod.GET, "/engine-rest/task", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    ResponseEntity<Map> revoked = admin.exchange("/api/admin/api-keys/" + view.get("id"), HttpMethod.DELETE, null, Map.class);
    assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(revoked.getBody().get("active")).isEqualTo(false);
    assertThat(revoked.getBody().get("revokedBy")).isEqualTo("admin");
    ResponseEntity<Map> afterRevocation = withKey(key, HttpMethod.GET, operation, null);
    assertThat(afterRevocation.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(afterRevocation.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
  }

  @Test
  void forgedKeysAndKeysForNonVendorsAreRefused() {
    TestRestTemplate admin = http.withBasicAuth("admin", "demo");
    String key = (String) admin.postForEntity("/api/admin/api-keys", Map.of("vendor", "vera", "label", "x"), Map.class)
        .getBody().get("apiKey");
    String forged = key.substring(0, key.length() - 4) + "AAAA";
    assertThat(withKey(forged, HttpMethod.GET, "/api/operations", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(withKey("not-a-key", HttpMethod.GET, "/api/operations", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    ResponseEntity<Map> forCoordinator = admin.postForEntity("/api/admin/api-keys", Map.of("vendor", "cora", "label", "x"), Map.class);
    assertThat(forCoordinator.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(forCoordinator.getBody().toString()).contains("field=vendor", "'cora' is not a vendor organisation");
    ResponseEntity<Map> unknown = admin.postForEntity("/api/admin/api-keys", Map.of("organisation", "nobody-here", "label", "x"), Map.class);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknown.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(unknown.getBody().toString()).contains("field=organisation", "'nobody-here' is not a vendor organisation");
    assertThat(http.withBasicAuth("cora", "demo").postForEntity("/api/admin/api-keys", Map.of("vendor", "vera", "label", "x"), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }
}
