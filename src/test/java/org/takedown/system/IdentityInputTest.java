package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;

/**
 * Users, groups and tenants written through the engine's REST APIs are read strictly: an over-long id is 400 naming
 * the id and its limit (the engine answered 500), a key given twice, text the product refuses elsewhere and an email
 * address that is not one are 400, and a new id that differs from an existing one only in case is 409; nothing is stored.
 */
@TakedownTest
class IdentityInputTest {

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void anIdLongerThanTheEngineStoresIsNamedWithItsLimit() throws IOException {
    String userId = "a".repeat(300);
    RawHttp.Reply user = send("POST", "/engine-rest/user/create", "admin", """
        {"profile":{"id":"%s","firstName":"A","lastName":"B"},"credentials":{"password":"long-enough-1"}}""".formatted(userId));
    assertInvalid(user, "/engine-rest/user/create");
    assertThat(detail(user)).startsWith("The id (profile.id) '" + "a".repeat(80) + "…' is 300 characters long; an id of a user holds "
        + "at most 64.");
    assertThat(identity.createUserQuery().userId(userId).count()).isZero();

    String groupId = "g".repeat(65);
    RawHttp.Reply group = send("POST", "/engine-rest/group/create", "admin", "{\"id\":\"" + groupId + "\",\"name\":\"G\"}");
    assertInvalid(group, "/engine-rest/group/create");
    assertThat(detail(group)).startsWith("The id '" + groupId + "' is 65 characters long; an id of a group holds at most 64.");
    assertThat(identity.createGroupQuery().groupId(groupId).count()).isZero();

    RawHttp.Reply tenant = send("POST", "/engine-rest/tenant/create", "admin", "{\"id\":\"" + "t".repeat(70) + "\",\"name\":\"T\"}");
    assertInvalid(tenant, "/engine-rest/tenant/create");
    assertThat(detail(tenant)).contains("an id of a tenant holds at most 64");

    RawHttp.Reply name = send("POST", "/engine-rest/group/create", "admin", "{\"id\":\"longname\",\"name\":\"" + "n".repeat(256) + "\"}");
    assertInvalid(name, "/engine-rest/group/create");
    assertThat(detail(name)).startsWith("The name is longer than 255 characters.");
    assertThat(identity.createGroupQuery().groupId("longname").count()).isZero();
  }

  @Test
  void aKeyGivenTwiceIsRefusedNotTheLastOneTaken() throws IOException {
    RawHttp.Reply user = send("POST", "/engine-rest/user/create", "admin", """
        {"profile":{"id":"twice1","id":"twice2","firstName":"A","lastName":"B"},"credentials":{"password":"long-enough-1"}}""");
    assertInvalid(user, "/engine-rest/user/create");
    assertThat(detail(user)).startsWith("The id (profile.id) is given more than once; send each field once.");
    assertThat(identity.createUserQuery().userIdIn("twice1", "twice2").count()).isZero();

    RawHttp.Reply group = send("POST", "/engine-rest/group/create", "admin", "{\"id\":\"twicegroup\",\"name\":\"A\",\"name\":\"B\"}");
    assertInvalid(group, "/engine-rest/group/create");
    assertThat(identity.createGroupQuery().groupId("twicegroup").count()).isZero();

    // The same API with the engine named.
    RawHttp.Reply named = send("POST", "/engine-rest/engine/default/group/create", "admin", "{\"id\":\"twicegroup\",\"id\":\"g2\"}");
    assertInvalid(named, "/engine-rest/engine/default/group/create");
    assertThat(identity.createGroupQuery().groupIdIn("twicegroup", "g2").count()).isZero();

    RawHttp.Reply profile = send("PUT", "/engine-rest/user/lena/profile", "admin", """
        {"id":"lena","firstName":"Lena","firstName":"Mallory","lastName":"Legal","email":"lena@takedown.example"}""");
    assertInvalid(profile, "/engine-rest/user/lena/profile");
    assertThat(detail(profile)).startsWith("The first name (firstName) is given more than once");

    RawHttp.Reply update = send("PUT", "/engine-rest/group/legal", "admin", "{\"id\":\"legal\",\"id\":\"legal2\",\"name\":\"Legal\"}");
    assertInvalid(update, "/engine-rest/group/legal");
    assertThat(identity.createUserQuery().userId("lena").singleResult().getFirstName()).isNotEqualTo("Mallory");
  }

  @Test
  void namesAndEmailAddressesAreCheckedAsTheProductChecksText() throws IOException {
    RawHttp.Reply user = send("POST", "/engine-rest/user/create", "admin", """
        {"profile":{"id":"textuser","firstName":"gnp\\u202Eexe","lastName":"B\\u0007","email":"a@example.org\\nBcc: all@example.org"},
         "credentials":{"password":"long-enough-1"}}""");
    assertInvalid(user, "/engine-rest/user/create");
    assertThat(detail(user)).contains("The first name (profile.firstName) must not contain bidirectional override",
        "The last name (profile.lastName) must not contain control characters (found U+0007)",
        "The email address (profile.email) must be a single line");
    assertThat(fields(user)).containsExactly("profile.firstName", "profile.lastName", "profile.email");

    RawHttp.Reply surrogate = send("POST", "/engine-rest/user/create", "admin", """
        {"profile":{"id":"textuser","firstName":"A\\uD800","lastName":"B","email":"not an address"},"credentials":{"password":"long-enough-1"}}""");
    assertInvalid(surrogate, "/engine-rest/user/create");
    assertThat(detail(surrogate)).contains("unpaired UTF-16 surrogate", "The email address (profile.email) is not an email address");
    assertThat(identity.createUserQuery().userId("textuser").count()).isZero();

    RawHttp.Reply group = send("PUT", "/engine-rest/group/legal", "admin", "{\"id\":\"legal\",\"name\":\"Legal\\u202E\"}");
    assertInvalid(group, "/engine-rest/group/legal");
    assertThat(detail(group)).startsWith("The name must not contain bidirectional override");

    RawHttp.Reply number = send("POST", "/engine-rest/group/create", "admin", "{\"id\":\"numbergroup\",\"name\":5}");
    assertInvalid(number, "/engine-rest/group/create");
    assertThat(detail(number)).startsWith("The name must be text.");

    // What is fine passes on, read again by the engine.
    assertThat(send("POST", "/engine-rest/user/create", "admin", """
        {"profile":{"id":"textuser","firstName":"Zoë","lastName":"Łukasz","email":"zoe.l@example.org"},"credentials":{"password":"long-enough-1"}}""")
        .status()).isEqualTo(204);
    assertThat(identity.createUserQuery().userId("textuser").singleResult().getFirstName()).isEqualTo("Zoë");
    assertThat(send("PUT", "/engine-rest/user/textuser/profile", "admin", """
        {"id":"textuser","firstName":"Zoe","lastName":"L","email":""}""").status()).isEqualTo(204);
    assertThat(identity.createUserQuery().userId("textuser").singleResult().getFirstName()).isEqualTo("Zoe");
  }

  @Test
  void anUpdateDoesNotChangeTheId() throws IOException {
    RawHttp.Reply profile = send("PUT", "/engine-rest/user/lena/profile", "admin", """
        {"id":"lena2","firstName":"Lena","lastName":"Legal","email":"lena@takedown.example"}""");
    assertInvalid(profile, "/engine-rest/user/lena/profile");
    assertThat(detail(profile)).startsWith("The id 'lena2' is not the id of the address (lena); an id cannot be changed");
    assertThat(identity.createUserQuery().userId("lena2").count()).isZero();
  }

  @Test
  void aNewIdThatDiffersOnlyInCaseIsRefused() throws IOException {
    String body = """
        {"profile":{"id":"CORA","firstName":"Fake","lastName":"Cora","email":"cora@example.org"},"credentials":{"password":"long-enough-1"}}""";
    RawHttp.Reply user = send("POST", "/engine-rest/user/create", "admin", body);
    assertThat(user.status()).as(user.body()).isEqualTo(409);
    assertThat(user.header("Content-Type")).startsWith("application/problem+json");
    assertThat(detail(user)).isEqualTo("There is already a user 'cora', whose id differs from 'CORA' only in upper and lower case; "
        + "two such ids would be taken for each other. Nothing was stored; choose another id.");
    assertThat(identity.createUserQuery().userId("CORA").count()).isZero();

    // One who may not create users is told so by the engine, not which ids exist.
    RawHttp.Reply notAdmin = send("POST", "/engine-rest/user/create", "cora", body.replace("CORA", "LENA"));
    assertThat(notAdmin.status()).as(notAdmin.body()).isEqualTo(403);
    assertThat(notAdmin.body()).doesNotContain("lena");

    RawHttp.Reply group = send("POST", "/engine-rest/group/create", "admin", "{\"id\":\"Coordinators\",\"name\":\"C\"}");
    assertThat(group.status()).as(group.body()).isEqualTo(409);
    assertThat(identity.createGroupQuery().groupId("Coordinators").count()).isZero();
  }

  @Test
  void camundaAdminGetsTheWebappsFormat() throws IOException {
    RawHttp client = new RawHttp(port, "127.0.0.21");
    Map<String, String> cookies = signIn(client, "admin", "admin");
    RawHttp.Reply twice = post(client, cookies, "/camunda/api/engine/engine/default/user/create", """
        {"profile":{"id":"web1","id":"web2","firstName":"A","lastName":"B"},"credentials":{"password":"long-enough-1"}}""");
    assertThat(twice.status()).as(twice.body()).isEqualTo(400);
    Map<?, ?> body = json.readValue(twice.body(), Map.class);
    assertThat(body.get("type")).isEqualTo("Invalid input");
    assertThat(body.get("message")).asString().startsWith("The id (profile.id) is given more than once");

    RawHttp.Reply cased = post(client, cookies, "/camunda/api/engine/engine/default/user/create", """
        {"profile":{"id":"Lena","firstName":"A","lastName":"B","email":"a@example.org"},"credentials":{"password":"long-enough-1"}}""");
    assertThat(cased.status()).as(cased.body()).isEqualTo(409);
    assertThat(json.readValue(cased.body(), Map.class).get("type")).isEqualTo("Already exists");
    assertThat(identity.createUserQuery().userIdIn("web1", "web2", "Lena").count()).isZero();
  }

  private void assertInvalid(RawHttp.Reply reply, String instance) throws IOException {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    Map<?, ?> problem = json.readValue(reply.body(), Map.class);
    assertThat(problem.get("instance")).isEqualTo(instance);
    assertThat(reply.body()).doesNotContain("ENGINE-", "Exception", "org.camunda", "java.");
  }

  private String detail(RawHttp.Reply reply) throws IOException {
    return (String) json.readValue(reply.body(), Map.class).get("detail");
  }

  private List<Object> fields(RawHttp.Reply reply) throws IOException {
    List<?> errors = (List<?>) json.readValue(reply.body(), Map.class).get("errors");
    return errors.stream().map(error -> ((Map<?, ?>) error).get("field")).map(Object.class::cast).toList();
  }

  private RawHttp.Reply send(String method, String path, String user, String body) throws IOException {
    return new RawHttp(port, "127.0.0.1").send(method, path,
        Map.of("Authorization", RawHttp.basic(user, "demo"), "Content-Type", "application/json"), body);
  }

  /** Signs in to a Camunda webapp as its page does; the session's cookies. */
  static Map<String, String> signIn(RawHttp client, String app, String user) throws IOException {
    Map<String, String> cookies = new LinkedHashMap<>();
    RawHttp.Reply page = client.get("/camunda/app/" + app + "/default/", Map.of());
    collect(cookies, page);
    RawHttp.Reply login = client.send("POST", "/camunda/api/admin/auth/user/default/login/" + app,
        Map.of("Cookie", header(cookies), "X-XSRF-TOKEN", page.header("X-XSRF-TOKEN"), "Content-Type", "application/x-www-form-urlencoded"),
        "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo");
    assertThat(login.status()).isEqualTo(200);
    collect(cookies, login);
    collect(cookies, client.get("/camunda/app/" + app + "/default/", Map.of("Cookie", header(cookies))));
    return cookies;
  }

  /** A POST of the webapp with the session's current CSRF token (it may change with any answer). */
  static RawHttp.Reply post(RawHttp client, Map<String, String> cookies, String path, String body) throws IOException {
    RawHttp.Reply reply = client.send("POST", path, Map.of("Cookie", header(cookies), "X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"),
        "Content-Type", "application/json"), body);
    collect(cookies, reply);
    return reply;
  }

  static void collect(Map<String, String> cookies, RawHttp.Reply reply) {
    reply.all("Set-Cookie").forEach(c -> {
      String pair = c.split(";")[0];
      cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    });
  }

  static String header(Map<String, String> cookies) {
    return String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }
}
