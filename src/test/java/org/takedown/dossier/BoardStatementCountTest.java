package org.takedown.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.takedown.ProcessDriver;
import org.takedown.StatementCounter;
import org.takedown.TakedownTest;

/**
 * No N+1: the board, the review queue and an operation's page issue as many SQL statements (counted
 * below Hibernate, JdbcTemplate and the engine's MyBatis) with 1,000 open operations as with 10.
 */
@TakedownTest
class BoardStatementCountTest {

  /** Operations of this test only, in a year no other test uses, so that they can be removed after. */
  static final String PREFIX = "OP-1999-";

  @Autowired ProcessDriver driver;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  @AfterEach
  void removeInserted() {
    jdbc.update("delete from country_assignment where operation_id in (select id from operation where reference like ?)", PREFIX + "%");
    jdbc.update("delete from operation where reference like ?", PREFIX + "%");
  }

  @Test
  void theBoardAndAnOperationsPageCostTheSameStatementsWith10And1000OpenOperations() {
    // Real instances where the engine's tables matter (tasks, timers, candidate groups, routing), rows for the rest.
    String assigned = driver.approveForAssignment(tip("TLP:AMBER", list("DE", "FR")));
    driver.openForLegalReview(tip("TLP:RED", list("NL")));
    driver.submit(tip("TLP:GREEN", list("BE")));
    insert(0, 7);
    PageClient cora = PageClient.signIn(port, "cora");
    PageClient lena = PageClient.signIn(port, "lena");
    cora.get("/");
    cora.get("/operations/" + assigned);
    lena.get("/review");

    long open10 = openOperations();
    long board10 = statements(() -> cora.get("/"));
    long page10 = statements(() -> cora.get("/operations/" + assigned));
    long review10 = statements(() -> lena.get("/review"));
    Document board10Page = Jsoup.parse(cora.get("/").body());

    insert(7, 990);
    long open1000 = openOperations();
    long board1000 = statements(() -> cora.get("/"));
    long page1000 = statements(() -> cora.get("/operations/" + assigned));
    long review1000 = statements(() -> lena.get("/review"));
    Document board1000Page = Jsoup.parse(cora.get("/").body());

    System.out.printf("open operations %d -> %d: board %d -> %d statements, operation page %d -> %d, review queue %d -> %d%n",
        open10, open1000, board10, board1000, page10, page1000, review10, review1000);
    assertThat(open10).isGreaterThanOrEqualTo(10);
    assertThat(open1000).isGreaterThanOrEqualTo(1000);
    assertThat(board10Page.select("article.card")).hasSize((int) open10);
    // Every open operation is counted in its column; a column shows at most 250 cards (config/application.yml).
    assertThat(board1000Page.select("section.column h2 .count").eachText().stream().mapToLong(Long::parseLong).sum()).isEqualTo(open1000);
    for (Element column : board1000Page.select("section.column")) {
      long total = Long.parseLong(column.select("h2 .count").text());
      assertThat(column.select("article.card")).hasSize((int) Math.min(total, 250));
    }
    assertThat(board1000).as("statements of the board").isEqualTo(board10);
    assertThat(page1000).as("statements of the operation page").isEqualTo(page10);
    assertThat(review1000).as("statements of the review queue").isEqualTo(review10);
  }

  private long openOperations() {
    Long n = jdbc.queryForObject("select count(*) from operation where stage not in ('CLOSED', 'REJECTED', 'MERGED', 'WITHDRAWN')", Long.class);
    return n == null ? 0 : n;
  }

  private static long statements(Supplier<HttpResponse<String>> request) {
    long before = StatementCounter.count();
    HttpResponse<String> response = request.get();
    long after = StatementCounter.count();
    assertThat(response.statusCode()).isEqualTo(200);
    return after - before;
  }

  /** Open operations in every stage, each with two countries, in two JDBC batches. */
  private void insert(int from, int count) {
    String[] stages = {"TRIAGE", "LEGAL_REVIEW", "NATIONAL_ASSIGNMENT", "EVIDENCE_HANDOVER", "OUTCOME"};
    String[] tlps = {"TLP:AMBER", "TLP:GREEN", "TLP:RED", "TLP:AMBER+STRICT", "TLP:CLEAR"};
    Timestamp now = Timestamp.from(Instant.now());
    List<Object[]> operations = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      operations.add(new Object[] {PREFIX + "%04d".formatted(i), "Bulk operation " + i, tlps[i % tlps.length], "PAP:GREEN",
          stages[i % stages.length], "vera", now, now});
    }
    jdbc.batchUpdate("insert into operation (reference, title, tlp, pap, stage, vendor, created_at, updated_at, version, attribution)"
        + " values (?, ?, ?, ?, ?, ?, ?, ?, 0, false)", operations);
    List<Object[]> countries = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      countries.add(new Object[] {PREFIX + "%04d".formatted(i), "DE", i % 2 == 0 ? "ACCEPTED" : "REQUESTED", now, now});
      countries.add(new Object[] {PREFIX + "%04d".formatted(i), "FR", "PROPOSED", now, now});
    }
    jdbc.batchUpdate("insert into country_assignment (operation_id, country, status, created_at, updated_at, reminders, alternate_unit_asked, version)"
        + " select id, ?, ?, ?, ?, 0, false, 0 from operation where reference = ?",
        countries.stream().map(c -> new Object[] {c[1], c[2], c[3], c[4], c[0]}).toList());
  }
}
