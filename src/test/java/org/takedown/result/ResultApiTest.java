package org.takedown.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.ProcessDriver;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;

/**
 * Results through the API: Germany's unit reports on its two addresses (one taken down, one not found) with its
 * counts; a line naming France's address and a line with an unknown status are refused by row and nothing is
 * recorded; a coordinator records France's for its unit. The figures read 2 of 3 taken down (67 %) in 2 of 2
 * countries.
 */
@TakedownTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultApiTest {

  static final String DE1 = "193.99.200.1";
  static final String DE2 = "193.99.200.2";
  static final String FR = "212.27.40.1";
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;

  String ref;
  String de;

  @BeforeAll
  void anOperationAcceptedByGermanyAndFrance() {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE", "FR"));
    tip.put("indicators", List.of(Map.of("type", "ipv4-addr", "value", DE1), Map.of("type", "ipv4-addr", "value", DE2),
        Map.of("type", "ipv4-addr", "value", FR)));
    ref = driver.approveForAssignment(tip);
    de = driver.officer("DE");
    driver.complete(de, ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
    driver.complete(driver.officer("FR"), ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "ACCEPT"));
  }

  @Test
  void reportsAreCheckedWholeRecordedAndCounted() throws Exception {
    HttpResponse<String> refused = post(de, Map.of("country", "DE", "results", List.of(
        Map.of("indicator", DE1, "status", "taken down"),
        Map.of("indicator", FR, "status", "TAKEN_DOWN"),
        Map.of("indicator", DE2, "status", "vanished"))));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("row 2: \\\"" + FR + "\\\" is not one of Germany's indicators", "row 3: \\\"vanished\\\" is not a result");
    assertThat(get(de).path("figures").path("total").path("reported").asLong()).isZero();

    HttpResponse<String> recorded = post(de, Map.of("country", "DE", "results", List.of(
        Map.of("indicator", DE1, "status", "taken down"), Map.of("indicator", DE2, "status", "NOT_FOUND")),
        "serversSeized", 3, "arrests", 2));
    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
    assertThat(post(de, Map.of("country", "FR", "results", List.of(Map.of("indicator", FR, "status", "seized")))).statusCode()).isEqualTo(403);
    HttpResponse<String> forFrance = post("cora", Map.of("country", "FR", "results", List.of(Map.of("indicator", FR, "status", "seized"))));
    assertThat(forFrance.statusCode()).as(forFrance.body()).isEqualTo(201);
    assertThat(forFrance.body()).contains("recorded for France by cora for the unit");

    JsonNode staff = get("cora");
    assertThat(staff.path("figures").path("headline").asText())
        .isEqualTo("2 of 3 indicators taken down (67 %) in 2 of 2 countries; 3 servers seized; 2 arrests");
    JsonNode unit = get(de);
    assertThat(unit.path("figures").path("headline").asText()).isEqualTo("1 of 2 indicators taken down (50 %) in 1 of 1 country; 3 servers seized; 2 arrests");
    assertThat(unit.path("figures").path("byVendor")).isEmpty();
    assertThat(unit.path("results").toString()).contains(DE1, "taken down").doesNotContain(FR);
  }

  @Test
  void datesOutsideTheRequestAndNowAndOtherReadersAreRefused() throws Exception {
    HttpResponse<String> future = post(de, Map.of("country", "DE", "results", List.of(
        Map.of("indicator", DE2, "status", "blocked", "date", "2099-01-01"), Map.of("indicator", DE1, "status", "blocked", "date", "2020-01-01"),
        Map.of("indicator", DE1, "status", "blocked"))));
    assertThat(future.statusCode()).isEqualTo(400);
    assertThat(future.body()).contains("row 1: date 2099-01-01 is in the future", "row 2: date 2020-01-01 is before the unit was asked",
        "row 3: \\\"" + DE1 + "\\\" is given twice (first in row 2)");
    HttpResponse<String> vendor = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/operations/" + ref + "/results"))
        .header("Authorization", RawHttp.basic("vera", "demo")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(vendor.statusCode()).isEqualTo(403);
    assertThat(post(de, Map.of("country", "DE", "serversSeized", -1)).statusCode()).isEqualTo(400);
  }

  JsonNode get(String user) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/operations/" + ref + "/results"))
        .header("Authorization", RawHttp.basic(user, "demo")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  HttpResponse<String> post(String user, Map<String, Object> body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/operations/" + ref + "/results"))
        .header("Authorization", RawHttp.basic(user, "demo")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
  }
}
