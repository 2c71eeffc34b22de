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

/** A browser-like client of the pages without a browser: signs in through the form, keeps the session cookie. */
public final class PageClient {

  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final int port;

  private PageClient(int port) {
    this.port = port;
  }

  public static PageClient signIn(int port, String user) {
    PageClient client = new PageClient(port);
    HttpResponse<String> form = client.get("/login");
    Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
    assertThat(token.find()).as(form.body()).isTrue();
    HttpResponse<String> signedIn = client.post("/login", "username=" + user + "&password=demo&_csrf="
        + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
    assertThat(signedIn.headers().firstValue("Location")).as("sign-in of %s", user).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    return client;
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  public HttpResponse<String> post(String path, String form) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  HttpResponse<String> post(String path, String contentType, byte[] body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  /** The CSRF token of a page's forms, as a browser would send it back. */
  public static String csrf(String page) {
    Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
    assertThat(token.find()).as("a form with a CSRF token").isTrue();
    return URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
