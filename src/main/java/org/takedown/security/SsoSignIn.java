package org.takedown.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.RequestCache;
import org.takedown.audit.AuditTrail;
import org.takedown.system.Caller;

/**
 * Staff sign-in through the organisation's identity provider (OpenID Connect): the user's name and groups are read from
 * the ID token and user info by {@link SsoGroups}, as for a bearer token. A user to whom the provider gives none of the
 * product's groups is not let in (an organisation's provider knows many people who have no business here). Sign-ins and
 * refusals go to the audit trail, like those of the sign-in form.
 */
final class SsoSignIn {

  static final String SURFACE = "sso";

  private SsoSignIn() {}

  static OAuth2UserService<OidcUserRequest, OidcUser> users(SsoGroups groups) {
    OidcUserService standard = new OidcUserService();
    return request -> {
      OidcUser user = standard.loadUser(request);
      Map<String, Object> claims = user.getClaims();
      List<GrantedAuthority> authorities = new ArrayList<>(groups.authorities(claims));
      if (authorities.isEmpty()) {
        throw new NoProductGroups(groups.userName(claims));
      }
      authorities.add(new SimpleGrantedAuthority(SsoGroups.SSO));
      Object name = claims.get(groups.getUserNameClaim());
      String nameClaim = name instanceof String text && !text.isBlank() ? groups.getUserNameClaim() : "sub";
      return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), nameClaim);
    };
  }

  /** Records the sign-in with the groups it gave, then goes where the user was going (or the board). */
  static AuthenticationSuccessHandler success(AuditTrail audit, RequestCache cache) {
    SavedRequestAwareAuthenticationSuccessHandler target = new SavedRequestAwareAuthenticationSuccessHandler();
    target.setRequestCache(cache);
    target.setDefaultTargetUrl("/");
    return (request, response, authentication) -> {
      audit.signedIn(authentication.getName(), request.getRemoteAddr(), SURFACE,
          Caller.of(authentication).groups().stream().sorted().toList());
      target.onAuthenticationSuccess(request, response, authentication);
    };
  }

  /** Back to the sign-in page, which says what happened; the refusal goes to the audit trail. */
  static AuthenticationFailureHandler failure(AuditTrail audit) {
    return (request, response, e) -> {
      if (e instanceof NoProductGroups refused) {
        audit.refusedSignIn(refused.user, request.getRemoteAddr(), SURFACE, 403,
            "the identity provider names none of the product's groups for this user");
        response.sendRedirect(request.getContextPath() + "/login?sso=no-groups");
        return;
      }
      String code = e instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : e.getClass().getSimpleName();
      audit.refusedSignIn(null, request.getRemoteAddr(), SURFACE, 401, "the identity provider's answer was refused (" + code + ")");
      response.sendRedirect(request.getContextPath() + "/login?sso=failed");
    };
  }

  /** A genuine sign-in at the identity provider, of someone who has no role in the product. */
  static final class NoProductGroups extends OAuth2AuthenticationException {
    private final String user;

    NoProductGroups(String user) {
      super(new OAuth2Error("no_product_groups", "The identity provider names none of Takedown's groups for this user", null));
      this.user = user;
    }
  }
}
