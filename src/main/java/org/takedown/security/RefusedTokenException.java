package org.takedown.security;

import java.util.Locale;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A bearer token refused, with the plain sentence its caller reads (problem+json detail) and the audit trail records:
 * 401 for a token that is expired, wrongly signed, from another issuer or unreadable; 403 for a genuine token that
 * names none of the product's groups; 503 when the identity provider's keys cannot be fetched to check it.
 */
class RefusedTokenException extends AuthenticationException {

  private final int status;

  private RefusedTokenException(int status, String detail, Throwable cause) {
    super(detail, cause);
    this.status = status;
  }

  int status() {
    return status;
  }

  /** Why Spring Security (and the JWT library under it) refused the token, said for a person. */
  static RefusedTokenException invalid(AuthenticationException e) {
    StringBuilder messages = new StringBuilder();
    for (Throwable cause = e; cause != null && messages.length() < 2000; cause = cause.getCause()) {
      messages.append(cause.getMessage()).append('\n');
      if (cause instanceof JwtValidationException invalid) {
        invalid.getErrors().forEach(error -> messages.append(error.getDescription()).append('\n'));
      }
    }
    String message = messages.toString().toLowerCase(Locale.ROOT);
    String detail;
    if (message.contains("expired")) {
      detail = "The bearer token has expired: get a new one from your identity provider and send it again.";
    } else if (message.contains("iss claim") || message.contains("issuer")) {
      detail = "The bearer token comes from an identity provider this product does not trust: get one from the identity"
          + " provider it is configured with.";
    } else if (message.contains("aud claim") || message.contains("audience")) {
      detail = "The bearer token was not issued for this product (its audience): ask your identity provider for a token for Takedown.";
    } else if (message.contains("signature") || message.contains("no matching key") || message.contains("signed jwt rejected")) {
      detail = "The bearer token's signature does not match the identity provider's keys: it was not issued by it, or was changed.";
    } else if (message.contains("malformed") || message.contains("serialization") || message.contains("parse")) {
      detail = "The bearer token is not a well-formed JWT: send the access token your identity provider issued, as it is.";
    } else if (message.contains("not before") || message.contains("nbf")) {
      detail = "The bearer token is not valid yet: check the clocks of this client and of the identity provider.";
    } else {
      detail = "The bearer token is not valid: get a new one from your identity provider and send it again.";
    }
    return new RefusedTokenException(401, detail, e);
  }

  static RefusedTokenException noGroups() {
    return new RefusedTokenException(403, "Your identity provider names none of Takedown's groups for you: ask your "
        + "administrator to add you to one (coordinators, legal, a national unit's or a vendor organisation's).", null);
  }

  static RefusedTokenException unavailable(Throwable cause) {
    return new RefusedTokenException(503, "The identity provider's keys could not be fetched to check the bearer token:"
        + " try again in a moment, or sign in with a user name and password.", cause);
  }
}
