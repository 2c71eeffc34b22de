package org.takedown.tip;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.takedown.stix.StixProblem;
import org.takedown.stix.StixRejectedException;
import org.takedown.system.Caller;

@RestController
@RequestMapping("/api/tips")
class TipController {

  static final String STIX_JSON = TipSubmissions.STIX_JSON;

  private final TipService tips;
  private final TipSubmissions submissions;
  private final ObjectMapper json;

  TipController(TipService tips, TipSubmissions submissions, ObjectMapper json) {
    this.tips = tips;
    this.submissions = submissions;
    this.json = json;
  }

  /** The body is read as bytes so that the tip is kept, and hashed, exactly as it was sent. */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Submitted> submit(@RequestBody byte[] body, @RequestParam(name = "vendor", required = false) String onBehalfOf,
      HttpServletRequest request) {
    if (TipSubmissions.isBundle(body)) {
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
    String vendor = submissions.vendor(caller, named(onBehalfOf, tip.vendor()));
    Operation operation = tips.submit(body, MediaType.APPLICATION_JSON_VALUE, tip, caller.user(), vendor);
    List<String> named = tip.countries() == null ? List.of() : tip.countries();
    return answer(HttpStatus.CREATED, operation, tips.countryWarnings(operation, code -> {
      for (int i = 0; i < named.size(); i++) {
        if (named.get(i) != null && named.get(i).trim().equalsIgnoreCase(code)) {
          return new String[] {null, "/countries/" + i};
        }
      }
      List<TipRequest.IndicatorRequest> given = tip.indicators() == null ? List.of() : tip.indicators();
      for (int i = 0; i < given.size(); i++) {
        if (given.get(i) != null && given.get(i).country() != null && given.get(i).country().trim().equalsIgnoreCase(code)) {
          return new String[] {null, "/indicators/" + i + "/country"};
        }
      }
      return null;
    }));
  }

  /**
   * The vendor a JSON tip names, with ?vendor= (as for a STIX bundle) or in the body's "vendor"; both
   * may be given only when they agree. Checked by {@link TipSubmissions#vendor} either way.
   */
  private static String named(String query, String body) {
    boolean inQuery = query != null && !query.isBlank();
    boolean inBody = body != null && !body.isBlank();
    if (inQuery && inBody && !query.trim().equals(body.trim())) {
      throw new org.takedown.system.InvalidInputException("vendor", "is named twice, as '" + query.trim() + "' in ?vendor= and as '"
          + body.trim() + "' in the body; name the vendor once");
    }
    return inQuery ? query : body;
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
    TipSubmissions.Submission submission = submissions.stix(body, contentType, caller, submissions.vendor(caller, onBehalfOf));
    List<IntakeWarning> warnings = new ArrayList<>(submission.warnings());
    warnings.addAll(tips.countryWarnings(submission.operation(), code -> submission.stix().locations().stream()
        .filter(l -> l.country().equals(code)).findFirst().map(l -> new String[] {l.objectId(), l.pointer()}).orElse(null)));
    return answer(submission.created() ? HttpStatus.CREATED : HttpStatus.OK, submission.operation(), warnings);
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
      case NOTHING_TO_ACT_ON -> "Nothing to act on in the STIX bundle";
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

  private static ResponseEntity<Submitted> answer(HttpStatus status, Operation operation, List<IntakeWarning> warnings) {
    URI location = URI.create("/api/operations/" + operation.getReference());
    Submitted body = new Submitted(operation.getReference(), operation.getStage(), location.toString(), warnings.isEmpty() ? null : warnings);
    return ResponseEntity.status(status).location(location).body(body);
  }

  /**
   * warnings: what of the tip was not taken, wholly or in part (a pattern that does not parse, an object of an unknown
   * type, a reference to an object not in the bundle, a value that does not fit its type), and what it was accepted
   * with but will need settling (a country without a national unit); each with the STIX object's id (if any), the JSON
   * pointer into the body as sent, the property and why, in plain words. Absent when none.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Submitted(String reference, Stage stage, String location, List<IntakeWarning> warnings) {}
}
