package org.takedown.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.ProcessDriver.list;
import static org.takedown.ProcessDriver.tip;
import static org.takedown.ProcessDriver.vars;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.takedown.ProcessDriver;
import org.takedown.TakedownTest;
import org.takedown.dossier.PageClient;
import org.takedown.notice.Notice;
import org.takedown.notice.NoticeKind;
import org.takedown.notice.NoticeRepository;

/**
 * Two vendor organisations of two analysts each (the demo's Aegis Threat Research: vera, vince; Bluefin Security:
 * victor, bea): each analyst reads and answers for its organisation's tips and sees nothing of the other's; the
 * administrators manage them through the API and their page; an organisation's API key submits for all its analysts.
 */
@TakedownTest
class VendorOrganisationsTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired ProcessDriver driver;
  @Autowired IdentityService identity;
  @Autowired NoticeRepository notices;
  @LocalServerPort int port;

  private static final String TIP = "{\"title\":\"%s\",\"tlp\":\"TLP:AMBER\",\"countries\":[\"DE\"],"
      + "\"indicators\":[{\"type\":\"ipv4-addr\",\"value\":\"%s\"}]}";

  private TestRestTemplate as(String user) {
    return anonymous.withBasicAuth(user, "demo");
  }

  private static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private String submit(TestRestTemplate client, String title, String ip) {
    ResponseEntity<Map> created = client.postForEntity("/api/tips", json(TIP.formatted(title, ip)), Map.class);
    assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
    return (String) created.getBody().get("reference");
  }

  private static List<String> references(ResponseEntity<List> listed) {
    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    return ((List<Map<String, Object>>) listed.getBody()).stream().map(o -> (String) o.get("reference")).toList();
  }

  @Test
  void analystsShareTheirOrganisationsTipsAndSeeNothingOfTheOthers() {
    String aegis = submit(as("vera"), "Aegis: loader C2", "198.51.100.121");
    String bluefin = submit(as("bea"), "Bluefin: phishing kit", "198.51.100.122");

    for (String analyst : List.of("vera", "vince")) {
      ResponseEntity<Map> own = as(analyst).getForEntity("/api/operations/" + aegis, Map.class);
      assertThat(own.getStatusCode()).as(analyst).isEqualTo(HttpStatus.OK);
      assertThat(own.getBody().get("vendor")).isEqualTo("Aegis Threat Research");
      assertThat(own.getBody().get("tips").toString()).as("the analysts see who of them sent it").contains("submitter=vera");
      assertThat(as(analyst).getForEntity("/api/operations/" + bluefin, Map.class).getStatusCode()).as(analyst).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(references(as(analyst).getForEntity("/api/operations", List.class))).as(analyst).contains(aegis).doesNotContain(bluefin);
    }
    for (String analyst : List.of("victor", "bea")) {
      ResponseEntity<Map> own = as(analyst).getForEntity("/api/operations/" + bluefin, Map.class);
      assertThat(own.getStatusCode()).as(analyst).isEqualTo(HttpStatus.OK);
      assertThat(own.getBody().get("vendor")).isEqualTo("Bluefin Security");
      ResponseEntity<Map> other = as(analyst).getForEntity("/api/operations/" + aegis, Map.class);
      assertThat(other.getStatusCode()).as(analyst).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(other.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
      assertThat(references(as(analyst).getForEntity("/api/operations", List.class))).as(analyst).contains(bluefin).doesNotContain(aegis);
      assertThat(as(analyst).postForEntity("/api/operations/" + aegis + "/withdrawal", json("{\"reason\":\"not ours\"}"), Map.class)
          .getStatusCode()).as("%s cannot withdraw another organisation's tip", analyst).isEqualTo(HttpStatus.NOT_FOUND);
    }

    // The board: vince's shows Aegis's tip, bea's Bluefin's, neither the other's; the staff's names both organisations.
    Document vinceBoard = Jsoup.parse(PageClient.signIn(port, "vince").get("/board").body());
    assertThat(vinceBoard.getElementById("card-" + aegis)).as("vince's board").isNotNull();
    assertThat(vinceBoard.getElementById("card-" + bluefin)).isNull();
    Document beaBoard = Jsoup.parse(PageClient.signIn(port, "bea").get("/board").body());
    assertThat(beaBoard.getElementById("card-" + bluefin)).isNotNull();
    assertThat(beaBoard.getElementById("card-" + aegis)).isNull();
    PageClient cora = PageClient.signIn(port, "cora");
    Document coraBoard = Jsoup.parse(cora.get("/board").body());
    assertThat(coraBoard.getElementById("card-" + aegis).select(".vendor").text()).isEqualTo("Vendor: Aegis Threat Research");
    assertThat(coraBoard.getElementById("card-" + bluefin).select(".vendor").text()).isEqualTo("Vendor: Bluefin Security");
    assertThat(coraBoard.select("#vendor option").eachText()).as("the filter offers the organisations")
        .contains("Aegis Threat Research", "Bluefin Security");
    Document filtered = Jsoup.parse(cora.get("/board?vendor=bluefin").body());
    assertThat(filtered.getElementById("card-" + bluefin)).isNotNull();
    assertThat(filtered.getElementById("card-" + aegis)).as("filtered by organisation").isNull();
    assertThat(filtered.select("#vendor option[selected]").text()).isEqualTo("Bluefin Security");
  }

  @Test
  void anyAnalystOfTheOrganisationAnswersItsInformationRequestAndItsMailsGreetTheOrganisation() {
    String ref = driver.openForLegalReview(tip("TLP:AMBER", list("DE")));
    driver.complete("lena", ref, "Task_LegalReview", vars("legalDecision", "REQUEST_INFO", "infoRequest", "Who hosts the C2?"));
    driver.runJobs(ref);

    List<Notice> asked = notices.findByOperationReferenceOrderByCreatedAtAscIdAsc(ref).stream()
        .filter(n -> n.getKind() == NoticeKind.INFORMATION_REQUEST).toList();
    assertThat(asked).extracting(Notice::getRecipient).as("every analyst of Aegis is asked")
        .containsExactlyInAnyOrder("vera@takedown.example", "vince@takedown.example");
    assertThat(asked).allSatisfy(n -> {
      assertThat(n.getBodyText()).contains("Dear Aegis Threat Research,", "Who hosts the C2?").doesNotContain("Dear vera");
      assertThat(n.getBodyHtml()).contains("Aegis Threat Research");
    });

    ResponseEntity<String> byOther = as("victor").postForEntity("/api/operations/" + ref + "/information",
        Map.of("information", "Not ours."), String.class);
    assertThat(byOther.getStatusCode()).as("Bluefin's analyst").isEqualTo(HttpStatus.NOT_FOUND);

    ResponseEntity<String> answered = as("vince").postForEntity("/api/operations/" + ref + "/information",
        Map.of("information", "A bulletproof host in AS64500."), String.class);
    assertThat(answered.getStatusCode()).as("vera's colleague answers: %s", answered.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    driver.runJobs(ref);
    Map<?, ?> operation = as("vera").getForObject("/api/operations/" + ref, Map.class);
    assertThat(operation.get("informationRequests").toString()).contains("status=ANSWERED", "answer=A bulletproof host in AS64500.");
    Document page = Jsoup.parse(PageClient.signIn(port, "vince").get("/operations/" + ref).body());
    assertThat(page.text()).contains("Aegis Threat Research", "A bulletproof host in AS64500.");
  }

  @Test
  void administratorsManageOrganisationsThroughTheApi() {
    TestRestTemplate admin = as("admin");
    List<Map<String, Object>> all = admin.getForObject("/api/admin/organisations", List.class);
    Map<String, Object> aegis = all.stream().filter(o -> "aegis".equals(o.get("id"))).findFirst().orElseThrow();
    assertThat(aegis.get("displayName")).isEqualTo("Aegis Threat Research");
    assertThat((List<Map<String, Object>>) aegis.get("members")).extracting(m -> m.get("user") + " " + m.get("email"))
        .containsExactly("vera vera@takedown.example", "vince vince@takedown.example");
    assertThat(all).extracting(o -> o.get("displayName")).contains("Bluefin Security");

    ResponseEntity<Map> created = admin.postForEntity("/api/admin/organisations", json("{\"id\":\"corvid-labs\",\"displayName\":\"Corvid Labs\"}"), Map.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.getHeaders().getLocation()).hasToString("/api/admin/organisations/corvid-labs");
    assertThat(created.getBody()).containsEntry("displayName", "Corvid Labs").containsEntry("activeApiKeys", 0);

    ResponseEntity<Map> again = admin.postForEntity("/api/admin/organisations", json("{\"id\":\"corvid-labs\",\"displayName\":\"Corvid\"}"), Map.class);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    ResponseEntity<Map> badId = admin.postForEntity("/api/admin/organisations", json("{\"id\":\"Corvid Labs\",\"displayName\":\"Corvid\"}"), Map.class);
    assertThat(badId.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badId.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(badId.getBody().get("errors").toString()).contains("field=id", "is not an organisation id");
    ResponseEntity<Map> sameName = admin.exchange("/api/admin/organisations/corvid-labs", HttpMethod.PUT,
        json("{\"displayName\":\"aegis threat research\"}"), Map.class);
    assertThat(sameName.getStatusCode()).as("two organisations people cannot tell apart").isEqualTo(HttpStatus.CONFLICT);

    ResponseEntity<Map> renamed = admin.exchange("/api/admin/organisations/corvid-labs", HttpMethod.PUT,
        json("{\"displayName\":\"Corvid Labs GmbH\"}"), Map.class);
    assertThat(renamed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(renamed.getBody().get("displayName")).isEqualTo("Corvid Labs GmbH");

    var carla = identity.newUser("carla");
    carla.setPassword("demo");
    carla.setFirstName("Carla");
    carla.setLastName("Crow");
    carla.setEmail("carla@corvid.example");
    identity.saveUser(carla);
    ResponseEntity<Map> added = admin.exchange("/api/admin/organisations/corvid-labs/members/carla", HttpMethod.PUT, null, Map.class);
    assertThat(added.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(added.getBody().get("members").toString()).contains("user=carla", "name=Carla Crow", "email=carla@corvid.example");
    ResponseEntity<Map> taken = admin.postForEntity("/api/admin/organisations/corvid-labs/members", json("{\"user\":\"vera\"}"), Map.class);
    assertThat(taken.getStatusCode()).as("an analyst belongs to one organisation").isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(taken.getBody().get("errors").toString()).contains("field=user", "already a member of Aegis Threat Research");
    ResponseEntity<Map> nobody = admin.postForEntity("/api/admin/organisations/corvid-labs/members", json("{\"user\":\"no-such-user\"}"), Map.class);
    assertThat(nobody.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(admin.getForEntity("/api/admin/organisations/no-such-org", Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    // carla is now Corvid's analyst: she submits for it, as Corvid Labs GmbH.
    String corvid = submit(as("carla"), "Corvid: skimmer", "198.51.100.123");
    assertThat(as("cora").getForObject("/api/operations/" + corvid, Map.class)).containsEntry("vendor", "Corvid Labs GmbH")
        .containsEntry("vendorId", "corvid-labs");
    ResponseEntity<Map> removed = admin.exchange("/api/admin/organisations/corvid-labs/members/carla", HttpMethod.DELETE, null, Map.class);
    assertThat(removed.getBody().get("members")).isEqualTo(List.of());
    assertThat(as("carla").getForEntity("/api/operations/" + corvid, Map.class).getStatusCode())
        .as("no longer a member, no longer a reader").isEqualTo(HttpStatus.NOT_FOUND);

    for (String user : List.of("cora", "vera")) {
      ResponseEntity<Map> refused = as(user).getForEntity("/api/admin/organisations", Map.class);
      assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    }
    assertThat(anonymous.getForEntity("/api/admin/organisations", Map.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(as("vince").postForEntity("/api/admin/organisations", json("{\"id\":\"mine\",\"displayName\":\"Mine\"}"), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void anOrganisationsApiKeySubmitsATipEveryAnalystOfItReads() {
    ResponseEntity<Map> created = as("admin").postForEntity("/api/admin/api-keys",
        json("{\"organisation\":\"aegis\",\"label\":\"Aegis sandbox feed\"}"), Map.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    Map<?, ?> key = (Map<?, ?>) created.getBody().get("key");
    assertThat(key.get("organisationName")).isEqualTo("Aegis Threat Research");
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Api-Key", (String) created.getBody().get("apiKey"));
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<Map> tip = anonymous.postForEntity("/api/tips", new HttpEntity<>(TIP.formatted("Aegis feed: C2", "198.51.100.124"), headers), Map.class);
    assertThat(tip.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String ref = (String) tip.getBody().get("reference");

    for (String analyst : List.of("vera", "vince")) {
      Map<?, ?> read = as(analyst).getForObject("/api/operations/" + ref, Map.class);
      assertThat(read.get("vendor")).as(analyst).isEqualTo("Aegis Threat Research");
      assertThat(read.get("tips").toString()).as("submitted by the key, not by a person").contains("submitter=apikey-" + key.get("prefix"));
    }
    assertThat(as("bea").getForEntity("/api/operations/" + ref, Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    List<Map<String, Object>> listed = as("admin").getForObject("/api/admin/api-keys?organisation=aegis", List.class);
    assertThat(listed).extracting(k -> k.get("label") + " " + k.get("organisationName")).contains("Aegis sandbox feed Aegis Threat Research");
    assertThat(as("admin").getForObject("/api/admin/organisations/aegis", Map.class).get("activeApiKeys")).isNotEqualTo(0);
  }

  @Test
  void administratorsManageOrganisationsOnTheirPage() {
    PageClient admin = PageClient.signIn(port, "admin");
    HttpResponse<String> page = admin.get("/admin/organisations");
    assertThat(page.statusCode()).isEqualTo(200);
    Document doc = Jsoup.parse(page.body());
    assertThat(doc.select("header.top nav a").eachText()).contains("Organisations");
    assertThat(doc.getElementById("org-aegis").text()).contains("Aegis Threat Research", "vera", "vince", "vince@takedown.example");
    assertThat(doc.getElementById("org-bluefin").text()).contains("Bluefin Security", "victor", "bea");
    assertThat(page.body()).doesNotContain("style=\"", "<script>");
    String csrf = PageClient.csrf(page.body());

    HttpResponse<String> created = admin.post("/admin/organisations", "id=heron-sec&displayName=" + enc("Heron Security") + "&_csrf=" + csrf);
    assertThat(created.statusCode()).isEqualTo(302);
    assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/admin/organisations#org-heron-sec");
    Document after = Jsoup.parse(admin.get("/admin/organisations").body());
    assertThat(after.select("[role=status]").text()).contains("Heron Security created");
    assertThat(after.getElementById("org-heron-sec").text()).contains("Heron Security", "No members");

    HttpResponse<String> bad = admin.post("/admin/organisations", "id=" + enc("Heron Sec") + "&displayName=x&_csrf=" + csrf);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(bad.body()).select(".errors").text()).contains("Id: 'Heron Sec' is not an organisation id");

    assertThat(admin.post("/admin/organisations/heron-sec/name", "displayName=" + enc("Heron Security Ltd") + "&_csrf=" + csrf).statusCode())
        .isEqualTo(302);
    var hugo = identity.newUser("hugo");
    hugo.setPassword("demo");
    hugo.setEmail("hugo@heron.example");
    identity.saveUser(hugo);
    assertThat(admin.post("/admin/organisations/heron-sec/members", "user=hugo&_csrf=" + csrf).statusCode()).isEqualTo(302);
    HttpResponse<String> taken = admin.post("/admin/organisations/heron-sec/members", "user=vera&_csrf=" + csrf);
    assertThat(taken.statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(taken.body()).select(".errors").text()).contains("already a member of Aegis Threat Research");
    Document heron = Jsoup.parse(admin.get("/admin/organisations").body());
    assertThat(heron.getElementById("org-heron-sec").text()).contains("Heron Security Ltd", "hugo", "hugo@heron.example");

    HttpResponse<String> keyPage = admin.post("/admin/organisations/heron-sec/api-keys", "label=" + enc("Heron intake") + "&_csrf=" + csrf);
    assertThat(keyPage.statusCode()).isEqualTo(200);
    String secret = Jsoup.parse(keyPage.body()).select("code.secret").text();
    assertThat(secret).startsWith("tdk_");
    assertThat(Jsoup.parse(keyPage.body()).select(".created-key").text()).contains("Heron Security Ltd", "shown only once");
    String listedAfter = admin.get("/admin/organisations").body();
    assertThat(listedAfter).as("the secret is shown once").doesNotContain(secret.substring(16));
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Api-Key", secret);
    assertThat(anonymous.exchange("/api/operations", HttpMethod.GET, new HttpEntity<>(headers), List.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    String keyId = Jsoup.parse(listedAfter).getElementById("org-heron-sec").select("form[action$=revoke]").attr("action")
        .replaceAll(".*/api-keys/(\\d+)/revoke", "$1");
    HttpResponse<String> revoked = admin.post("/admin/organisations/heron-sec/api-keys/" + keyId + "/revoke", "_csrf=" + csrf);
    assertThat(revoked.statusCode()).isEqualTo(302);
    assertThat(Jsoup.parse(admin.get("/admin/organisations").body()).getElementById("org-heron-sec").text()).contains("revoked");
    assertThat(anonymous.exchange("/api/operations", HttpMethod.GET, new HttpEntity<>(headers), Map.class).getStatusCode())
        .as("revoked: it stops working at once").isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(admin.post("/admin/organisations/aegis/api-keys/" + keyId + "/revoke", "_csrf=" + csrf).statusCode())
        .as("a key is revoked only under its own organisation").isEqualTo(404);

    assertThat(admin.post("/admin/organisations/heron-sec/members/hugo/remove", "_csrf=" + csrf).statusCode()).isEqualTo(302);
    assertThat(admin.post("/admin/organisations", "id=x-y&displayName=z").statusCode()).as("without its CSRF token").isEqualTo(403);

    PageClient cora = PageClient.signIn(port, "cora");
    HttpResponse<String> forCora = cora.get("/admin/organisations");
    assertThat(forCora.statusCode()).isEqualTo(403);
    assertThat(Jsoup.parse(forCora.body()).text()).contains("Vendor organisations are managed by administrators");
    assertThat(Jsoup.parse(cora.get("/board").body()).select("header.top nav a").eachText()).doesNotContain("Organisations");
    PageClient vera = PageClient.signIn(port, "vera");
    HttpResponse<String> byVendor = vera.post("/admin/organisations/aegis/members", "user=bea&_csrf=" + PageClient.csrf(vera.get("/board").body()));
    assertThat(byVendor.statusCode()).as("a vendor's analyst adds no one").isEqualTo(403);
    assertThat(as("admin").getForObject("/api/admin/organisations/aegis", Map.class).get("members").toString()).doesNotContain("bea");
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
