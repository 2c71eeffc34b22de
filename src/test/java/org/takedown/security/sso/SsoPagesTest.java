package org.takedown.security.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.RawHttp;
import org.springframework.http.HttpStatus;

/** With single sign-on configured, local accounts keep every way in they had; pages of the webapps lead to /login. */
@SsoTest
class SsoPagesTest {

  @Autowired TestRestTemplate http;
  @LocalServerPort int port;

  @Test
  void theSignInPageOffersTheIdentityProviderBesideTheForm() {
    Document page = Jsoup.parse(http.getForObject("/login", String.class));
    assertThat(page.select("a.button").eachText()).containsExactly("Sign in with " + IdentityProvider.NAME);
    assertThat(page.select("a.button").attr("href")).isEqualTo("/oauth2/authorization/fusion");
    assertThat(page.select("form input[name=username]")).hasSize(1);
  }

  @Test
  void aWebappPageWithoutASessionLeadsToTheSignInPage() throws IOException {
    RawHttp.Reply page = new RawHttp(port, "127.0.0.21").get("/camunda/app/tasklist/default/", Map.of());
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.header("Location")).endsWith("/login");
    // Their scripts and API are not pages: the API still refuses anonymous calls itself.
    assertThat(http.getForEntity("/camunda/api/engine/engine/default/task", String.class).getStatusCode())
        .isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
  }

  @Test
  void camundasOwnLoginStillSignsInLocalAccounts() throws IOException {
    RawHttp client = new RawHttp(port, "127.0.0.22");
    // As Camunda's login page does: a CSRF token from a read of the webapps' API, then the form with it.
    RawHttp.Reply read = client.get("/camunda/api/admin/auth/user/default", Map.of());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Cookie", String.join("; ", read.all("Set-Cookie").stream().map(c -> c.split(";")[0]).toList()));
    headers.put("X-XSRF-TOKEN", read.header("X-XSRF-TOKEN"));
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    RawHttp.Reply login = client.send("POST", "/camunda/api/admin/auth/user/default/login/tasklist", headers,
        "username=cora&password=demo");
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    assertThat(login.body()).contains("\"userId\":\"cora\"");
  }
}
