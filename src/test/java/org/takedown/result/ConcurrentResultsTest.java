package org.takedown.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.ProcessDriver;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;

/**
 * Germany's and France's units report at the same moment: both reports are recorded, and the operation's kept sums
 * (which both rewrite) count both.
 */
@TakedownTest
class ConcurrentResultsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired ResultFigures figures;

  @Test
  void twoCountriesReportingAtOnceAreBothRecordedAndCounted() throws Exception {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE", "FR"));
    tip.put("indicators", List.of(Map.of("type", "ipv4-addr", "value", "193.99.200.7"), Map.of("type", "ipv4-addr", "value", "212.27.40.7")));
    String ref = driver.approveForAssignment(tip);
    String de = driver.officer("DE");
    String fr = driver.officer("FR");
    driver.complete(de, ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT"));
    driver.complete(fr, ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "ACCEPT"));
    driver.runJobs(ref);

    CyclicBarrier together = new CyclicBarrier(2);
    CompletableFuture<HttpResponse<String>> germany = CompletableFuture.supplyAsync(() -> post(ref, de, "DE", "193.99.200.7", together));
    CompletableFuture<HttpResponse<String>> france = CompletableFuture.supplyAsync(() -> post(ref, fr, "FR", "212.27.40.7", together));
    assertThat(germany.get().statusCode()).as(germany.get().body()).isEqualTo(201);
    assertThat(france.get().statusCode()).as(france.get().body()).isEqualTo(201);

    var today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    var programme = figures.programme(today.minusDays(1), today, Integer.MAX_VALUE);
    assertThat(programme.highlights()).filteredOn(h -> h.reference().equals(ref))
        .singleElement().satisfies(h -> assertThat(h.rate().positive()).isEqualTo(2));
  }

  private HttpResponse<String> post(String ref, String user, String country, String indicator, CyclicBarrier together) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/operations/" + ref + "/results"))
          .header("Authorization", RawHttp.basic(user, "demo")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("country", country,
              "results", List.of(Map.of("indicator", indicator, "status", "taken down")))))).build();
      together.await();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
