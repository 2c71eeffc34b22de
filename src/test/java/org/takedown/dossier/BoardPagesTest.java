package org.takedown.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.net.http.HttpResponse;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;

/** The pages through HTTP as a browser sends it (form sign-in, session, CSRF): what each role reads, and what it does not. */
@TakedownTest
class BoardPagesTest {

  @Autowired ProcessDriver driver;
  @LocalServerPort int port;

  @Test
  void aNewTipIsNotDueSoon() {
    String ref = driver.submit(tip("TLP:GREEN", list("DE")));
    Element card = Jsoup.parse(PageClient.signIn(port, "cora").get("/").body()).getElementById("card-" + ref);
    assertThat(card.select(".tasks li").eachText()).containsExactly("Triage tip: coordinators");
    assertThat(card.select(".flag-soon")).as("triage is due in a day: due soon in its last quarter, not at once").isEmpty();
  }

  @Test
  void aCardCountsCountriesAndTasksWhenAnOperationAsksMany() {
    java.util.List<String> countries = list("AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR");
    String ref = driver.openForLegalReview(tip("TLP:AMBER", countries));
    // So many countries take four eyes (the review-level table).
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "APPROVE", "legalBasis", "mandate", "releaseTlp", "TLP:AMBER"));
    driver.complete("leon", ref, "Task_SecondLegalApproval", vars("legalDecision", "APPROVE", "legalBasis", "mandate, confirmed"));
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT", "responseNote", "We take it."));

    Element card = Jsoup.parse(PageClient.signIn(port, "cora").get("/").body()).getElementById("card-" + ref);
    assertThat(card.select(".countries li")).as("14 countries are counted, not listed").isEmpty();
    assertThat(card.select("p.countries").text()).isEqualTo("14 countries: 13 requested, 1 accepted");
    assertThat(card.select(".tasks li").eachText()).containsExactly("Respond to assignment: 13 open");
  }

  @Test
  void coordinatorsSeeEveryOpenOperationOnTheBoardWithCountriesTasksAndDeadline() {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("DE", "FR")));
    driver.complete(driver.officer("DE"), ref, "Task_RespondToAssignment", "DE", vars("assignmentResponse", "ACCEPT", "responseNote", "We take it."));

    HttpResponse<String> page = PageClient.signIn(port, "cora").get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("script-src 'self'", "style-src 'self'").doesNotContain("unsafe-inline"));
    Document board = Jsoup.parse(page.body());
    Element card = board.getElementById("card-" + ref);
    assertThat(card).as("card of %s", ref).isNotNull();
    assertThat(card.parents().select("section.column").first().id()).isEqualTo("column-NATIONAL_ASSIGNMENT");
    assertThat(card.select(".tlp").text()).isEqualTo("TLP:AMBER");
    assertThat(card.select(".title").text()).isEqualTo("C2 servers of a banking trojan");
    assertThat(card.select(".countries li").eachText()).containsExactly("DE accepted", "FR requested");
    assertThat(card.select(".tasks li").eachText()).containsExactly("Respond to assignment (France): unit FR");
    assertThat(card.select(".deadline").text()).startsWith("Next deadline: ");
    assertThat(card.select(".vendor").text()).as("the vendor organisation as people read it").isEqualTo("Vendor: Aegis Threat Research");
    assertThat(card.select(".flag-soon")).as("a request just sent is not due soon").isEmpty();
    assertThat(board.select("header.top nav a").eachText()).containsExactly("Board", "Inbox", "Review queue", "Ended", "Statistics", "Tasklist");
    assertThat(board.select("form.signout button").text()).isEqualTo("Sign out");

    // The partner answers inbox has the unit's answer, linked to the operation.
    Document inbox = Jsoup.parse(PageClient.signIn(port, "cora").get("/inbox").body());
    Element answer = inbox.select("ol.inbox li").stream().filter(li -> li.text().contains(ref) && li.text().contains("Unit answer"))
        .findFirst().orElseThrow(() -> new AssertionError("no unit answer of " + ref + " in " + inbox.text()));
    assertThat(answer.select(".text").text()).isEqualTo("Germany: accepted. We take it.");
    assertThat(answer.select("a").attr("href")).isEqualTo("/operations/" + ref);
  }

  @Test
  void theInboxKeepsADeclineOnceTheCountryIsReassigned() {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("FR")));
    driver.complete(driver.officer("FR"), ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "DECLINE", "responseNote", "No capacity."));
    driver.complete("cora", ref, "Task_ResolveAssignment", vars("escalationDecision", "REASSIGN"));
    driver.complete(driver.officer("FR"), ref, "Task_RespondToAssignment", "FR", vars("assignmentResponse", "ACCEPT", "responseNote", "We take it."));

    Document inbox = Jsoup.parse(PageClient.signIn(port, "cora").get("/inbox").body());
    assertThat(inbox.select("ol.inbox li").stream().filter(li -> li.text().contains(ref) && li.text().contains("Unit answer"))
        .map(li -> li.select(".meta span").text() + " | " + li.select(".text").text()))
        .as("newest first, the replaced unit's answer kept")
        .containsExactly("Gendarmerie – Unité nationale cyber (officer-fr) | France: accepted. We take it.",
            "Office anti-cybercriminalité (OFAC) (officer-fr) | France: declined. No capacity.");
  }

  @Test
  void filtersAndTheIndicatorSearchNarrowTheBoard() {
    Map<String, Object> tip = tip("TLP:GREEN", list("NL"));
    tip.put("indicators", list());
    tip.put("indicators", java.util.List.of(Map.of("type", "ipv4-addr", "value", "203.0.113.77"),
        Map.of("type", "domain-name", "value", "panel-update.example.net")));
    String withIndicator = driver.submit(tip);
    String other = driver.submit(tip("TLP:RED", list("NL")));
    PageClient cora = PageClient.signIn(port, "cora");

    Document found = Jsoup.parse(cora.get("/board?q=203.0.113.77").body());
    assertThat(found.getElementById("card-" + withIndicator)).isNotNull();
    assertThat(found.getElementById("card-" + other)).isNull();
    assertThat(Jsoup.parse(cora.get("/board?q=203.0.113.7").body()).getElementById("card-" + withIndicator))
        .as("an indicator is found by its whole value").isNull();
    // What is typed is normalised as the indicator was: case and the root's trailing dot do not matter.
    assertThat(Jsoup.parse(cora.get("/board?q=PANEL-UPDATE.Example.NET.").body()).getElementById("card-" + withIndicator))
        .as("a domain typed as sent").isNotNull();

    Document red = Jsoup.parse(cora.get("/board?tlp=RED&stage=TRIAGE").body());
    assertThat(red.getElementById("card-" + other)).isNotNull();
    assertThat(red.getElementById("card-" + withIndicator)).isNull();
    assertThat(red.select("#tlp option[selected]").text()).isEqualTo("TLP:RED");

    HttpResponse<String> wrong = cora.get("/board?stage=SOMEWHERE");
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(wrong.body()).select("ul.errors li").text())
        .isEqualTo("Stage 'SOMEWHERE' is not known here; use one of [Triage, Legal review, National assignment, Evidence handover, Outcome].");

    // The search runs the text rules of every other path; the board is shown unfiltered with what to correct.
    for (String[] refused : new String[][] {{"q=%E2%80%AE203.0.113.77", "The search must not contain bidirectional override"},
        {"q=%C0%AF", "The search is not valid UTF-8"}, {"q=203.0.113.77&q=x", "The search is given more than once"},
        {"q=a%0Ab", "The search must be a single line"}}) {
      HttpResponse<String> page = cora.get("/board?" + refused[0]);
      assertThat(page.statusCode()).as(refused[0]).isEqualTo(400);
      Document shown = Jsoup.parse(page.body());
      assertThat(shown.select("ul.errors li").text()).as(refused[0]).startsWith(refused[1]);
      assertThat(shown.getElementById("card-" + other)).as("unfiltered").isNotNull();
      assertThat(shown.select("input[name=q]").attr("value")).isEmpty();
    }
  }

  @Test
  void aScriptInATitleIsShownAsText() {
    Map<String, Object> tip = tip("TLP:AMBER", list("DE"));
    tip.put("title", "<script>alert('x')</script> C2 & panels");
    String ref = driver.submit(tip);
    PageClient cora = PageClient.signIn(port, "cora");
    String boardHtml = cora.get("/board?q=" + ref).body();
    assertThat(boardHtml).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; C2 &amp; panels");
    assertThat(Jsoup.parse(boardHtml).getElementById("card-" + ref).select(".title").text()).isEqualTo("<script>alert('x')</script> C2 & panels");
    String dossier = cora.get("/operations/" + ref).body();
    assertThat(dossier).doesNotContain("<script>alert");
    assertThat(Jsoup.parse(dossier).select("h1").text()).isEqualTo(ref + " <script>alert('x')</script> C2 & panels");
  }

  @Test
  void legalOfficersLandOnTheReviewQueueWithTheRoutingResultOldestFirst() {
    String older = driver.openForLegalReview(tip("TLP:AMBER", list("DE")));
    Map<String, Object> red = tip("TLP:RED", list("DE", "FR", "NL"));
    red.put("personalData", true);
    red.put("crossBorderEvidence", true);
    String fourEyes = driver.openForLegalReview(red);
    PageClient lena = PageClient.signIn(port, "lena");
    HttpResponse<String> home = lena.get("/");
    assertThat(home.statusCode()).isEqualTo(302);
    assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/review");

    Document queue = Jsoup.parse(lena.get("/review").body());
    Element first = queue.getElementById("review-" + older);
    Element second = queue.getElementById("review-" + fourEyes);
    assertThat(first).isNotNull();
    assertThat(second).isNotNull();
    assertThat(first.elementSiblingIndex()).as("oldest first").isLessThan(second.elementSiblingIndex());
    assertThat(second.select("td").eachText().subList(1, 5)).containsExactly("TLP:RED", "four eyes (two legal officers)", "yes", "yes");
    assertThat(second.select("td a[href^=/camunda/app/tasklist/]").text()).isEqualTo("Legal review");
    // Legal officers read the vendors' answers to their questions in the inbox too.
    assertThat(queue.select("header.top nav a").eachText()).contains("Board", "Inbox", "Review queue");
  }

  @Test
  void aVendorSeesOnlyItsOwnTipsAndTheirStage() {
    String own = driver.submit(tip("TLP:RED", list("DE")));
    Map<String, Object> foreign = tip("TLP:GREEN", list("DE"));
    foreign.put("vendor", driver.user("board-other-vendor", "vendors"));
    String others = driver.submit(foreign);
    PageClient vera = PageClient.signIn(port, "vera");

    Document board = Jsoup.parse(vera.get("/").body());
    Element card = board.getElementById("card-" + own);
    assertThat(card).isNotNull();
    assertThat(card.parents().select("section.column").first().id()).isEqualTo("column-TRIAGE");
    assertThat(card.select(".countries, .tasks, .vendor")).as("no units, tasks or coordinators for a vendor").isEmpty();
    assertThat(board.getElementById("card-" + others)).as("another vendor's tip, even TLP:GREEN").isNull();
    assertThat(board.select("header.top nav a").eachText()).containsExactly("Board", "Ended");

    Document dossier = Jsoup.parse(vera.get("/operations/" + own).body());
    assertThat(dossier.select(".stage strong").text()).isEqualTo("Triage");
    assertThat(dossier.select("figure.diagram figcaption").text()).startsWith("Process diagram of " + own + ": stage Triage");
    assertThat(dossier.select("#indicators td.value").eachText()).containsExactly("198.51.100.1", "c2.example.net");
    assertThat(dossier.select("#countries, #tasks, #timeline, #notices, #documents")).isEmpty();
    assertThat(vera.get("/operations/" + others).statusCode()).isEqualTo(404);
    assertThat(vera.get("/inbox").statusCode()).isEqualTo(403);
    assertThat(vera.get("/review").statusCode()).as("the review queue is not hers either").isEqualTo(403);
  }

  @Test
  void aUnitSeesOnlyItsOwnCountrysAssignments() {
    String unitUser = driver.user("board-officer-fr", "unit-fr");
    String asked = driver.approveForAssignment(tip("TLP:AMBER", list("DE", "FR")));
    String notAsked = driver.approveForAssignment(tip("TLP:AMBER", list("DE")));
    PageClient unit = PageClient.signIn(port, unitUser);

    Document board = Jsoup.parse(unit.get("/").body());
    Element card = board.getElementById("card-" + asked);
    assertThat(card).isNotNull();
    assertThat(card.select(".countries li").eachText()).containsExactly("FR requested");
    assertThat(card.select(".tasks li").eachText()).containsExactly("Respond to assignment (France): unit FR");
    assertThat(board.getElementById("card-" + notAsked)).isNull();

    Document dossier = Jsoup.parse(unit.get("/operations/" + asked).body());
    assertThat(dossier.select("#countries tbody tr").eachText()).hasSize(1).allMatch(row -> row.startsWith("France (FR) requested"));
    assertThat(dossier.select("#timeline, #notices, #documents")).isEmpty();
    assertThat(unit.get("/operations/" + notAsked).statusCode()).isEqualTo(404);
  }

  @Test
  void theDossierShowsTheOperationAndCoordinatorsGenerateAndDownloadTheTracker() {
    String ref = driver.approveForAssignment(tip("TLP:AMBER", list("DE")));
    String correlated = driver.submit(tip("TLP:AMBER", list("FR")));
    PageClient cora = PageClient.signIn(port, "cora");
    HttpResponse<String> response = cora.get("/operations/" + ref.toLowerCase());
    assertThat(response.statusCode()).isEqualTo(200);
    Document page = Jsoup.parse(response.body());
    assertThat(page.select(".stage strong").text()).isEqualTo("National assignment");
    assertThat(page.select("figure.diagram img").attr("src")).isEqualTo("/operations/" + ref + "/diagram.svg");
    assertThat(page.select("figure.diagram img").attr("alt")).isEqualTo("Process diagram of " + ref + ": current step Respond to assignment (Germany)");
    assertThat(page.select(".country-diagrams a").attr("href")).isEqualTo("/operations/" + ref + "/diagram.svg?country=DE");
    assertThat(page.select("figcaption a").eachText()).containsExactly("Open the diagram full size", "Open in Cockpit");
    assertThat(page.select("#diagram-full-size").attr("href")).isEqualTo("/operations/" + ref + "/diagram.svg");
    assertThat(page.select("figcaption a").get(1).attr("href")).startsWith("/camunda/app/cockpit/default/#/process-instance/");
    assertThat(page.select("#tasks a").attr("href")).isEqualTo("/camunda/app/tasklist/default/#/?task=" + driver.task(ref, "Task_RespondToAssignment").getId());
    assertThat(page.select("#timeline tbody tr td:first-child").eachText()).contains("Triage tip", "Legal review");
    assertThat(page.select("#timeline tbody tr").stream().filter(r -> r.text().startsWith("Triage tip")).findFirst().orElseThrow().select("td").get(1).text())
        .isEqualTo("cora");
    Element indicator = page.select("#indicators tbody tr").stream().filter(r -> r.text().contains("198.51.100.1")).findFirst().orElseThrow();
    assertThat(indicator.select("a").eachText()).contains(correlated);
    assertThat(page.select("#notices tbody tr").eachText()).anyMatch(row -> row.contains("de.units.example"));
    assertThat(page.select("#countries tbody tr").eachText()).singleElement().asString().startsWith("Germany (DE) requested");

    HttpResponse<String> generated = cora.post("/operations/" + ref + "/tracker", "_csrf=" + PageClient.csrf(response.body()));
    assertThat(generated.statusCode()).isEqualTo(302);
    Document after = Jsoup.parse(cora.get("/operations/" + ref + "?tracker=generated").body());
    assertThat(after.select("#documents .notice").text()).isEqualTo("A new version of the Excel tracker has been generated.");
    Element tracker = after.select("#documents tbody a").stream().filter(a -> a.text().endsWith(".xlsx")).findFirst().orElseThrow();
    HttpResponse<String> download = cora.get(tracker.attr("href"));
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment", ".xlsx");
    assertThat(cora.post("/operations/" + ref + "/tracker", "").statusCode()).as("no CSRF token").isEqualTo(403);
    assertThat(PageClient.signIn(port, "lena").get(tracker.attr("href")).statusCode()).as("legal officers are staff").isEqualTo(200);
  }

  @Test
  void endedOperationsAreOneClickAwayAndPaged() {
    String rejected = driver.submit(tip("TLP:GREEN", list("DE")));
    driver.complete("cora", rejected, "Task_TriageTip", vars("triageDecision", "REJECT", "triageNote", "Out of scope"));
    PageClient cora = PageClient.signIn(port, "cora");
    assertThat(Jsoup.parse(cora.get("/").body()).select("a[href=/operations?state=ended]")).isNotEmpty();
    Document ended = Jsoup.parse(cora.get("/operations?state=rejected").body());
    assertThat(ended.select("tbody tr").eachText()).anyMatch(row -> row.startsWith(rejected) && row.contains("Rejected"));
    assertThat(ended.select("caption").text()).matches("\\d+ operations, page 1 of \\d+");
    assertThat(cora.get("/operations?state=open").statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(cora.get("/operations/" + rejected).body()).select("figure.diagram figcaption").text())
        .startsWith("Process diagram of " + rejected + ": the operation has ended");
  }

  @Test
  void signedOutUsersAreSentToTheSignInPageWhichLabelsEveryField() {
    HttpResponse<String> page = PageClient.signIn(port, "cora").get("/login");
    Document login = Jsoup.parse(page.body());
    assertThat(login.select("h1").text()).isEqualTo("Please sign in");
    for (Element input : login.select("form input:not([type=hidden])")) {
      assertThat(login.select("label[for=" + input.id() + "]")).as("label of %s", input.attr("name")).isNotEmpty();
    }
    assertThat(login.select("link[rel=stylesheet]").attr("href")).isEqualTo("/css/takedown.css");
  }

  @Test
  void theBoardsOwnRefreshWithoutASessionGets401NotTheSignInPage() throws Exception {
    HttpResponse<String> refresh = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://localhost:" + port + "/board/cards")).header("HX-Request", "true").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(refresh.statusCode()).isEqualTo(401);
    assertThat(PageClient.signIn(port, "cora").get("/board/cards").body()).contains("id=\"board\"").doesNotContain("<html");
  }
}
