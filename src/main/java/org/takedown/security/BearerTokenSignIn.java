package org.takedown.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.takedown.audit.AuditTrail;
import org.takedown.system.Groups;

/**
 * A bearer token (JWT from the identity provider) on /api, TAXII or /engine-rest, checked like a password: the same
 * sign-in throttle per client address and account (the account the token claims, read before it is checked), and a
 * refused token goes to the audit trail as a failed sign-in does. The token's groups claim gives the caller's groups
 * ({@link SsoGroups}), which the disclosure policy and the engine read as for any user.
 */
final class BearerTokenSignIn implements AuthenticationManager {

  private final JwtAuthenticationProvider jwt;
  private final SsoGroups groups;
  private final LoginThrottle throttle;
  private final AuditTrail audit;
  private final String surface;

  BearerTokenSignIn(JwtDecoder decoder, SsoGroups groups, LoginThrottle throttle, AuditTrail audit, String surface) {
    this.jwt = new JwtAuthenticationProvider(decoder);
    this.jwt.setJwtAuthenticationConverter(converter(groups));
    this.groups = groups;
    this.throttle = throttle;
    this.audit = audit;
    this.surface = surface;
  }

  /** The caller as the token names it: the user-name claim, its groups, and how it signed in. */
  static Converter<Jwt, AbstractAuthenticationToken> converter(SsoGroups groups) {
    return token -> {
      List<GrantedAuthority> authorities = new ArrayList<>(groups.authorities(token.getClaims()));
      authorities.add(new SimpleGrantedAuthority(SsoGroups.BEARER));
      return new JwtAuthenticationToken(token, authorities, groups.userName(token.getClaims()));
    };
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    BearerTokenAuthenticationToken bearer = (BearerTokenAuthenticationToken) authentication;
    String address = bearer.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
        ? web.getRemoteAddress() : "unknown";
    String claimed = groups.claimedUserName(bearer.getToken());
    Duration wait = throttle.begin(address, claimed);
    if (!wait.isZero()) {
      audit.refusedSignIn(claimed, address, surface, TooManySignIns.STATUS, "refused without checking the bearer token");
      throw new SignInThrottledException(wait);
    }
    Authentication result;
    try {
      result = jwt.authenticate(bearer);
    } catch (AuthenticationServiceException e) {
      // The keys could not be fetched: nothing is known of the token, so it counts neither way.
      throttle.abandoned(address, claimed);
      throw RefusedTokenException.unavailable(e);
    } catch (AuthenticationException e) {
      throttle.failed(address, claimed);
      RefusedTokenException refused = RefusedTokenException.invalid(e);
      audit.refusedSignIn(claimed, address, surface, refused.status(), refused.getMessage());
      throw refused;
    } catch (RuntimeException e) {
      // The provider's discovery document could not be read (the decoder is made at the first token): 503, not 500.
      throttle.abandoned(address, claimed);
      throw RefusedTokenException.unavailable(e);
    }
    throttle.succeeded(address, claimed);
    if (result.getAuthorities().stream().noneMatch(a -> a.getAuthority().startsWith(Groups.AUTHORITY_PREFIX))) {
      RefusedTokenException refused = RefusedTokenException.noGroups();
      audit.refusedSignIn(result.getName(), address, surface, refused.status(), "a genuine token that names none of the product's groups");
      throw refused;
    }
    return result;
  }
}
