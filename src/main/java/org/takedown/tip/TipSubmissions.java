package org.takedown.tip;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.takedown.operation.Operation;
import org.takedown.organisation.VendorOrganisations;
import org.takedown.security.OperationAccess;
import org.takedown.stix.StixIntake;
import org.takedown.stix.StixLimits;
import org.takedown.stix.StixProblem;
import org.takedown.stix.StixRejectedException;
import org.takedown.stix.StixTip;
import org.takedown.system.Caller;
import org.takedown.system.ForbiddenException;
import org.takedown.system.Groups;
import org.takedown.system.InvalidInputException;
import org.takedown.system.NotFoundException;
import org.takedown.system.Tlp;

/**
 * The one way a STIX bundle becomes a tip, for POST /api/tips and for TAXII adds alike: who the
 * vendor is, the same limits and validation, the same idempotency (a re-post answers the operation
 * it opened and starts nothing), the same refusals ({@link org.takedown.stix.StixRejectedException}).
 */
@Service
public class TipSubmissions {

  public static final String STIX_JSON = "application/stix+json";

  private final TipService tips;
  private final OperationAccess access;
  private final IdentityService identity;
  private final StixIntake intake;
  private final TipLimits tipLimits;
  private final Tlp defaultTlp;
  private final VendorOrganisations organisations;

  TipSubmissions(TipService tips, OperationAccess access, IdentityService identity, VendorOrganisations organisations,
      @Value("${takedown.stix.default-tlp:TLP:AMBER}") String defaultTlp,
      @Value("${takedown.stix.max-objects:250000}") int maxObjects, TipLimits tipLimits) {
    this.intake = new StixIntake(new StixLimits(maxObjects, StixLimits.DEFAULT.maxDepth()));
    this.tipLimits = tipLimits;
    this.tips = tips;
    this.access = access;
    this.identity = identity;
    this.organisations = organisations;
    this.defaultTlp = Tlp.parse(defaultTlp).orElseThrow(() -> new IllegalStateException(
        "takedown.stix.default-tlp must be a TLP 2.0 label such as TLP:AMBER, not '" + defaultTlp + "'"));
  }

  /**
   * @param created true when this bundle opened the operation, false when it was a re-post of one already received
   * @param stix what the bundle says
   * @param warnings what was not taken of it, wholly or in part, and why (for a re-post: as for the first post)
   * @param notTaken the ids of the objects nothing was taken from
   */
  public record Submission(Operation operation, boolean created, StixTip stix, List<IntakeWarning> warnings, Set<String> notTaken) {}

  /** The TLP a bundle without TLP marking gets (takedown.stix.default-tlp). */
  public Tlp defaultTlp() {
    return defaultTlp;
  }

  /**
   * A STIX 2.1 or 2.0 bundle from the vendor: refused whole (nothing stored) or opened as one tip. The
   * same bundle (id and bytes) from the same vendor again answers the operation it opened.
   */
  public Submission stix(byte[] body, String contentType, Caller caller, String vendor) {
    // Depth first, on the token stream: a 10,000-level body is refused before any tree is built.
    StixLimits.checkDepth(body, StixLimits.DEFAULT.maxDepth());
    StixTip stix = intake.read(body, defaultTlp);
    Optional<Operation> exported = exportOf(caller, stix);
    if (exported.isPresent()) {
      return new Submission(exported.get(), false, stix, List.of(), Set.of());
    }
    StixIntakeMapping mapping = StixIntakeMapping.of(stix);
    String submitter = caller.user();
    Optional<Operation> repost = tips.stixRepost(stix.bundleId(), stix.sha256(), vendor);
    if (repost.isPresent()) {
      return new Submission(repost.get(), false, stix, mapping.warnings(), mapping.notTaken());
    }
    if (!mapping.actionable()) {
      throw nothingToActOn(body, stix, mapping);
    }
    int count = mapping.indicators().size() + mapping.patterns().size();
    if (count > tipLimits.maxIndicators()) {
      throw new StixRejectedException(StixRejectedException.Kind.TOO_LARGE,
          List.of(new StixProblem(stix.bundleId(), "/objects", "objects", tipLimits.tooManyIndicators(count))));
    }
    String type = contentType == null || contentType.length() > 100 ? STIX_JSON : contentType;
    try {
      return new Submission(tips.submitStix(body, type, stix, mapping, submitter, vendor), true, stix, mapping.warnings(), mapping.notTaken());
    } catch (DataIntegrityViolationException e) {
      // The same bundle arrived twice at the same moment: the first one stored wins, this one answers it.
      return new Submission(tips.stixRepost(stix.bundleId(), stix.sha256(), vendor).orElseThrow(() -> e), false, stix,
          mapping.warnings(), mapping.notTaken());
    }
  }

  /**
   * A bundle without objects, or whose objects give nothing to act on (only context, only patterns that do not parse,
   * only objects of unknown types…): refused with 400 and nothing stored, saying why each object was not taken.
   */
  private static StixRejectedException nothingToActOn(byte[] body, StixTip stix, StixIntakeMapping mapping) {
    List<StixProblem> problems = new ArrayList<>();
    boolean empty = !hasObjects(body);
    problems.add(new StixProblem(stix.bundleId(), "/objects", "objects", empty
        ? "is empty: a tip needs at least one indicator or cyber-observable to act on (for example an indicator with the pattern"
            + " [ipv4-addr:value = '198.51.100.1'])"
        : "hold no indicator or cyber-observable of which anything could be taken, so there is nothing to act on"
            + (mapping.warnings().isEmpty() ? " (context such as malware or a report alone opens no operation)"
                : "; why each was not taken is listed below")
            + ": add an indicator whose pattern names what to take down"));
    mapping.warnings().stream().limit(99).forEach(w -> problems.add(new StixProblem(w.objectId(), w.pointer(), w.property(), w.message())));
    return new StixRejectedException(StixRejectedException.Kind.NOTHING_TO_ACT_ON, problems);
  }

  /** True when the bundle's "objects" holds at least one entry (read on the token stream). */
  private static boolean hasObjects(byte[] body) {
    try (JsonParser parser = new JsonFactory().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("objects".equals(name) && value == JsonToken.START_ARRAY) {
          return parser.nextToken() != JsonToken.END_ARRAY;
        }
        parser.skipChildren();
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Takedown's own export of an operation the caller may read (its report has the operation's
   * UUIDv5 id and names the reference) is that operation: nothing stored, nothing started.
   * An export of an operation the caller may not read, or that this instance does not hold, is a new tip.
   */
  private Optional<Operation> exportOf(Caller caller, StixTip stix) {
    if (stix.takedownReference() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(access.readable(caller, stix.takedownReference().toUpperCase(Locale.ROOT)));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The vendor organisation a tip belongs to. A vendor's analyst or system submits for its organisation; a coordinator
   * may enter a tip on behalf of an organisation (?vendor= or the JSON tip's "vendor": its id, or a member's user
   * name) or as itself. A vendor naming another organisation gets 400, not 403: it may submit tips, and what is wrong
   * is one field of its request, which it fixes by leaving the field out.
   */
  public String vendor(Caller caller, String named) {
    boolean given = named != null && !named.isBlank();
    if (caller.isCoordinator()) {
      if (!given) {
        return caller.user();
      }
      String vendor = named.trim();
      if (organisations.exists(vendor)) {
        return vendor;
      }
      List<String> of = identity.createGroupQuery().groupMember(vendor).list().stream().map(g -> g.getId())
          .filter(g -> g.startsWith(Groups.VENDOR_PREFIX)).map(g -> g.substring(Groups.VENDOR_PREFIX.length())).toList();
      if (of.size() == 1) {
        return of.get(0);
      }
      throw new InvalidInputException("vendor", "'" + vendor + "' is not a vendor organisation"
          + "; name the organisation (its id, as on the Organisations page), so that its analysts can follow its operation");
    }
    if (!caller.isVendor()) {
      throw new ForbiddenException("Only vendors and coordinators submit tips.");
    }
    List<String> mine = caller.organisations();
    if (mine.isEmpty() && caller.groups().contains(Groups.VENDORS)) {
      mine = organisations.adoptUser(caller.user()).map(List::of).orElse(List.of());
    }
    if (mine.isEmpty()) {
      throw new ForbiddenException("You belong to no vendor organisation, so a tip of yours would be nobody's; ask an administrator to add you to yours.");
    }
    if (!given || named.trim().equals(caller.user()) && mine.size() == 1) {
      if (mine.size() > 1) {
        throw new InvalidInputException("vendor", "you belong to " + String.join(", ", mine) + "; say which organisation the tip is from");
      }
      return mine.get(0);
    }
    if (!mine.contains(named.trim())) {
      throw new InvalidInputException("vendor", "you submit for " + String.join(" or ", mine) + "; leave vendor out or set it to '"
          + mine.get(0) + "'");
    }
    return named.trim();
  }

  /** application/json holding a STIX bundle: its top-level "type" is "bundle" (read on the token stream, no tree). */
  public static boolean isBundle(byte[] body) {
    try (JsonParser parser = new JsonFactory().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("type".equals(name)) {
          return value == JsonToken.VALUE_STRING && "bundle".equals(parser.getText());
        }
        parser.skipChildren();
      }
      return false;
    } catch (IOException e) {
      return false; // not JSON: the simple tip's reader says what is wrong
    }
  }
}
