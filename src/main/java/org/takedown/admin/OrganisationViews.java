package org.takedown.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.organisation.VendorOrganisation;
import org.takedown.organisation.VendorOrganisations;
import org.takedown.security.ApiKey;
import org.takedown.security.ApiKeyService;

/** The vendor organisations as administrators read them, on the page and through the API alike. */
@Component
class OrganisationViews {

  private final VendorOrganisations organisations;
  private final ApiKeyService keys;

  OrganisationViews(VendorOrganisations organisations, ApiKeyService keys) {
    this.organisations = organisations;
    this.keys = keys;
  }

  /** A member: a local account of the organisation's group. */
  record MemberView(String user, String name, String email) {}

  /** An organisation's API key as the page shows it (times in UTC), never the key itself. */
  record KeyView(long id, String label, String prefix, String principal, String created, String createdBy, String revoked,
      String revokedBy, boolean active) {}

  private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(java.time.ZoneOffset.UTC);

  /** An organisation: {@code activeApiKeys} counts its keys that still work. */
  record OrganisationView(String id, String displayName, List<MemberView> members, long activeApiKeys, Instant createdAt,
      String createdBy) {}

  /** On the page: the organisation and its keys, revoked ones included. */
  record OrganisationPage(OrganisationView organisation, List<KeyView> keys) {}

  @Transactional(readOnly = true)
  List<OrganisationView> all() {
    Map<String, Long> active = keys.activeByOrganisation();
    return organisations.all().stream().map(o -> view(o, active)).toList();
  }

  @Transactional(readOnly = true)
  OrganisationView one(String id) {
    return view(organisations.get(id), keys.activeByOrganisation());
  }

  @Transactional(readOnly = true)
  List<OrganisationPage> pages() {
    return all().stream().map(o -> new OrganisationPage(o, keys.list(o.id()).stream().map(OrganisationViews::key).toList())).toList();
  }

  static KeyView key(ApiKey k) {
    return new KeyView(k.getId(), k.getLabel(), k.getPrefix(), ApiKeyService.principal(k), TIME.format(k.getCreatedAt()), k.getCreatedBy(),
        k.getRevokedAt() == null ? null : TIME.format(k.getRevokedAt()), k.getRevokedBy(), k.isActive());
  }

  private OrganisationView view(VendorOrganisation o, Map<String, Long> active) {
    return new OrganisationView(o.getId(), o.getDisplayName(),
        organisations.members(o.getId()).stream().map(m -> new MemberView(m.user(), m.name(), m.email())).toList(),
        active.getOrDefault(o.getId(), 0L), o.getCreatedAt(), o.getCreatedBy());
  }
}
