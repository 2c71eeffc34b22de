package org.takedown.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like client for the product's pages: signs in through the form at /login and keeps the session cookie. */
public final class PageSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

  private final String base;
  private final HttpClient http;

  private PageSession(int port) {
    this.base = "http://localhost:" + port;
    this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Signs in as the user (password demo) and returns the session. */
  public static PageSession signIn(int port, String user) {
    PageSession session = new PageSession(port);
    HttpResponse<String> form = session.get("/login");
    Matcher token = CSRF.matcher(form.body());
    assertThat(token.find()).as("CSRF token on the sign-in form").isTrue();
    String csrf = token.group(1) != null ? token.group(1) : token.group(2);
    String body = "username=" + enc(user) + "&password=demo&_csrf=" + enc(csrf);
    HttpResponse<String> signedIn = session.send(HttpRequest.newBuilder(URI.create(session.base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).as("sign-in redirect").isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElse("")).as("sign-in of " + user).doesNotContain("error");
    return session;
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<byte[]> getBytes(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
