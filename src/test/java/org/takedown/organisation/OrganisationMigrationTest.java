package org.takedown.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Base64;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.takedown.AppProcess;
import org.takedown.system.Hashes;

/**
 * Issue 24's migration, as an operator lives it: a database of the version before organisations (V75), whose vendor is
 * the user olga with a tip, its indicators and an API key, opens with the organisation olga (member olga) and every
 * tip kept, credited to her organisation, readable by her and her key.
 */
class OrganisationMigrationTest {

  private static final String REFERENCE = "OP-2025-0042";
  private static final String KEY = "tdk_olgakey234_" + "x".repeat(43);

  @TempDir Path data;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aDatabaseWithVendorUsersOpensWithOneOrganisationPerVendorAndEveryTipKept() throws Exception {
    String url = "jdbc:h2:file:" + data.resolve("takedown").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration", "classpath:db/vendor/h2")
        .baselineOnMigrate(true).baselineVersion("0").target("75").load().migrate();
    try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
      // The engine's identity tables as an older version left them, with the vendor user olga.
      ScriptUtils.executeSqlScript(connection, new ClassPathResource("org/camunda/bpm/engine/db/create/activiti.h2.create.identity.sql"));
      JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
      jdbc.update("insert into ACT_ID_GROUP (ID_, REV_, NAME_, TYPE_) values ('vendors', 1, 'Vendors', 'WORKFLOW')");
      jdbc.update("insert into ACT_ID_USER (ID_, REV_, FIRST_, LAST_, EMAIL_) values ('olga', 1, 'Olga', 'Orlova', 'olga@vendor.example')");
      jdbc.update("insert into ACT_ID_MEMBERSHIP (USER_ID_, GROUP_ID_) values ('olga', 'vendors')");
      jdbc.update("insert into operation (reference, title, summary, tlp, pap, stage, vendor, created_at, updated_at, closed_at, attribution)"
          + " values (?, 'Botnet C2 of 2025', 'Seen in our telemetry.', 'TLP:AMBER', 'PAP:GREEN', 'CLOSED', 'olga',"
          + " current_timestamp, current_timestamp, current_timestamp, false)", REFERENCE);
      long operation = jdbc.queryForObject("select id from operation where reference = ?", Long.class, REFERENCE);
      jdbc.update("insert into tip (operation_id, payload, payload_sha256, content_type, submitter, received_at)"
          + " values (?, '{}', ?, 'application/json', 'olga', current_timestamp)", operation, Hashes.sha256("{}"));
      long tip = jdbc.queryForObject("select id from tip where operation_id = ?", Long.class, operation);
      for (String[] i : new String[][] {{"ipv4-addr", "198.51.100.77"}, {"domain-name", "c2.olga.example"}, {"url", "http://c2.olga.example/gate"}}) {
        jdbc.update("insert into indicator (operation_id, tip_id, type, indicator_value, normalized_value) values (?, ?, ?, ?, ?)",
            operation, tip, i[0], i[1], i[1]);
      }
      jdbc.update("insert into api_key (vendor, label, prefix, key_sha256, created_at, created_by) values"
          + " ('olga', 'SOC intake', 'olgakey234', ?, current_timestamp, 'admin')", Hashes.sha256(KEY));
    }

    try (AppProcess app = AppProcess.start("organisation-migration", Map.of(
        "spring.datasource.url", url,
        "takedown.mail.embedded.smtp-port", "0",
        "takedown.mail.embedded.imap-port", "0",
        "takedown.evidence.store", data.resolve("evidence").toAbsolutePath().toString(),
        "takedown.custody.signing-key", data.resolve("custody-signing-key.pem").toAbsolutePath().toString(),
        "takedown.routing.ip-asn-preload", "false"))) {
      // olga had no password an API could check (her account was made elsewhere): an administrator sets one.
      HttpResponse<String> password = send(app, "PUT", "/engine-rest/user/olga/credentials", basic("admin", "demo"),
          "{\"password\": \"Olga-migrated-2026\", \"authenticatedUserPassword\": \"demo\"}");
      assertThat(password.statusCode()).as(password.body()).isEqualTo(204);

      JsonNode organisations = json.readTree(send(app, "GET", "/api/admin/organisations", basic("admin", "demo"), null).body());
      JsonNode olga = null;
      for (JsonNode o : organisations) {
        if (o.path("id").asText().equals("olga")) {
          olga = o;
        }
      }
      assertThat(olga).as("one organisation per vendor user: %s", organisations).isNotNull();
      assertThat(olga.path("displayName").asText()).as("its name is the user's until an administrator renames it").isEqualTo("olga");
      assertThat(olga.path("members").findValuesAsText("user")).containsExactly("olga");
      assertThat(olga.path("activeApiKeys").asInt()).as("her key is her organisation's").isEqualTo(1);

      HttpResponse<String> asOlga = send(app, "GET", "/api/operations/" + REFERENCE, basic("olga", "Olga-migrated-2026"), null);
      assertThat(asOlga.statusCode()).as(asOlga.body()).isEqualTo(200);
      JsonNode read = json.readTree(asOlga.body());
      assertThat(read.path("vendor").asText()).isEqualTo("olga");
      assertThat(read.path("indicatorCount").asInt()).as("every indicator kept").isEqualTo(3);
      assertThat(read.path("tips").size()).isEqualTo(1);

      HttpResponse<String> byKey = send(app, "GET", "/api/operations/" + REFERENCE, Map.of("X-Api-Key", KEY), null);
      assertThat(byKey.statusCode()).as("her key reads her organisation's tip: %s", byKey.body()).isEqualTo(200);
      HttpResponse<String> byOther = send(app, "GET", "/api/operations/" + REFERENCE, basic("victor", "demo"), null);
      assertThat(byOther.statusCode()).as("another vendor's analyst").isEqualTo(404);
      app.kill(); // and wait for it, so that its database file is free
    }

    try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
      JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
      assertThat(jdbc.queryForObject("select vendor from operation where reference = ?", String.class, REFERENCE)).isEqualTo("olga");
      assertThat(jdbc.queryForObject("select count(*) from ACT_ID_MEMBERSHIP where USER_ID_ = 'olga' and GROUP_ID_ = 'vendor-olga'",
          Integer.class)).isEqualTo(1);
      assertThat(jdbc.queryForObject("select count(*) from tip t join operation o on o.id = t.operation_id where o.reference = ?",
          Integer.class, REFERENCE)).isEqualTo(1);
      assertThat(jdbc.queryForObject("select count(*) from indicator i join operation o on o.id = i.operation_id where o.reference = ?",
          Integer.class, REFERENCE)).isEqualTo(3);
      assertThat(jdbc.queryForList("select c.organisation from operation_contributor c join operation o on o.id = c.operation_id"
          + " where o.reference = ? and c.tip_operation_id = o.id", String.class, REFERENCE))
          .as("olga's organisation is the lead contributor of her operation").containsExactly("olga");
      assertThat(jdbc.queryForObject("select count(*) from indicator_report r join operation_contributor c on c.id = r.contributor_id"
          + " join operation o on o.id = c.operation_id where o.reference = ?", Integer.class, REFERENCE))
          .as("credited with every indicator").isEqualTo(3);
      assertThat(jdbc.queryForObject("select vendor from api_key where prefix = 'olgakey234'", String.class)).isEqualTo("olga");
    }
  }

  private static Map<String, String> basic(String user, String password) {
    return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> send(AppProcess app, String method, String path, Map<String, String> headers, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url(path)))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
