package org.takedown.security.sso;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real OpenID Connect provider for the single sign-on tests (NAV's mock-oauth2-server, in this JVM on a free port):
 * discovery, authorisation code flow, tokens signed with its keys, JWKS and end_session. One for the whole test run,
 * started before the first context that needs it, so that every SSO test class shares one Spring context.
 */
public final class IdentityProvider {

  public static final String ISSUER_ID = "fusion";
  public static final String CLIENT_ID = "takedown";
  public static final String NAME = "Fusion Centre ID";

  private static MockOAuth2Server server;

  private IdentityProvider() {}

  public static synchronized MockOAuth2Server server() {
    if (server == null) {
      server = new MockOAuth2Server();
      server.start(0);
    }
    return server;
  }

  public static String issuer() {
    return server().issuerUrl(ISSUER_ID).toString();
  }

  /** The next sign-in through the provider's login (authorisation code flow) is this user, with these groups. */
  public static void nextSignIn(String subject, String userName, List<String> groups) {
    server().enqueueCallback(callback(subject, userName, groups, 3600));
  }

  /** An access token the provider issued, valid for seconds. */
  public static String token(String userName, List<String> groups, long seconds) {
    return server().issueToken(ISSUER_ID, CLIENT_ID, callback(userName + "-id", userName, groups, seconds)).serialize();
  }

  /** An access token the provider issued two hours ago, valid for one hour. */
  public static String expiredToken(String userName, List<String> groups) {
    long now = Instant.now().getEpochSecond();
    return signed(Map.of("iss", issuer(), "sub", userName + "-id", "aud", CLIENT_ID, "preferred_username", userName,
        "groups", groups, "iat", now - 7200, "nbf", now - 7200, "exp", now - 3600));
  }

  /** These claims, signed with the provider's own key. */
  public static String signed(Map<String, Object> claims) {
    return server().getConfig().getTokenProvider().jwt(claims, Duration.ofHours(1), ISSUER_ID).serialize();
  }

  private static DefaultOAuth2TokenCallback callback(String subject, String userName, List<String> groups, long seconds) {
    return new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID),
        Map.of("preferred_username", userName, "groups", groups), seconds);
  }

  /** Whether the provider was asked to end a session (RP-initiated logout) within a few seconds. */
  public static boolean endSessionCalled() {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      RecordedRequest request = server().takeRequest(200, TimeUnit.MILLISECONDS);
      if (request != null && request.getPath() != null && request.getPath().startsWith("/" + ISSUER_ID + "/endsession")) {
        return true;
      }
    }
    return false;
  }

  /** Configures the product with Spring Boot's standard properties, as an operator would (docs/security.md). */
  public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestPropertyValues.of(
          "spring.security.oauth2.client.registration.fusion.client-id=" + CLIENT_ID,
          "spring.security.oauth2.client.registration.fusion.client-secret=test-secret",
          "spring.security.oauth2.client.registration.fusion.client-name=" + NAME,
          "spring.security.oauth2.client.registration.fusion.scope=openid,profile",
          "spring.security.oauth2.client.provider.fusion.issuer-uri=" + issuer(),
          "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer(),
          "takedown.sso.group-mapping.idp-staff=coordinators",
          "takedown.sso.group-mapping.idp-legal=legal",
          "takedown.sso.group-mapping.idp-admins=camunda-admin",
          "takedown.sso.group-mapping.idp-aegis-analysts=vendor-aegis",
          "takedown.sso.group-mapping.idp-unit-germany=unit-de").applyTo(context);
    }
  }
}
