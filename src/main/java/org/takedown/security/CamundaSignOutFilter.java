package org.takedown.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signing out of Tasklist, Cockpit or Admin ({@code POST /camunda/api/admin/auth/user/{engine}/logout}) ends the
 * product's session as well: it holds the product's sign-in, from which {@link CamundaSignInFilter} would otherwise
 * sign the user straight back in to the webapps.
 */
class CamundaSignOutFilter extends OncePerRequestFilter {

  private static final Pattern LOGOUT = Pattern.compile(".*/api/admin/auth/user/[^/]+/logout/?");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return !"POST".equals(request.getMethod()) || !LOGOUT.matcher(path).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(request, response);
    if (response.getStatus() < 400) {
      HttpSession session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
      SecurityContextHolder.clearContext();
    }
  }
}
