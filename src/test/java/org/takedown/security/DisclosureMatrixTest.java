package org.takedown.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.dossier.PageSession;

/**
 * Who sees what, as a table: every audience on every surface at every TLP. One operation per TLP,
 * submitted by vera without attribution, asked of Germany and France; France declined with a note
 * for the coordinators. Each cell asserts the status, that the operation is there or not, and what
 * must not be there: the vendor's name, France, its units, its note, the coordinators' tasks.
 */
@TakedownTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisclosureMatrixTest {

  static final List<String> TLPS = List.of("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED");
  static final String NOTE = "No capacity this month; please ask the Gendarmerie.";
  static final String SUMMARY = "Three C2 servers seen in our telemetry.";
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TAXII = "application/taxii+json;version=2.1";

  /** What France's part, the vendor and the fusion centre's work look like wherever they appear. */
  static final List<String> FRANCE = List.of("France", "\"FR\"", "unit-fr", "officer-fr", "OFAC", "Gendarmerie", NOTE);
  /** The vendor organisation (vera's Aegis Threat Research) by name and by id, and the analyst who sent the tip. */
  static final List<String> VENDOR_NAME = List.of("Aegis Threat Research", "aegis", "vera");
  static final List<String> COORDINATION = List.of("Resolve assignment", "coordinators");
  static final List<String> UNITS = List.of("unit-de", "unit-fr", "officer-fr", "Bundeskriminalamt", "OFAC", "Gendarmerie", NOTE);

  enum Audience {
    STAFF, VENDOR, OTHER_VENDOR, UNIT_ASKED, UNIT_NOT_ASKED, COMMUNITY, ANONYMOUS;

    boolean reads(String tlp) {
      return switch (this) {
        case STAFF, VENDOR, UNIT_ASKED -> true;
        case COMMUNITY -> tlp.equals("TLP:GREEN") || tlp.equals("TLP:CLEAR");
        default -> false;
      };
    }

    /** What this audience must never read of the operation. */
    List<String> mustNotRead() {
      return switch (this) {
        case STAFF -> List.of();
        case VENDOR -> concat(UNITS, COORDINATION, List.of("Germany", "\"DE\""));
        case UNIT_ASKED -> concat(FRANCE, VENDOR_NAME, COORDINATION, List.of(SUMMARY));
        default -> concat(FRANCE, VENDOR_NAME, COORDINATION, UNITS, List.of("Germany", SUMMARY));
      };
    }
  }

  record Reader(String user, Audience audience) {}

  static final List<Reader> READERS = List.of(new Reader("cora", Audience.STAFF), new Reader("lena", Audience.STAFF),
      new Reader("vera", Audience.VENDOR), new Reader("victor", Audience.OTHER_VENDOR), new Reader("officer-de", Audience.UNIT_ASKED),
      new Reader("officer-nl", Audience.UNIT_NOT_ASKED), new Reader("reader", Audience.COMMUNITY), new Reader(null, Audience.ANONYMOUS));

  @LocalServerPort int port;
  @Autowired ProcessDriver driver;

  private final Map<String, String> references = new LinkedHashMap<>();
  private final Map<String, PageSession> sessions = new HashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void operations() {
    driver.user("victor", "vendors");
    driver.user("reader", "readers");
    driver.officer("DE");
    driver.officer("FR");
    driver.officer("NL");
    for (String tlp : TLPS) {
      String ref = driver.openForLegalReview(tip(tlp, list("DE", "FR")));
      driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate", "releaseTlp", tlp));
      if (driver.openTasks(ref).stream().anyMatch(t -> t.getTaskDefinitionKey().equals("Task_SecondLegalApproval"))) {
        driver.complete("leon", ref, "Task_SecondLegalApproval", vars("legalDecision", "APPROVE", "legalBasis", "mandate"));
      }
      driver.runJobs(ref);
      driver.complete("officer-fr", ref, "Task_RespondToAssignment", "FR",
          vars("assignmentResponse", "DECLINE", "responseNote", NOTE));
      references.put(tlp, ref);
    }
  }

  @TestFactory
  Stream<DynamicNode> everyAudienceOnEverySurface() {
    List<DynamicNode> byTlp = new ArrayList<>();
    for (String tlp : TLPS) {
      String ref = references.get(tlp);
      List<DynamicNode> byReader = new ArrayList<>();
      for (Reader reader : READERS) {
        byReader.add(DynamicContainer.dynamicContainer(reader.user() + " (" + reader.audience() + ")",
            surfaces(tlp, ref, reader).entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), e.getValue()::run))));
      }
      byTlp.add(DynamicContainer.dynamicContainer(tlp + " " + ref, byReader));
    }
    return byTlp.stream();
  }

  private Map<String, Runnable> surfaces(String tlp, String ref, Reader reader) {
    Audience who = reader.audience();
    boolean reads = who.reads(tlp);
    boolean anonymous = who == Audience.ANONYMOUS;
    Map<String, Runnable> cells = new LinkedHashMap<>();

    cells.put("GET /api/operations", () -> {
      HttpResponse<String> r = api(reader, "/api/operations");
      if (anonymous) {
        assertThat(r.statusCode()).isEqualTo(401);
        return;
      }
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode entry = null;
      for (JsonNode o : json(r.body())) {
        if (o.path("reference").asText().equals(ref)) {
          entry = o;
        }
      }
      assertThat(entry != null).as("listed").isEqualTo(reads);
      if (entry != null) {
        absent(entry.toString(), who);
        if (who == Audience.UNIT_ASKED) {
          assertThat(entry.path("vendor").asText()).isEqualTo("a private-sector partner");
          assertThat(entry.path("tlp").asText()).isEqualTo(tlp);
        }
      }
    });

    cells.put("GET /api/operations/{ref}", () -> {
      HttpResponse<String> r = api(reader, "/api/operations/" + ref);
      assertThat(r.statusCode()).isEqualTo(anonymous ? 401 : reads ? 200 : 404);
      if (!reads || anonymous) {
        assertThat(r.body()).doesNotContain("C2 servers");
        return;
      }
      absent(r.body(), who);
      JsonNode detail = json(r.body());
      switch (who) {
        case STAFF -> assertThat(r.body()).contains("\"vendor\":\"Aegis Threat Research\"", "\"vendorId\":\"aegis\"", NOTE, "\"FR\"",
            "Resolve assignment");
        case VENDOR -> {
          assertThat(detail.path("vendor").asText()).as("its organisation, as people read it").isEqualTo("Aegis Threat Research");
          assertThat(detail.has("vendorId")).as("the id is the staff's").isFalse();
          assertThat(detail.path("countries")).isEmpty();
          assertThat(detail.path("openTasks")).isEmpty();
          assertThat(detail.path("tips")).hasSize(1);
        }
        case UNIT_ASKED -> {
          assertThat(detail.path("vendor").asText()).isEqualTo("a private-sector partner");
          assertThat(detail.path("countries")).hasSize(1);
          assertThat(detail.path("countries").get(0).path("country").asText()).isEqualTo("DE");
          assertThat(detail.path("openTasks")).hasSize(1);
          assertThat(detail.path("openTasks").get(0).path("candidateGroups").toString()).isEqualTo("[\"unit-de\"]");
          assertThat(detail.path("tips")).isEmpty();
          assertThat(detail.hasNonNull("summary")).as("the vendor's own words stay with the fusion centre").isFalse();
        }
        default -> {
          assertThat(detail.hasNonNull("vendor")).isFalse();
          assertThat(detail.path("countries")).isEmpty();
        }
      }
    });

    cells.put("operation page", () -> {
      if (anonymous) {
        assertThat(anonymousGet("/operations/" + ref).statusCode()).isEqualTo(302);
        return;
      }
      HttpResponse<String> r = page(reader).get("/operations/" + ref);
      assertThat(r.statusCode()).isEqualTo(reads ? 200 : 404);
      if (!reads) {
        assertThat(r.body()).doesNotContain("C2 servers");
        return;
      }
      absent(r.body(), who);
      assertThat(r.body()).contains(ref, "C2 servers of a banking trojan");
      if (who == Audience.UNIT_ASKED) {
        assertThat(r.body()).contains("Germany", "a private-sector partner", tlp);
      }
      if (who == Audience.STAFF) {
        assertThat(r.body()).contains("Aegis Threat Research", "France", "Gendarmerie");
      }
    });

    cells.put("board search and cards", () -> {
      if (anonymous) {
        assertThat(anonymousGet("/board?q=" + ref).statusCode()).isEqualTo(302);
        return;
      }
      for (String path : List.of("/board?q=" + ref, "/board/cards?q=" + ref, "/board?q=198.51.100.1")) {
        HttpResponse<String> r = page(reader).get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.body().contains(CARD + ref)).as(path + " shows " + ref).isEqualTo(reads);
        // The whole page: its filters offer nothing the reader may not see either.
        absent(r.body(), who);
      }
    });

    cells.put("board filters by vendor and country", () -> {
      if (anonymous || who == Audience.STAFF) {
        return;
      }
      // A partner's filters cannot tell it what it may not see: the vendor filter is the staff's, a country filter only its own.
      HttpResponse<String> byVendor = page(reader).get("/board/cards?vendor=nobody&q=" + ref);
      assertThat(byVendor.body().contains(CARD + ref)).as("vendor filter ignored").isEqualTo(reads);
      HttpResponse<String> byCountry = page(reader).get("/board/cards?country=IT&q=" + ref);
      assertThat(byCountry.body().contains(CARD + ref)).as("country filter ignored").isEqualTo(reads);
    });

    cells.put("engine-rest tasks, variables and form variables", () -> {
      HttpResponse<String> r = api(reader, "/engine-rest/task?processInstanceBusinessKey=" + ref);
      switch (who) {
        case ANONYMOUS -> assertThat(r.statusCode()).isEqualTo(401);
        case VENDOR, OTHER_VENDOR, COMMUNITY -> {
          assertThat(r.statusCode()).isEqualTo(403);
          assertThat(r.body()).doesNotContain(ref);
        }
        case UNIT_NOT_ASKED -> assertThat(json(r.body())).isEmpty();
        case UNIT_ASKED -> {
          JsonNode tasks = json(r.body());
          assertThat(tasks).hasSize(1);
          assertThat(tasks.get(0).path("name").asText()).contains("Respond to assignment", "Germany");
          absent(r.body(), who);
          String id = tasks.get(0).path("id").asText();
          for (String part : List.of("/variables", "/form-variables")) {
            HttpResponse<String> vars = api(reader, "/engine-rest/task/" + id + part);
            assertThat(vars.statusCode()).isEqualTo(200);
            absent(vars.body(), who);
          }
        }
        // The engine's authorisations: coordinators work on the coordinators' tasks, legal officers on legal ones.
        case STAFF -> assertThat(r.statusCode()).isEqualTo(200);
      }
    });

    for (String part : List.of("documents", "notices", "evidence", "custody/verify")) {
      cells.put("GET /api/operations/{ref}/" + part, () -> {
        HttpResponse<String> r = api(reader, "/api/operations/" + ref + "/" + part);
        assertThat(r.statusCode()).isEqualTo(anonymous ? 401 : who == Audience.STAFF ? 200 : reads ? 403 : 404);
        if (who != Audience.STAFF) {
          absent(r.body(), who);
        }
      });
    }

    cells.put("STIX export", () -> {
      HttpResponse<String> r = api(reader, "/api/operations/" + ref + "/stix");
      assertThat(r.statusCode()).isEqualTo(anonymous ? 401 : reads ? 200 : 404);
      if (reads && !anonymous) {
        absent(r.body(), who);
        List<String> countries = new ArrayList<>();
        List<String> markings = new ArrayList<>();
        for (JsonNode o : json(r.body()).path("objects")) {
          if (o.has("country")) {
            countries.add(o.path("country").asText());
          }
          if (o.path("type").asText().equals("marking-definition")) {
            markings.add(o.path("name").asText());
          }
        }
        assertThat(r.body()).contains("198.51.100.1");
        assertThat(markings).contains(tlp);
        assertThat(countries).isEqualTo(who == Audience.STAFF ? List.of("DE", "FR") : who == Audience.UNIT_ASKED ? List.of("DE") : List.of());
      }
    });

    cells.put("a document downloaded by its id", () -> {
      JsonNode documents = json(api(new Reader("cora", Audience.STAFF), "/api/operations/" + ref + "/documents").body());
      assertThat(documents).isNotEmpty();
      String path = "/api/operations/" + ref + "/documents/" + documents.get(0).path("id").asText();
      HttpResponse<String> r = api(reader, path);
      assertThat(r.statusCode()).isEqualTo(anonymous ? 401 : who == Audience.STAFF ? 200 : reads ? 403 : 404);
      if (!anonymous) {
        HttpResponse<String> page = page(reader).get("/operations/" + ref + "/documents/" + documents.get(0).path("id").asText());
        assertThat(page.statusCode()).as("the page's download").isEqualTo(who == Audience.STAFF ? 200 : 404);
      }
    });

    cells.put("TAXII objects of the operation's collection", () -> {
      String collection = null;
      for (JsonNode c : json(send(new Reader("cora", Audience.STAFF), "/taxii2/api/collections/", TAXII).body()).path("collections")) {
        if (c.path("alias").asText().equals(ref)) {
          collection = c.path("id").asText();
        }
      }
      assertThat(collection).as("staff read the collection of " + ref).isNotNull();
      HttpResponse<String> r = send(reader, "/taxii2/api/collections/" + collection + "/objects/", TAXII);
      if (anonymous) {
        assertThat(r.statusCode()).isEqualTo(401);
        return;
      }
      assertThat(r.statusCode()).isEqualTo(reads ? 200 : 404);
      if (reads) {
        absent(r.body(), who);
        assertThat(r.body()).contains("198.51.100.1");
      } else {
        assertThat(r.body()).doesNotContain("198.51.100.1", "C2 servers");
      }
    });

    cells.put("TAXII collections", () -> {
      HttpResponse<String> r = send(reader, "/taxii2/api/collections/", TAXII);
      if (anonymous) {
        assertThat(r.statusCode()).isEqualTo(401);
        return;
      }
      assertThat(r.body().contains(ref)).as("collection of " + ref).isEqualTo(reads && r.statusCode() == 200);
      if (reads) {
        assertThat(r.statusCode()).isEqualTo(200);
      }
    });

    for (String path : List.of("/statistics", "/statistics.csv", "/statistics.xlsx", "/statistics.docx", "/inbox", "/review")) {
      cells.put(path, () -> {
        if (anonymous) {
          assertThat(anonymousGet(path).statusCode()).isEqualTo(302);
          return;
        }
        HttpResponse<String> r = page(reader).get(path);
        if (who == Audience.STAFF) {
          assertThat(r.statusCode()).isEqualTo(200);
        } else {
          assertThat(r.statusCode()).as(path + " is for staff").isBetween(400, 499);
          assertThat(r.body()).doesNotContain(ref);
        }
      });
    }
    return cells;
  }

  /** How a board card of an operation begins (the search box repeats the reference typed). */
  static final String CARD = "id=\"card-";

  private static void absent(String body, Audience who) {
    for (String text : who.mustNotRead()) {
      assertThat(body).as("%s must not read '%s'", who, text).doesNotContain(text);
    }
  }

  private PageSession page(Reader reader) {
    return sessions.computeIfAbsent(reader.user(), user -> PageSession.signIn(port, user));
  }

  private HttpResponse<String> api(Reader reader, String path) {
    return send(reader, path, "application/json");
  }

  private HttpResponse<String> anonymousGet(String path) {
    return send(new Reader(null, Audience.ANONYMOUS), path, "text/html");
  }

  private HttpResponse<String> send(Reader reader, String path, String accept) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept);
    if (reader.user() != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((reader.user() + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return Stream.of(lists).flatMap(List::stream).distinct().toList();
  }
}
