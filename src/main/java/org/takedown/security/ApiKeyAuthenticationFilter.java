package org.takedown.security;

import org.takedown.system.Groups;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code X-Api-Key} for vendors' machines. A key belongs to a vendor organisation and acts as one of its members, in
 * the vendors group and the organisation's group only: it can submit tips, read the organisation's operations, answer
 * information requests and withdraw. It signs in as itself ({@code apikey-<prefix>}), so that a tip's submitter and
 * the audit trail name the key, never a person.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  static final String HEADER = "X-Api-Key";
  static final String API_KEY = "API_KEY";

  private final ApiKeyService keys;
  private final AuthenticationEntryPoint entryPoint;

  ApiKeyAuthenticationFilter(ApiKeyService keys, AuthenticationEntryPoint entryPoint) {
    this.keys = keys;
    this.entryPoint = entryPoint;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String presented = request.getHeader(HEADER);
    if (presented == null) {
      chain.doFilter(request, response);
      return;
    }
    var key = keys.authenticate(presented);
    if (key.isEmpty()) {
      SecurityContextHolder.clearContext();
      entryPoint.commence(request, response, new BadCredentialsException("Unknown or revoked API key"));
      return;
    }
    var authorities = List.of(new SimpleGrantedAuthority(Groups.AUTHORITY_PREFIX + Groups.VENDORS),
        new SimpleGrantedAuthority(Groups.AUTHORITY_PREFIX + Groups.VENDOR_PREFIX + key.get().getVendor()),
        new SimpleGrantedAuthority(API_KEY));
    var authentication = UsernamePasswordAuthenticationToken.authenticated(ApiKeyService.principal(key.get()), null, authorities);
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    chain.doFilter(request, response);
  }
}
