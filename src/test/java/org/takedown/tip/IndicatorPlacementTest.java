package org.takedown.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.dossier.PageClient;

/**
 * Each indicator is placed where the IP table (the embedded one, of real allocations) or its ccTLD says, and triage
 * and the operation page show it; a merge keeps where the merged indicators are.
 */
@TakedownTest
class IndicatorPlacementTest {

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;
  @Autowired IndicatorPlacements placements;

  @Test
  void indicatorsArePlacedAtIntakeAndShownAtTriageAndOnThePage() {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE", "FR"));
    tip.put("indicators", List.of(
        Map.of("type", "ipv4-addr", "value", "193.99.200.1"),     // DE in the table
        Map.of("type", "ipv4-addr", "value", "212.27.0.0/18"),    // a block over DK and FR
        Map.of("type", "domain-name", "value", "panel.example.fr"),
        Map.of("type", "domain-name", "value", "panel.example.nl"), // a hint the tip's countries contradict
        Map.of("type", "ipv4-addr", "value", "198.51.100.7"),     // documentation space: the tip's countries
        Map.of("type", "file-sha256", "value", "a".repeat(64))));
    String ref = driver.submit(tip);

    assertThat(placements.proposal(ref)).satisfies(proposal -> {
      assertThat(proposal.counts()).containsExactly(Map.entry("FR", 5L), Map.entry("DE", 4L), Map.entry("DK", 1L));
      assertThat(proposal.unplaced()).isZero();
    });
    assertThat(driver.engine().getRuntimeService().getVariable(driver.process(ref).getId(), "countryProposal"))
        .isEqualTo("France (FR) 5, Germany (DE) 4, Denmark (DK) 1");

    Document page = Jsoup.parse(PageClient.signIn(port, "cora").get("/operations/" + ref).body());
    assertThat(page.select("#indicators tbody tr").eachText()).anySatisfy(row -> assertThat(row)
        .contains("193.99.200.1", "Germany (DE), IP table 2026-06"))
        .anySatisfy(row -> assertThat(row).contains("212.27.0.0/18", "Denmark (DK), IP table 2026-06", "France (FR), IP table 2026-06"))
        .anySatisfy(row -> assertThat(row).contains("panel.example.fr", "France (FR), ccTLD hint"))
        .anySatisfy(row -> assertThat(row).contains("panel.example.nl", "Germany (DE), vendor (the tip's countries)",
            "France (FR), vendor (the tip's countries)"))
        .anySatisfy(row -> assertThat(row).contains("198.51.100.7", "Germany (DE), vendor (the tip's countries)"));
  }

  @Test
  void aMergeKeepsWhereTheIndicatorsAre() {
    Map<String, Object> first = tip("TLP:AMBER", list("DE"));
    first.put("indicators", List.of(Map.of("type", "ipv4-addr", "value", "193.99.200.1")));
    String target = driver.submit(first);
    Map<String, Object> second = tip("TLP:AMBER", list("DE"));
    second.put("indicators", List.of(Map.of("type", "ipv4-addr", "value", "212.27.40.1")));
    String merged = driver.submit(second);

    driver.complete("cora", merged, "Task_TriageTip", vars("triageDecision", "MERGE", "mergeInto", target));
    driver.runJobs(merged);

    assertThat(placements.proposal(target).counts()).containsExactly(Map.entry("DE", 1L), Map.entry("FR", 1L));
  }
}
