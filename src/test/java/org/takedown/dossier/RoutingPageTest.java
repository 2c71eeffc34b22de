package org.takedown.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;

/**
 * The operation page's routing: where the indicators are, with counts and the vendor's disagreement with the IP table,
 * and the coordinators' form that moves them (to a country, or unrouted) until the units are asked.
 */
@TakedownTest
class RoutingPageTest {

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;

  @Test
  void theCoordinatorSeesTheRoutingAndMovesIndicatorsOnThePage() {
    Map<String, Object> tip = tip("TLP:AMBER", list());
    tip.remove("countries");
    tip.put("indicators", List.of(
        Map.of("type", "ipv4-addr", "value", "193.99.200.1", "country", "NL"),   // DE in the table
        Map.of("type", "ipv4-addr", "value", "212.27.40.1"),                     // FR in the table
        Map.of("type", "domain-name", "value", "c2.example.com")));              // nowhere
    String ref = driver.submit(tip);
    PageClient cora = PageClient.signIn(port, "cora");

    Document page = Jsoup.parse(cora.get("/operations/" + ref).body());
    assertThat(page.select("#routing tbody tr").eachText()).containsExactly("France (FR) 1 in the directory",
        "Netherlands (NL) 1 in the directory");
    assertThat(page.select("#routing .routing-rest").text()).isEqualTo("1 not placed; 0 left unrouted by a coordinator (nobody is sent those).");
    assertThat(page.select("#routing .disagreements li").eachText()).containsExactly("ipv4-addr 193.99.200.1: vendor: NL; IP table 2026-06: DE");
    assertThat(page.select("#indicators tbody tr").eachText()).anySatisfy(row -> assertThat(row)
        .contains("193.99.200.1", "Netherlands (NL), vendor; disagrees with IP table 2026-06: DE"));

    HttpResponse<String> moved = cora.post("/operations/" + ref + "/routing", "which=212.27.0.0%2F16&to=be&_csrf=" + PageClient.csrf(page.html()));
    assertThat(moved.statusCode()).isEqualTo(302);
    assertThat(moved.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/operations/" + ref + "#routing"));
    page = Jsoup.parse(cora.get("/operations/" + ref).body());
    assertThat(page.select("#routing .notice").text()).isEqualTo("1 indicator (the addresses and blocks within 212.27.0.0/16) moved to Belgium (BE).");
    assertThat(page.select("#indicators tbody tr").eachText()).anySatisfy(row -> assertThat(row).contains("212.27.40.1", "Belgium (BE), coordinator"));
    assertThat(page.select("#routing .moves li").eachText()).singleElement().asString()
        .endsWith(", cora: 1 indicator (the addresses and blocks within 212.27.0.0/16) moved to Belgium (BE).");

    cora.post("/operations/" + ref + "/routing", "which=NL&unrouted=true&_csrf=" + PageClient.csrf(page.html()));
    page = Jsoup.parse(cora.get("/operations/" + ref).body());
    assertThat(page.select("#routing .notice").text()).isEqualTo("1 indicator (all of Netherlands (NL)) left unrouted: no unit is sent it.");
    assertThat(page.select("#indicators tbody tr").eachText()).anySatisfy(row -> assertThat(row).contains("193.99.200.1", "left unrouted by cora"));
    assertThat(page.select("#routing tbody tr").eachText()).containsExactly("Belgium (BE) 1 in the directory");

    cora.post("/operations/" + ref + "/routing", "which=" + URLEncoder.encode("nothing.example.org", StandardCharsets.UTF_8) + "&to=FR&_csrf="
        + PageClient.csrf(page.html()));
    page = Jsoup.parse(cora.get("/operations/" + ref).body());
    assertThat(page.select("#routing .errors li").eachText()).containsExactly("which names no indicator of " + ref
        + ": no indicator's value is nothing.example.org");
  }

  @Test
  void onlyCoordinatorsMoveAndOnlyBeforeTheUnitsAreAsked() {
    String ref = driver.submit(tip("TLP:AMBER", list("DE")));
    PageClient lena = PageClient.signIn(port, "lena");
    Document page = Jsoup.parse(lena.get("/operations/" + ref).body());
    assertThat(page.select("#routing tbody tr").eachText()).as("staff read the routing").containsExactly("Germany (DE) 2 in the directory");
    assertThat(page.select("#move-form")).as("but only coordinators move").isEmpty();
    HttpResponse<String> refused = lena.post("/operations/" + ref + "/routing", "which=DE&to=FR&_csrf=" + PageClient.csrf(page.html()));
    assertThat(refused.statusCode()).isEqualTo(403);

    String assigned = driver.approveForAssignment(tip("TLP:AMBER", list("DE")));
    PageClient cora = PageClient.signIn(port, "cora");
    page = Jsoup.parse(cora.get("/operations/" + assigned).body());
    assertThat(page.select("#routing tbody tr").eachText()).containsExactly("Germany (DE) 2 in the directory");
    assertThat(page.select("#move-form")).as("the units were asked").isEmpty();
    assertThat(page.select("#routing .moves-closed").text()).startsWith("Indicators no longer move: the units were asked, each with its brief");
    cora.post("/operations/" + assigned + "/routing", "which=DE&to=FR&_csrf=" + PageClient.csrf(page.html()));
    page = Jsoup.parse(cora.get("/operations/" + assigned).body());
    assertThat(page.select("#routing .errors li").text()).startsWith("The national units of " + assigned + " have been asked already");
  }
}
