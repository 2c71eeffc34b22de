package org.takedown.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.takedown.system.Caller;

/** How the identity provider's claims become the user name and the product's groups, for sign-in and tokens alike. */
class SsoGroupsTest {

  @Test
  void withoutAMappingValuesAreTheProductsGroupNamesOneToOne() {
    SsoGroups groups = groups(Map.of());
    assertThat(groups.groups(Map.of("groups", List.of("coordinators", "unit-de", "vendor-aegis", "/legal", "Domain Users", "unit-xyz"))))
        .containsExactly("coordinators", "unit-de", "vendor-aegis", "legal");
    assertThat(groups.groups(Map.of("groups", "monitoring"))).containsExactly("monitoring");
    assertThat(groups.groups(Map.of("roles", List.of("coordinators")))).isEmpty();
  }

  @Test
  void withAMappingOnlyMappedValuesCount() {
    SsoGroups groups = groups(Map.of("idp-staff", List.of("coordinators"), "Aegis Analysts", List.of("vendor-aegis", "vendors")));
    assertThat(groups.groups(Map.of("groups", List.of("idp-staff", "coordinators", "Aegis Analysts", "other"))))
        .containsExactly("coordinators", "vendor-aegis", "vendors");
  }

  @Test
  void theClaimIsConfigurableAndMayBeNested() {
    SsoGroups groups = groups(Map.of());
    groups.setGroupsClaim("realm_access.roles");
    assertThat(groups.groups(Map.of("realm_access", Map.of("roles", List.of("legal", "offline_access"))))).containsExactly("legal");
    assertThat(groups.groups(Map.of("realm_access", "not an object"))).isEmpty();
  }

  @Test
  void theUserNameIsTheConfiguredClaimElseTheSubject() {
    SsoGroups groups = groups(Map.of());
    assertThat(groups.userName(Map.of("sub", "0f1e", "preferred_username", "carla"))).isEqualTo("carla");
    assertThat(groups.userName(Map.of("sub", "0f1e"))).isEqualTo("0f1e");
    groups.setUserNameClaim("email");
    assertThat(groups.userName(Map.of("sub", "0f1e", "email", "carla@centre.example"))).isEqualTo("carla@centre.example");
  }

  @Test
  void aMappingToAGroupTheProductDoesNotHaveStopsTheStart() {
    assertThatThrownBy(() -> groups(Map.of("idp-staff", List.of("coordinator"), "idp-de", List.of("unit-germany"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("takedown.sso.group-mapping maps to groups the product does not have: idp-de → unit-germany, idp-staff → coordinator."
            + " Map each value of the identity provider to coordinators, legal, camunda-admin, vendors, monitoring,"
            + " unit-<country code> (unit-de) or vendor-<organisation id> (vendor-aegis).");
  }

  @Test
  void aTokensVendorGroupNamesTheCallersOrganisation() {
    SsoGroups groups = groups(Map.of("Aegis Analysts", List.of("vendor-aegis")));
    Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").subject("a1").claim("preferred_username", "ana")
        .claim("groups", List.of("Aegis Analysts")).issuedAt(Instant.now()).build();
    Caller caller = Caller.of(BearerTokenSignIn.converter(groups).convert(token));
    assertThat(caller.user()).isEqualTo("ana");
    assertThat(caller.organisations()).containsExactly("aegis");
    assertThat(caller.isVendor()).isTrue();
    assertThat(caller.isStaff()).isFalse();
  }

  private static SsoGroups groups(Map<String, List<String>> mapping) {
    SsoGroups groups = new SsoGroups();
    groups.setGroupMapping(new LinkedHashMap<>(mapping));
    groups.afterPropertiesSet();
    return groups;
  }
}
