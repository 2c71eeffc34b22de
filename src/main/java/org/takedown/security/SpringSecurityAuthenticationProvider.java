package org.takedown.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.takedown.system.Groups;

/**
 * Camunda's webapps (Tasklist, Cockpit, Admin) take the user signed in to the product, through the identity provider
 * or the product's sign-in form: its name and the groups of its GROUP_ authorities. The groups come from the token
 * for a user of the identity provider, who need not exist in the engine's user table. Public with a public no-argument
 * constructor: Camunda's ContainerBasedAuthenticationFilter may also be given it by name (init-param authentication-provider).
 */
public class SpringSecurityAuthenticationProvider implements AuthenticationProvider {

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    Authentication authentication = signedIn();
    if (authentication == null) {
      return AuthenticationResult.unsuccessful();
    }
    AuthenticationResult result = AuthenticationResult.successful(authentication.getName());
    result.setGroups(groups(authentication));
    result.setTenants(List.of());
    return result;
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    // No challenge: a browser is sent to the product's sign-in page by the security chain of /camunda.
  }

  /** The product's signed-in user, or null. */
  static Authentication signedIn() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken
        ? null : authentication;
  }

  static List<String> groups(Authentication authentication) {
    return authentication.getAuthorities().stream().map(a -> a.getAuthority())
        .filter(a -> a.startsWith(Groups.AUTHORITY_PREFIX))
        .map(a -> a.substring(Groups.AUTHORITY_PREFIX.length())).sorted().toList();
  }
}
