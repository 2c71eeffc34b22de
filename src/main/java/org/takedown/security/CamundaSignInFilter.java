package org.takedown.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * Camunda's container-based sign-in for its webapps, fed by {@link SpringSecurityAuthenticationProvider}: whoever is
 * signed in to the product (single sign-on or the sign-in form) is signed in to Tasklist, Cockpit and Admin with the
 * same groups, in the same session. Without a product sign-in the request passes untouched, so Camunda's own login
 * (local accounts) keeps working. Two changes to Camunda's filter: the user need not exist in the engine's user table
 * (a user of the identity provider), and a change of groups (a new sign-in) replaces the webapps' sign-in.
 */
class CamundaSignInFilter extends ContainerBasedAuthenticationFilter {

  private static final List<String> APPS = List.of("cockpit", "tasklist", "admin");

  CamundaSignInFilter() {
    this.authenticationProvider = new SpringSecurityAuthenticationProvider();
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    if (SpringSecurityAuthenticationProvider.signedIn() == null) {
      chain.doFilter(request, response);
      return;
    }
    super.doFilter(request, response, chain);
  }

  @Override
  protected boolean existisAuthentication(Authentications authentications, String engineName, String user) {
    Authentication current = authentications.getAuthenticationForProcessEngine(engineName);
    return current instanceof UserAuthentication known && user.equals(known.getIdentityId()) && known.getGroupIds() != null
        && Set.copyOf(known.getGroupIds()).equals(Set.copyOf(SpringSecurityAuthenticationProvider.groups(SpringSecurityAuthenticationProvider.signedIn())));
  }

  @Override
  protected UserAuthentication createAuthentication(ProcessEngine engine, String user, List<String> groups, List<String> tenants) {
    UserAuthentication authentication = new UserAuthentication(user, engine.getName());
    authentication.setGroupIds(groups);
    authentication.setTenantIds(tenants);
    Set<String> apps = new HashSet<>();
    apps.add("welcome");
    for (String app : APPS) {
      if (!engine.getProcessEngineConfiguration().isAuthorizationEnabled()
          || engine.getAuthorizationService().isUserAuthorized(user, groups, Permissions.ACCESS, Resources.APPLICATION, app)) {
        apps.add(app);
      }
    }
    authentication.setAuthorizedApps(apps);
    // The product's session is what counts: Camunda would look the user up in its own table every few minutes and drop
    // one it does not know; this filter checks the user and groups at every request instead.
    authentication.setCacheValidationTime(Date.from(Instant.now().plus(36500, ChronoUnit.DAYS)));
    return authentication;
  }

  /** Signed in to the webapps by Camunda's own login (a local account), without a product sign-in. */
  static boolean signedInToWebapps(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null && !AuthenticationUtil.getAuthsFromSession(session).getAuthentications().isEmpty();
  }
}
