package org.takedown.security;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is calling the product's API, in the roles of the brief. */
public record Caller(String user, Set<String> groups) {

  public static Caller current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()) {
      throw new IllegalStateException("No signed-in caller");
    }
    return of(authentication);
  }

  public static Caller of(Authentication authentication) {
    Set<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(EngineIdentityAuthenticationProvider.GROUP))
        .map(a -> a.substring(EngineIdentityAuthenticationProvider.GROUP.length()))
        .collect(Collectors.toUnmodifiableSet());
    return new Caller(authentication.getName(), groups);
  }

  public boolean isAdmin() {
    return groups.contains(EngineAuthorizations.ADMINS);
  }

  /** Fusion-centre staff: coordinators, legal officers and administrators see every operation. */
  public boolean isStaff() {
    return isAdmin() || groups.contains(EngineAuthorizations.COORDINATORS) || groups.contains(EngineAuthorizations.LEGAL);
  }

  public boolean isCoordinator() {
    return isAdmin() || groups.contains(EngineAuthorizations.COORDINATORS);
  }

  public boolean isVendor() {
    return groups.contains(EngineAuthorizations.VENDORS);
  }

  /** Countries whose national unit the caller belongs to (group unit-de → DE). */
  public List<String> unitCountries() {
    return groups.stream().filter(g -> g.startsWith(EngineAuthorizations.UNIT_PREFIX))
        .map(g -> g.substring(EngineAuthorizations.UNIT_PREFIX.length()).toUpperCase(Locale.ROOT)).sorted().toList();
  }
}
