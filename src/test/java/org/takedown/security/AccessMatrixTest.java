package org.takedown.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;

/**
 * Every /api endpoint and a sample of /engine-rest, for every kind of caller, with the status each
 * must get. One row per endpoint; the columns are the callers, in the order of {@link #CALLERS}.
 */
@TakedownTest
class AccessMatrixTest {

  static final List<String> CALLERS = List.of("anonymous", "cora", "lena", "vera", "admin", "unit", "victor", "apiKey", "revokedKey");

  @Autowired TestRestTemplate http;
  @Autowired ProcessDriver driver;
  @Autowired ApiKeyService keys;

  private final Map<String, String> apiKeys = new LinkedHashMap<>();

  record Row(HttpMethod method, String path, String body, int... expected) {}

  @TestFactory
  Stream<DynamicTest> everyCallerOnEveryEndpoint() {
    driver.user("victor", "vendors");
    String unit = driver.officer("DE");
    // vera's AMBER operation at triage: DE is proposed but not asked, so the German unit may not see it.
    String amber = driver.submit(tip("TLP:AMBER", list("DE")));
    // vera's operation that has already ended, so that withdrawal changes nothing for any caller.
    String ended = driver.submit(tip("TLP:AMBER", list("DE")));
    driver.complete("cora", ended, "Task_TriageTip", vars("triageDecision", "REJECT"));
    apiKeys.put("apiKey", keys.create("aegis", "matrix", "admin").secret());
    var revoked = keys.create("aegis", "matrix, revoked", "admin");
    keys.revoke(revoked.key().getId(), "admin");
    apiKeys.put("revokedKey", revoked.secret());
    String tipBody = "{\"title\":\"matrix\",\"tlp\":\"TLP:GREEN\",\"countries\":[\"SE\"],"
        + "\"indicators\":[{\"type\":\"ipv4-addr\",\"value\":\"198.51.100.7\"}]}";

    List<Row> rows = List.of(
        //                                                                         anon cora lena vera admin unit victor key revoked
        new Row(HttpMethod.GET, "/api/operations", null,                            401, 200, 200, 200, 200, 200, 200, 200, 401),
        new Row(HttpMethod.GET, "/api/operations/" + amber, null,                   401, 200, 200, 200, 200, 404, 404, 200, 401),
        new Row(HttpMethod.GET, "/api/operations/" + amber + "/stix", null,         401, 200, 200, 200, 200, 404, 404, 200, 401),
        new Row(HttpMethod.GET, "/api/operations?stage=NOWHERE", null,              401, 400, 400, 400, 400, 400, 400, 400, 401),
        new Row(HttpMethod.POST, "/api/tips", tipBody,                              401, 201, 403, 201, 201, 403, 201, 201, 401),
        new Row(HttpMethod.POST, "/api/operations/" + amber + "/information",
            "{\"information\":\"x\"}",                                              401, 409, 403, 409, 409, 404, 404, 409, 401),
        new Row(HttpMethod.POST, "/api/operations/" + ended + "/withdrawal",
            "{\"reason\":\"x\"}",                                                   401, 409, 403, 409, 409, 404, 404, 409, 401),
        new Row(HttpMethod.GET, "/api/admin/api-keys", null,                        401, 403, 403, 403, 200, 403, 403, 403, 401),
        new Row(HttpMethod.POST, "/api/admin/api-keys",
            "{\"vendor\":\"victor\",\"label\":\"m\"}",                              401, 403, 403, 403, 201, 403, 403, 403, 401),
        new Row(HttpMethod.DELETE, "/api/admin/api-keys/999999", null,              401, 403, 403, 403, 404, 403, 403, 403, 401),
        new Row(HttpMethod.GET, "/api/admin/audit", null,                           401, 403, 403, 403, 200, 403, 403, 403, 401),
        // Vendors (vera, victor) use the product's API only: the engine's REST API refuses them outright.
        new Row(HttpMethod.GET, "/engine-rest/task", null,                          401, 200, 200, 403, 200, 200, 403, 401, 401),
        new Row(HttpMethod.GET, "/engine-rest/process-instance", null,              401, 200, 200, 403, 200, 200, 403, 401, 401),
        new Row(HttpMethod.GET, "/engine-rest/user", null,                          401, 200, 200, 403, 200, 200, 403, 401, 401),
        new Row(HttpMethod.GET, "/engine-rest/process-definition/key/joint-takedown", null,
                                                                                    401, 200, 200, 403, 200, 200, 403, 401, 401),
        new Row(HttpMethod.POST, "/engine-rest/message",
            "{\"messageName\":\"Msg_TipWithdrawn\",\"businessKey\":\"" + amber + "\"}",
                                                                                    401, 403, 403, 403, -1, 403, 403, 401, 401),
        new Row(HttpMethod.POST, "/engine-rest/authorization/create",
            "{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\"*\",\"resourceType\":0,\"resourceId\":\"*\"}",
                                                                                    401, 403, 403, 403, -1, 403, 403, 401, 401));

    List<DynamicTest> tests = new ArrayList<>();
    for (Row row : rows) {
      assertThat(row.expected()).as("one status per caller: %s", row.path()).hasSize(CALLERS.size());
      for (int i = 0; i < CALLERS.size(); i++) {
        String caller = CALLERS.get(i).equals("unit") ? unit : CALLERS.get(i);
        int expected = row.expected()[i];
        if (expected < 0) {
          continue; // the administrator may; doing it here would change the fixture for the other rows
        }
        tests.add(DynamicTest.dynamicTest(row.method() + " " + row.path() + " as " + CALLERS.get(i) + " -> " + expected,
            () -> assertThat(call(caller, row).value()).isEqualTo(expected)));
      }
    }
    return tests.stream();
  }

  private org.springframework.http.HttpStatusCode call(String caller, Row row) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    TestRestTemplate client = http;
    if (apiKeys.containsKey(caller)) {
      headers.set("X-Api-Key", apiKeys.get(caller));
    } else if (!caller.equals("anonymous")) {
      client = http.withBasicAuth(caller, "demo");
    }
    return client.exchange(row.path(), row.method(), new HttpEntity<>(row.body(), headers), String.class).getStatusCode();
  }
}
