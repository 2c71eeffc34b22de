package org.takedown.tip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.RoutedAddresses;
import org.takedown.TakedownTest;
import org.takedown.assignment.NationalUnitDirectory;
import org.takedown.operation.OperationRepository;
import org.takedown.routing.IpCountryTable;

/**
 * The limits of one tip (takedown.tips.*, takedown.stix.max-objects; the body's, takedown.api.max-body-size, is
 * HostileInputTest's): sized for real joint takedowns, refused beyond with the limit said.
 */
@TakedownTest
class TipLimitsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate anonymous;
  @Autowired NationalUnitDirectory directory;
  @Autowired OperationRepository operations;
  @Autowired JdbcTemplate jdbc;
  @Autowired IpCountryTable table;

  private ResponseEntity<Map> post(byte[] body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return anonymous.withBasicAuth("vera", "demo").postForEntity("/api/tips", new HttpEntity<>(body, headers), Map.class);
  }

  private static byte[] tip(List<String> countries, List<Map<String, String>> indicators) throws Exception {
    Map<String, Object> tip = new LinkedHashMap<>();
    tip.put("title", "Botnet C2 servers worldwide");
    tip.put("tlp", "TLP:AMBER");
    tip.put("countries", countries);
    tip.put("indicators", indicators);
    return JSON.writeValueAsBytes(tip);
  }

  private static List<Map<String, String>> domains(int count) {
    List<Map<String, String>> indicators = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      indicators.add(Map.of("type", "domain-name", "value", "c2-" + i + ".example.net"));
    }
    return indicators;
  }

  @Test
  void aTipOfFiftyThousandAddressesNamingEveryMemberCountryIsTakenAndPlaced() throws Exception {
    List<String> members = directory.all().stream().map(NationalUnitDirectory.Entry::country).toList();
    assertThat(members).hasSize(196);
    // 500 addresses in each of 100 countries, real allocations of the IP table.
    Map<String, List<String>> picked = RoutedAddresses.pick(members, 100, 500, 0,
        (country, address) -> table.placement(address).countries().equals(java.util.Set.of(country)));
    List<Map<String, String>> indicators = RoutedAddresses.interleaved(picked).stream().map(a -> Map.of("type", "ipv4-addr", "value", a)).toList();
    assertThat(indicators).hasSize(50_000);

    ResponseEntity<Map> created = post(tip(members, indicators));

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String reference = (String) created.getBody().get("reference");
    assertThat(created.getBody()).as("every member country has a unit").doesNotContainKey("warnings");
    assertThat(jdbc.queryForObject("select count(*) from indicator i join operation o on o.id = i.operation_id where o.reference = ?",
        Long.class, reference)).isEqualTo(50_000L);
    assertThat(jdbc.queryForList("""
        select a.country from country_assignment a join operation o on o.id = a.operation_id where o.reference = ? order by a.country""",
        String.class, reference)).isEqualTo(members.stream().sorted().toList());
    // Each address in its own country, 500 in each.
    Map<String, Long> placed = new LinkedHashMap<>();
    jdbc.query("""
        select c.country, count(*) from indicator_country c join indicator i on i.id = c.indicator_id join operation o on o.id = i.operation_id
        where o.reference = ? group by c.country order by c.country""", row -> {
      placed.put(row.getString(1), row.getLong(2));
    }, reference);
    assertThat(placed.keySet()).containsExactlyElementsOf(picked.keySet());
    assertThat(placed.values()).containsOnly(500L);
    String first = picked.keySet().iterator().next();
    assertThat(jdbc.queryForObject("""
        select c.country from indicator_country c join indicator i on i.id = c.indicator_id join operation o on o.id = i.operation_id
        where o.reference = ? and i.normalized_value = ?""", String.class, reference, picked.get(first).get(0))).isEqualTo(first);
  }

  @Test
  void oneIndicatorOrCountryOverTheLimitIsRefusedWholeSayingTheLimit() throws Exception {
    long before = operations.count();
    List<String> countries = new ArrayList<>();
    List<String> members = directory.all().stream().map(NationalUnitDirectory.Entry::country).toList();
    while (countries.size() < 251) {
      countries.add(members.get(countries.size() % members.size()));
    }

    ResponseEntity<Map> refused = post(tip(countries, domains(50_001)));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat((List<Map<String, String>>) refused.getBody().get("errors")).extracting(e -> e.get("field") + ": " + e.get("message"))
        .containsExactly("countries: names 251 countries; a tip names at most 250",
            "indicators: holds 50,001 indicators; a tip holds at most 50,000: split them over several tips");
    assertThat(operations.count()).isEqualTo(before);
  }

  @Test
  void aStixBundleOfMoreIndicatorsThanATipHoldsIsRefusedWithTheLimit() {
    long before = operations.count();
    StringBuilder bundle = new StringBuilder("{\"type\": \"bundle\", \"id\": \"bundle--" + UUID.randomUUID() + "\", \"objects\": [");
    for (int i = 0; i < 50_001; i++) {
      bundle.append(i == 0 ? "" : ",").append("{\"type\": \"indicator\", \"spec_version\": \"2.1\", \"id\": \"indicator--").append(UUID.randomUUID())
          .append("\", \"created\": \"2026-01-01T00:00:00.000Z\", \"modified\": \"2026-01-01T00:00:00.000Z\", \"pattern\": \"[domain-name:value = 'c2-")
          .append(i).append(".example.net']\", \"pattern_type\": \"stix\", \"valid_from\": \"2026-01-01T00:00:00.000Z\"}");
    }
    byte[] body = bundle.append("]}").toString().getBytes(StandardCharsets.UTF_8);

    ResponseEntity<Map> refused = post(body);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(refused.getBody().get("title")).isEqualTo("STIX bundle too large");
    assertThat((List<Map<String, String>>) refused.getBody().get("errors")).extracting(e -> e.get("pointer") + " " + e.get("message"))
        .containsExactly("/objects holds 50,001 indicators; a tip holds at most 50,000: split them over several tips");
    assertThat(operations.count()).isEqualTo(before);
  }
}
