package org.takedown.security;

import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.takedown.audit.AuditTrail;
import org.takedown.system.Groups;

/**
 * One identity store for the whole product: users, passwords and groups live in the engine's
 * identity service, as Camunda's webapps use them. Groups become authorities {@code GROUP_<id>}.
 * Failed sign-ins are throttled per client address and account, and recorded in the audit trail.
 */
@Component
class EngineIdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identity;
  private final LoginThrottle throttle;
  private final AuditTrail audit;

  EngineIdentityAuthenticationProvider(IdentityService identity, LoginThrottle throttle, AuditTrail audit) {
    this.identity = identity;
    this.throttle = throttle;
    this.audit = audit;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object password = authentication.getCredentials();
    SignInDetails from = details(authentication.getDetails());
    Duration wait = throttle.begin(from.address(), user);
    if (!wait.isZero()) {
      audit.failedSignIn(user, from.address(), from.surface(), true);
      throw new SignInThrottledException(wait);
    }
    boolean right;
    try {
      // The engine's own per-user throttling is off (application.yml): this throttle replaces it.
      right = user != null && password != null && identity.checkPassword(user, password.toString());
    } catch (RuntimeException e) {
      throttle.abandoned(from.address(), user);
      throw e;
    }
    if (!right) {
      throttle.failed(from.address(), user);
      audit.failedSignIn(user, from.address(), from.surface(), false);
      throw new BadCredentialsException("Bad credentials");
    }
    throttle.succeeded(from.address(), user);
    List<GrantedAuthority> groups = identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).<GrantedAuthority>map(id -> new SimpleGrantedAuthority(Groups.AUTHORITY_PREFIX + id)).toList();
    return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
  }

  private static SignInDetails details(Object details) {
    if (details instanceof SignInDetails known) {
      return known;
    }
    String address = details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    return new SignInDetails(address == null ? "unknown" : address, "other");
  }

  @Override
  public boolean supports(Class<?> type) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
  }
}
