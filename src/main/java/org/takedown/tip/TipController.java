package org.takedown.tip;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.operation.Operation;
import org.takedown.operation.Stage;
import org.takedown.security.OperationAccess;
import org.takedown.stix.StixIntake;
import org.takedown.stix.StixLimits;
import org.takedown.stix.StixProblem;
import org.takedown.stix.StixRejectedException;
import org.takedown.stix.StixTip;
import org.takedown.system.Caller;
import org.takedown.system.Tlp;
import org.takedown.system.Groups;
import org.takedown.system.ForbiddenException;
import org.takedown.system.InvalidInputException;
import org.takedown.system.NotFoundException;

@RestController
@RequestMapping("/api/tips")
class TipController {

  static final String STIX_JSON = "application/stix+json";

  private final TipService tips;
  private final OperationAccess access;
  private final ObjectMapper json;
  private final IdentityService identity;
  private final StixIntake intake = new StixIntake(StixLimits.DEFAULT);
  private final Tlp defaultTlp;

  TipController(TipService tips, OperationAccess access, ObjectMapper json, IdentityService identity,
      @Value("${takedown.stix.default-tlp:TLP:AMBER}") String defaultTlp) {
    this.tips = tips;
    this.access = access;
    this.json = json;
    this.identity = identity;
    this.defaultTlp = Tlp.parse(defaultTlp).orElseThrow(() -> new IllegalStateException(
        "takedown.stix.default-tlp must be a TLP 2.0 label such as TLP:AMBER, not '" + defaultTlp + "'"));
  }

  /** The body is read as bytes so that the tip is kept, and hashed, exactly as it was sent. */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Submitted> submit(@RequestBody byte[] body, @RequestParam(name = "vendor", required = false) String onBehalfOf,
      HttpServletRequest request) {
    if (isBundle(body)) {
      return stix(body, MediaType.APPLICATION_JSON_VALUE, onBehalfOf);
    }
    TipRequest tip;
    try {
      tip = json.readValue(body, TipRequest.class);
    } catch (IOException e) {
      throw new HttpMessageNotReadableException(e.getMessage(), e, new ServletServerHttpRequest(request));
    }
    if (tip == null) {
      throw new HttpMessageNotReadableException("The body is empty; send a tip as a JSON object", new ServletServerHttpRequest(request));
    }
    Caller caller = Caller.current();
    Operation operation = tips.submit(body, MediaType.APPLICATION_JSON_VALUE, tip, caller.user(), vendor(caller, tip.vendor()));
    return answer(HttpStatus.CREATED, operation);
  }

  /**
   * A STIX 2.1 or 2.0 bundle (application/stix+json, with or without version). A coordinator names
   * the vendor with ?vendor=. The same bundle (id and bytes) posted again by the same vendor answers
   * 200 with the operation it opened and starts nothing; a bundle with a known id but other bytes is a
   * new tip (vendors re-issue bundles with new objects under the same id).
   */
  @PostMapping(consumes = STIX_JSON)
  ResponseEntity<Submitted> submitStix(@RequestBody byte[] body, @RequestParam(name = "vendor", required = false) String onBehalfOf,
      HttpServletRequest request) {
    return stix(body, request.getContentType(), onBehalfOf);
  }

  private ResponseEntity<Submitted> stix(byte[] body, String contentType, String onBehalfOf) {
    Caller caller = Caller.current();
    String vendor = vendor(caller, onBehalfOf);
    // Depth first, on the token stream: a 10,000-level body is refused before any tree is built.
    StixLimits.checkDepth(body, StixLimits.DEFAULT.maxDepth());
    StixTip stix = intake.read(body, defaultTlp);
    Optional<Operation> exported = exportOf(caller, stix);
    if (exported.isPresent()) {
      return answer(HttpStatus.OK, exported.get());
    }
    Optional<Operation> repost = tips.stixRepost(stix.bundleId(), stix.sha256(), vendor);
    if (repost.isPresent()) {
      return answer(HttpStatus.OK, repost.get());
    }
    String type = contentType == null || contentType.length() > 100 ? STIX_JSON : contentType;
    try {
      return answer(HttpStatus.CREATED, tips.submitStix(body, type, stix, caller.user(), vendor));
    } catch (DataIntegrityViolationException e) {
      // The same bundle arrived twice at the same moment: the first one stored wins, this one answers it.
      return answer(HttpStatus.OK, tips.stixRepost(stix.bundleId(), stix.sha256(), vendor).orElseThrow(() -> e));
    }
  }

  /**
   * Takedown's own export of an operation the caller may read (its report has the operation's
   * UUIDv5 id and names the reference) is that operation: 200, nothing stored, nothing started.
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

  /** A refused bundle: its status by kind, and every problem with object id, JSON pointer and property. */
  @ExceptionHandler(StixRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(StixRejectedException e) {
    int status = e.kind().suggestedStatus();
    List<StixProblem> problems = e.stixProblems();
    ProblemDetail problem = ProblemDetail.forStatus(status);
    problem.setTitle(switch (e.kind()) {
      case MALFORMED -> "Not a readable STIX bundle";
      case UNSUPPORTED_VERSION -> "Unsupported STIX version";
      case TOO_LARGE -> "STIX bundle too large";
      case INVALID -> "Invalid STIX bundle";
    });
    problem.setType(URI.create("urn:takedown:problem:stix-" + e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')));
    problem.setDetail("The STIX bundle was refused and nothing was stored: "
        + (problems.isEmpty() ? "it could not be read" : problems.get(0).describe())
        + (problems.size() > 1 ? "; and " + (problems.size() - 1) + " more problem(s), listed in errors" : "")
        + ". Fix the bundle and send it again.");
    problem.setProperty("errors", problems.stream().map(p -> {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("objectId", p.objectId());
      error.put("pointer", p.pointer());
      error.put("property", p.property());
      error.put("message", p.message());
      return error;
    }).toList());
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private static ResponseEntity<Submitted> answer(HttpStatus status, Operation operation) {
    URI location = URI.create("/api/operations/" + operation.getReference());
    Submitted body = new Submitted(operation.getReference(), operation.getStage(), location.toString());
    return ResponseEntity.status(status).location(location).body(body);
  }

  /** application/json holding a STIX bundle: its top-level "type" is "bundle" (read on the token stream, no tree). */
  static boolean isBundle(byte[] body) {
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

  /** A vendor submits as itself; a coordinator may enter a tip on behalf of a vendor user. */
  private String vendor(Caller caller, String named) {
    boolean given = named != null && !named.isBlank();
    if (caller.isCoordinator()) {
      if (!given) {
        return caller.user();
      }
      String vendor = named.trim();
      if (identity.createUserQuery().userId(vendor).memberOfGroup(Groups.VENDORS).count() == 0) {
        throw new InvalidInputException("vendor", "'" + vendor + "' is not a user of the group " + Groups.VENDORS
            + "; name the vendor's account, so that the vendor can follow its operation");
      }
      return vendor;
    }
    if (!caller.isVendor()) {
      throw new ForbiddenException("Only vendors and coordinators submit tips.");
    }
    if (given && !named.trim().equals(caller.user())) {
      throw new InvalidInputException("vendor", "you submit as '" + caller.user() + "'; leave vendor out or set it to '" + caller.user() + "'");
    }
    return caller.user();
  }

  record Submitted(String reference, Stage stage, String location) {}
}
