package org.takedown.system;

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
        .filter(a -> a.startsWith(Groups.AUTHORITY_PREFIX))
        .map(a -> a.substring(Groups.AUTHORITY_PREFIX.length()))
        .collect(Collectors.toUnmodifiableSet());
    return new Caller(authentication.getName(), groups);
  }

  public boolean isAdmin() {
    return groups.contains(Groups.ADMINS);
  }

  /** Fusion-centre staff: coordinators, legal officers and administrators see every operation. */
  public boolean isStaff() {
    return isAdmin() || groups.contains(Groups.COORDINATORS) || groups.contains(Groups.LEGAL);
  }

  public boolean isCoordinator() {
    return isAdmin() || groups.contains(Groups.COORDINATORS);
  }

  /** A vendor's analyst or system: in the vendors group, or a member of a vendor organisation. */
  public boolean isVendor() {
    return groups.contains(Groups.VENDORS) || !organisations().isEmpty();
  }

  /** The vendor organisations the caller belongs to (group vendor-aegis → aegis), sorted. */
  public List<String> organisations() {
    return groups.stream().filter(g -> g.startsWith(Groups.VENDOR_PREFIX))
        .map(g -> g.substring(Groups.VENDOR_PREFIX.length())).sorted().toList();
  }

  /** Countries whose national unit the caller belongs to (group unit-de → DE). */
  public List<String> unitCountries() {
    return groups.stream().filter(g -> g.startsWith(Groups.UNIT_PREFIX))
        .map(g -> g.substring(Groups.UNIT_PREFIX.length()).toUpperCase(Locale.ROOT)).sorted().toList();
  }
}
