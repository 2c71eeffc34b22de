package org.takedown.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.takedown.RawHttp.basic;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.takedown.system.Groups;
import org.takedown.RawHttp;
import org.takedown.TakedownTest;

/**
 * Failed sign-ins hold back the client that made them, on that account, and nobody else: on HTTP
 * Basic (/api, /engine-rest), the pages' form login and Camunda's webapp login. The attacker is
 * a second client address (127.0.0.x); every test has its own user, so no other test is throttled.
 */
@TakedownTest
class SignInThrottlingTest {

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired IdentityService identity;

  private String user(String id) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setPassword(password(id));
      identity.saveUser(user);
      identity.createMembership(id, Groups.COORDINATORS);
    }
    return id;
  }

  private static String password(String id) {
    return "right-" + id;
  }

  private static void assertThrottled(RawHttp.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(429);
    long seconds = Long.parseLong(reply.header("Retry-After"));
    assertThat(seconds).isBetween(1L, 60L);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.body()).contains("\"title\":\"Too Many Requests\"", "\"status\":429",
        "Too many failed sign-ins for this account from your address. Wait " + seconds + " seconds, then sign in again");
  }

  @Test
  void twentyWrongPasswordsFromOneClientDoNotStopTheUserSigningInFromAnother() throws IOException {
    String user = user("throttle-api");
    RawHttp attacker = new RawHttp(port, "127.0.0.2");
    List<Integer> statuses = new ArrayList<>();
    RawHttp.Reply last = null;
    for (int i = 0; i < 20; i++) {
      last = attacker.get("/api/operations", Map.of("Authorization", basic(user, "guess-" + i)));
      statuses.add(last.status());
    }
    assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429, 429, 429, 429, 429, 429, 429,
        429, 429);
    assertThrottled(last);
    // That client waits even with the right password: the password is not even checked.
    assertThrottled(attacker.get("/api/operations", Map.of("Authorization", basic(user, password(user)))));

    // The user, from another address, straight after: on the API, on the engine's REST API, and on a third address.
    assertThat(http.withBasicAuth(user, password(user)).getForEntity("/api/operations", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(http.withBasicAuth(user, password(user)).getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(new RawHttp(port, "127.0.0.3").get("/api/operations", Map.of("Authorization", basic(user, password(user)))).status())
        .isEqualTo(200);
    // The engine itself holds nothing against the account.
    assertThat(identity.checkPassword(user, password(user))).isTrue();
  }

  @Test
  void engineRestIsThrottledTheSameWay() throws IOException {
    String user = user("throttle-engine");
    RawHttp attacker = new RawHttp(port, "127.0.0.4");
    for (int i = 0; i < 5; i++) {
      RawHttp.Reply reply = attacker.get("/engine-rest/task", Map.of("Authorization", basic(user, "guess-" + i)));
      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.body()).contains("Sign in: send HTTP Basic credentials");
    }
    assertThrottled(attacker.get("/engine-rest/task", Map.of("Authorization", basic(user, "guess-5"))));
    assertThat(http.withBasicAuth(user, password(user)).getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void theFormLoginOfThePagesSaysHowLongToWait() throws IOException {
    String user = user("throttle-form");
    RawHttp attacker = new RawHttp(port, "127.0.0.5");
    for (int i = 0; i < 5; i++) {
      RawHttp.Reply reply = formLogin(attacker, user, "guess-" + i);
      assertThat(reply.status()).isEqualTo(302);
      assertThat(reply.header("Location")).endsWith("/login?error");
    }
    RawHttp.Reply throttled = formLogin(attacker, user, password(user));
    assertThat(throttled.status()).isEqualTo(429);
    long seconds = Long.parseLong(throttled.header("Retry-After"));
    assertThat(throttled.header("Content-Type")).startsWith("text/html");
    assertThat(throttled.body()).contains("Too many failed sign-ins", "Wait " + seconds + " seconds, then sign in again",
        "Back to sign in");

    RawHttp.Reply elsewhere = formLogin(new RawHttp(port, "127.0.0.1"), user, password(user));
    assertThat(elsewhere.status()).isEqualTo(302);
    assertThat(elsewhere.header("Location")).doesNotContain("error");
  }

  @Test
  void camundasWebappLoginIsThrottledTheSameWay() throws IOException {
    String user = user("throttle-webapp");
    RawHttp attacker = new RawHttp(port, "127.0.0.6");
    for (int i = 0; i < 5; i++) {
      assertThat(webappLogin(attacker, user, "guess-" + i).status()).isEqualTo(401);
    }
    assertThrottled(webappLogin(attacker, user, password(user)));

    RawHttp.Reply elsewhere = webappLogin(new RawHttp(port, "127.0.0.1"), user, password(user));
    assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(200);
    assertThat(elsewhere.body()).contains("\"userId\":\"" + user + "\"");
    // Twenty more wrong passwords from the attacker change nothing for the user.
    for (int i = 0; i < 20; i++) {
      webappLogin(attacker, user, "again-" + i);
    }
    assertThat(webappLogin(new RawHttp(port, "127.0.0.3"), user, password(user)).status()).isEqualTo(200);

    // The throttle reads the login form itself, so it reads no more than a login form can be.
    RawHttp.Reply huge = new RawHttp(port, "127.0.0.6").send("POST", "/camunda/api/admin/auth/user/default/login/tasklist",
        Map.of("Content-Type", "application/x-www-form-urlencoded"), "username=" + user + "&password=" + "x".repeat(20_000));
    assertThat(huge.status()).isEqualTo(413);
    assertThat(huge.body()).contains("A sign-in form is at most 16 kB");
  }

  /** The pages' sign-in form, as a browser submits it: with its session and CSRF token. */
  private static RawHttp.Reply formLogin(RawHttp client, String user, String password) throws IOException {
    RawHttp.Reply form = client.get("/login", Map.of());
    Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
    assertThat(token.find()).as(form.body()).isTrue();
    return client.send("POST", "/login", Map.of("Cookie", cookies(form), "Content-Type", "application/x-www-form-urlencoded"),
        form(Map.of("username", user, "password", password, "_csrf", token.group(1))));
  }

  /** Camunda's login page: it fetches a CSRF token first, then posts the form with it. */
  private static RawHttp.Reply webappLogin(RawHttp client, String user, String password) throws IOException {
    RawHttp.Reply page = client.get("/camunda/app/tasklist/default/", Map.of());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Cookie", cookies(page));
    headers.put("X-XSRF-TOKEN", page.header("X-XSRF-TOKEN"));
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    return client.send("POST", "/camunda/api/admin/auth/user/default/login/tasklist", headers,
        form(Map.of("username", user, "password", password)));
  }

  private static String cookies(RawHttp.Reply reply) {
    return String.join("; ", reply.all("Set-Cookie").stream().map(c -> c.split(";")[0]).toList());
  }

  private static String form(Map<String, String> fields) {
    return String.join("&", fields.entrySet().stream()
        .map(f -> f.getKey() + "=" + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8)).toList());
  }
}
