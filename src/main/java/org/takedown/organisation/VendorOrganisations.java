package org.takedown.organisation;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.system.ConflictException;
import org.takedown.system.Groups;
import org.takedown.system.InvalidInputException;
import org.takedown.system.NotFoundException;

/**
 * The vendor organisations: their display names (our table) and their members (the engine group vendor-&lt;id&gt;, so
 * that the engine's Admin, local accounts and an identity provider's groups agree). Every surface that names a vendor
 * asks {@link #displayName}.
 */
@Service
public class VendorOrganisations {

  /** Lower case letters, digits and inner hyphens, 2 to 40: it becomes a group id and appears in URLs. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,38}[a-z0-9]");
  static final String GROUP_TYPE = "VENDOR";
  private static final Logger log = LoggerFactory.getLogger(VendorOrganisations.class);

  private final VendorOrganisationRepository organisations;
  private final IdentityService identity;
  private final Clock clock;

  VendorOrganisations(VendorOrganisationRepository organisations, IdentityService identity, Clock clock) {
    this.organisations = organisations;
    this.identity = identity;
    this.clock = clock;
  }

  public static String group(String id) {
    return Groups.VENDOR_PREFIX + id;
  }

  /** The name people read; the id itself for a tip a coordinator entered as itself (no organisation). */
  @Transactional(readOnly = true)
  public String displayName(String id) {
    return id == null ? null : organisations.findById(id).map(VendorOrganisation::getDisplayName).orElse(id);
  }

  @Transactional(readOnly = true)
  public VendorOrganisation get(String id) {
    return (id == null ? Optional.<VendorOrganisation>empty() : organisations.findById(id)).orElseThrow(() -> new NotFoundException("No vendor organisation " + id));
  }

  @Transactional(readOnly = true)
  public boolean exists(String id) {
    return id != null && organisations.existsById(id);
  }

  @Transactional(readOnly = true)
  public List<VendorOrganisation> all() {
    return organisations.findAllByOrderByDisplayNameAscIdAsc();
  }

  /** A new organisation and its (empty) group. */
  @Transactional
  public VendorOrganisation create(String id, String displayName, String by) {
    String checkedId = checkId(id);
    String name = checkName(displayName);
    if (organisations.existsById(checkedId)) {
      throw new ConflictException("There is already a vendor organisation " + checkedId + ".");
    }
    if (organisations.existsByDisplayNameIgnoreCase(name)) {
      throw new ConflictException("There is already a vendor organisation named " + name + "; choose a name people can tell apart.");
    }
    VendorOrganisation saved = organisations.save(new VendorOrganisation(checkedId, name, by, clock.instant()));
    ensureGroup(saved);
    log.info("Vendor organisation {} ({}) created by {}", checkedId, name, by);
    return saved;
  }

  @Transactional
  public VendorOrganisation rename(String id, String displayName, String by) {
    VendorOrganisation organisation = get(id);
    String name = checkName(displayName);
    if (!name.equalsIgnoreCase(organisation.getDisplayName()) && organisations.existsByDisplayNameIgnoreCase(name)) {
      throw new ConflictException("There is already a vendor organisation named " + name + "; choose a name people can tell apart.");
    }
    organisation.rename(name, clock.instant());
    Group group = identity.createGroupQuery().groupId(group(id)).singleResult();
    if (group != null) {
      group.setName(name);
      identity.saveGroup(group);
    }
    log.info("Vendor organisation {} renamed to {} by {}", id, name, by);
    return organisation;
  }

  /** A member: a local account (user id, name, email). Members signing in through the identity provider are its group's. */
  public record Member(String user, String name, String email) {}

  @Transactional(readOnly = true)
  public List<Member> members(String id) {
    get(id);
    return identity.createUserQuery().memberOfGroup(group(id)).orderByUserId().asc().list().stream()
        .map(u -> new Member(u.getId(), fullName(u), u.getEmail())).toList();
  }

  /** Adds a local account to the organisation: it becomes a vendor analyst who sees the organisation's tips. */
  @Transactional
  public void addMember(String id, String user, String by) {
    VendorOrganisation organisation = get(id);
    if (user == null || identity.createUserQuery().userId(user.trim()).count() == 0) {
      throw new InvalidInputException("user", "'" + user + "' is not a user; create the account first (Admin), then add it");
    }
    String member = user.trim();
    List<String> others = identity.createGroupQuery().groupMember(member).list().stream().map(Group::getId)
        .filter(g -> g.startsWith(Groups.VENDOR_PREFIX) && !g.equals(group(id))).toList();
    if (!others.isEmpty()) {
      throw new InvalidInputException("user", "'" + member + "' is already a member of " + displayName(others.get(0).substring(Groups.VENDOR_PREFIX.length()))
          + "; an analyst belongs to one organisation");
    }
    ensureGroup(organisation);
    if (identity.createUserQuery().userId(member).memberOfGroup(group(id)).count() == 0) {
      identity.createMembership(member, group(id));
      log.info("{} added to vendor organisation {} by {}", member, id, by);
    }
  }

  @Transactional
  public void removeMember(String id, String user, String by) {
    get(id);
    if (user != null && identity.createUserQuery().userId(user).memberOfGroup(group(id)).count() > 0) {
      identity.deleteMembership(user, group(id));
      log.info("{} removed from vendor organisation {} by {}", user, id, by);
    }
  }

  /** The organisation a user is a member of, if exactly one (an analyst belongs to one). */
  @Transactional(readOnly = true)
  public Optional<String> of(String user) {
    if (user == null || user.isBlank()) {
      return Optional.empty();
    }
    List<String> of = identity.createGroupQuery().groupMember(user.trim()).list().stream().map(Group::getId)
        .filter(g -> g.startsWith(Groups.VENDOR_PREFIX)).map(g -> g.substring(Groups.VENDOR_PREFIX.length())).toList();
    return of.size() == 1 ? Optional.of(of.get(0)) : Optional.empty();
  }

  /** Every organisation's display name by id, for lists that name many. */
  @Transactional(readOnly = true)
  public java.util.Map<String, String> displayNames() {
    java.util.Map<String, String> names = new java.util.HashMap<>();
    organisations.findAll().forEach(o -> names.put(o.getId(), o.getDisplayName()));
    return names;
  }

  /** The addresses of the organisation's local members, for its notices. */
  @Transactional(readOnly = true)
  public List<String> memberEmails(String id) {
    if (id == null) {
      return List.of();
    }
    return identity.createUserQuery().memberOfGroup(group(id)).orderByUserId().asc().list().stream()
        .map(User::getEmail).filter(e -> e != null && !e.isBlank()).distinct().toList();
  }

  /**
   * The migration's second half, at every start: an organisation without its group gets it (with the user of the same
   * id, the vendor user it was made from), and a user of the vendors group who belongs to no organisation becomes
   * one, of its own id, with every tip it submitted. Runs before the demo data.
   */
  @EventListener(ApplicationReadyEvent.class)
  @Order(0)
  @Transactional
  public void adopt() {
    for (VendorOrganisation organisation : organisations.findAll()) {
      if (ensureGroup(organisation) && identity.createUserQuery().userId(organisation.getId()).memberOfGroup(Groups.VENDORS).count() > 0) {
        identity.createMembership(organisation.getId(), group(organisation.getId()));
        log.info("Vendor user {} is now the vendor organisation {}: rename it in Organisations", organisation.getId(), organisation.getId());
      }
    }
    Set<String> inOrganisation = new HashSet<>();
    for (Group g : identity.createGroupQuery().groupType(GROUP_TYPE).list()) {
      identity.createUserQuery().memberOfGroup(g.getId()).list().forEach(u -> inOrganisation.add(u.getId()));
    }
    identity.createUserQuery().memberOfGroup(Groups.VENDORS).orderByUserId().asc().list().stream()
        .filter(u -> !inOrganisation.contains(u.getId())).forEach(u -> adoptUser(u.getId()));
  }

  /**
   * A user of the vendors group that belongs to no organisation becomes one of its own id (an account made before
   * organisations, or by hand in the engine's Admin); the organisation's id, or empty where its id cannot be one.
   */
  @Transactional
  public Optional<String> adoptUser(String user) {
    String id = user.toLowerCase(Locale.ROOT);
    if (!ID.matcher(id).matches() || !id.equals(user)) {
      log.warn("Vendor user {} cannot become an organisation of the same id; create one in Organisations and add it", user);
      return Optional.empty();
    }
    VendorOrganisation organisation = organisations.findById(id)
        .orElseGet(() -> organisations.save(new VendorOrganisation(id, id, "migration", clock.instant())));
    ensureGroup(organisation);
    if (identity.createUserQuery().userId(user).memberOfGroup(group(id)).count() == 0) {
      identity.createMembership(user, group(id));
    }
    log.info("Vendor user {} is now the vendor organisation {}: rename it in Organisations", id, id);
    return Optional.of(id);
  }

  /** Creates the organisation's group if missing; true if it did. */
  private boolean ensureGroup(VendorOrganisation organisation) {
    if (identity.createGroupQuery().groupId(group(organisation.getId())).count() > 0) {
      return false;
    }
    Group group = identity.newGroup(group(organisation.getId()));
    group.setName(organisation.getDisplayName());
    group.setType(GROUP_TYPE);
    identity.saveGroup(group);
    return true;
  }

  static String checkId(String id) {
    String value = id == null ? "" : id.trim();
    if (!ID.matcher(value).matches()) {
      throw new InvalidInputException("id", "'" + value + "' is not an organisation id: 2 to 40 lower-case letters, digits and hyphens, e.g. aegis-labs");
    }
    return value;
  }

  static String checkName(String displayName) {
    String value = displayName == null ? "" : displayName.strip().replaceAll("\\s+", " ");
    if (value.isEmpty() || value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException("displayName", "give the name people read, 1 to 200 characters on one line");
    }
    return value;
  }

  private static String fullName(User u) {
    String name = ((u.getFirstName() == null ? "" : u.getFirstName()) + " " + (u.getLastName() == null ? "" : u.getLastName())).strip();
    return name.isEmpty() ? u.getId() : name;
  }
}
