package org.takedown.security;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import org.takedown.system.Groups;

/**
 * What the identity provider says about a user, read the same way for a single sign-on and for a bearer token
 * (takedown.sso.*): the user name (claim {@code user-name-claim}, else {@code sub}) and the product's groups. The
 * groups come from the claim {@code groups-claim} (a list or a single string; a dotted path such as
 * {@code realm_access.roles} reaches into an object). Without {@code group-mapping} its values are the product's group
 * names one to one; with it, only the mapped values count. Values that name no group of the product are ignored.
 */
@Component
@ConfigurationProperties("takedown.sso")
public class SsoGroups implements InitializingBean {

  /** Authorities that say how a caller signed in, beside its GROUP_ ones (the audit trail's "via"). */
  static final String SSO = "SIGNED_IN_SSO";
  static final String BEARER = "SIGNED_IN_BEARER";

  private static final Logger log = LoggerFactory.getLogger(SsoGroups.class);
  /** The product's group names: roles, national units (unit-de) and vendor organisations (vendor-aegis). */
  private static final Pattern PRODUCT_GROUP = Pattern.compile(
      "coordinators|legal|camunda-admin|vendors|monitoring|unit-[a-z]{2}|vendor-[a-z0-9-]{2,40}");
  /** Unknown values are logged once each, and at most this many are remembered. */
  private static final int MAX_LOGGED = 1000;

  private String groupsClaim = "groups";
  private String userNameClaim = "preferred_username";
  private Map<String, List<String>> groupMapping = new LinkedHashMap<>();
  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  public void setGroupsClaim(String groupsClaim) {
    this.groupsClaim = groupsClaim;
  }

  public void setUserNameClaim(String userNameClaim) {
    this.userNameClaim = userNameClaim;
  }

  public void setGroupMapping(Map<String, List<String>> groupMapping) {
    this.groupMapping = groupMapping == null ? new LinkedHashMap<>() : groupMapping;
  }

  public String getGroupsClaim() {
    return groupsClaim;
  }

  public String getUserNameClaim() {
    return userNameClaim;
  }

  public Map<String, List<String>> getGroupMapping() {
    return groupMapping;
  }

  /** A mapping to a group the product does not have would silently give nobody that role: the start fails instead. */
  @Override
  public void afterPropertiesSet() {
    if (groupsClaim == null || groupsClaim.isBlank()) {
      throw new IllegalStateException("takedown.sso.groups-claim is empty: name the token claim that lists the user's groups (default groups)");
    }
    if (userNameClaim == null || userNameClaim.isBlank()) {
      throw new IllegalStateException("takedown.sso.user-name-claim is empty: name the token claim with the user name (default preferred_username)");
    }
    Set<String> wrong = new TreeSet<>();
    groupMapping.forEach((value, groups) -> {
      if (groups == null || groups.isEmpty()) {
        wrong.add(value + " → (nothing)");
      } else {
        groups.stream().filter(group -> group == null || !PRODUCT_GROUP.matcher(group.trim()).matches())
            .forEach(group -> wrong.add(value + " → " + group));
      }
    });
    if (!wrong.isEmpty()) {
      throw new IllegalStateException("takedown.sso.group-mapping maps to groups the product does not have: " + String.join(", ", wrong)
          + ". Map each value of the identity provider to coordinators, legal, camunda-admin, vendors, monitoring, unit-<country code>"
          + " (unit-de) or vendor-<organisation id> (vendor-aegis).");
    }
  }

  /** The user name: the configured claim if the token has it, else the subject. */
  public String userName(Map<String, Object> claims) {
    Object name = claims.get(userNameClaim);
    if (name instanceof String text && !text.isBlank()) {
      return text;
    }
    Object subject = claims.get("sub");
    return subject == null ? null : subject.toString();
  }

  /** The product's groups the claims give, as GROUP_ authorities, in the order the claim lists them. */
  public List<GrantedAuthority> authorities(Map<String, Object> claims) {
    return groups(claims).stream().<GrantedAuthority>map(group -> new SimpleGrantedAuthority(Groups.AUTHORITY_PREFIX + group)).toList();
  }

  /** The product's groups the claims give. */
  public List<String> groups(Map<String, Object> claims) {
    Set<String> groups = new LinkedHashSet<>();
    for (String value : values(claim(claims))) {
      if (!groupMapping.isEmpty()) {
        List<String> mapped = groupMapping.get(value);
        if (mapped != null) {
          mapped.forEach(group -> groups.add(group.trim()));
        } else {
          ignored(value, "it is not in takedown.sso.group-mapping");
        }
      } else {
        // Keycloak may send a group's full path (/coordinators): a top-level group is its name.
        String name = value.startsWith("/") && value.indexOf('/', 1) < 0 ? value.substring(1) : value;
        if (PRODUCT_GROUP.matcher(name).matches()) {
          groups.add(name);
        } else {
          ignored(value, "it names none of the product's groups");
        }
      }
    }
    return List.copyOf(groups);
  }

  /**
   * The user name a bearer token claims, read before it is checked, for the sign-in throttle's key only (so that guesses
   * at one account are throttled like wrong passwords for it); a token that cannot be read is one key per client.
   */
  String claimedUserName(String token) {
    try {
      String name = userName(JWTParser.parse(token).getJWTClaimsSet().getClaims());
      return name == null ? "(bearer token)" : name;
    } catch (ParseException | RuntimeException e) {
      return "(bearer token)";
    }
  }

  /** The claim itself, or the value at a dotted path (realm_access.roles) when no claim has that name. */
  private Object claim(Map<String, Object> claims) {
    if (claims.containsKey(groupsClaim) || !groupsClaim.contains(".")) {
      return claims.get(groupsClaim);
    }
    Object value = claims;
    for (String step : groupsClaim.split("\\.")) {
      if (!(value instanceof Map<?, ?> object)) {
        return null;
      }
      value = object.get(step);
    }
    return value;
  }

  private static List<String> values(Object claim) {
    List<String> values = new ArrayList<>();
    if (claim instanceof Collection<?> list) {
      list.stream().filter(v -> v != null).forEach(v -> values.add(v.toString()));
    } else if (claim instanceof Object[] array) {
      for (Object v : array) {
        if (v != null) {
          values.add(v.toString());
        }
      }
    } else if (claim != null) {
      values.add(claim.toString());
    }
    return values;
  }

  private void ignored(String value, String why) {
    if (log.isDebugEnabled() && logged.size() < MAX_LOGGED && logged.add(value)) {
      log.debug("Identity provider group {} ignored: {}", value, why);
    }
  }
}
