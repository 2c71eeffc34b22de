package org.takedown.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import org.takedown.system.Groups;

/**
 * One identity store for the whole product: users, passwords and groups live in the engine's
 * identity service, as Camunda's webapps use them. Groups become authorities {@code GROUP_<id>}.
 */
@Component
class EngineIdentityAuthenticationProvider implements AuthenticationProvider {

  static final String GROUP = Groups.AUTHORITY_PREFIX;

  private final IdentityService identity;

  EngineIdentityAuthenticationProvider(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object password = authentication.getCredentials();
    // checkPassword applies the engine's login throttling after failed attempts.
    if (user == null || password == null || !identity.checkPassword(user, password.toString())) {
      throw new BadCredentialsException("Bad credentials");
    }
    List<GrantedAuthority> groups = identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).<GrantedAuthority>map(id -> new SimpleGrantedAuthority(GROUP + id)).toList();
    return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
  }

  @Override
  public boolean supports(Class<?> type) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
  }
}
