package org.takedown.result;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.security.OperationAccess;
import org.takedown.system.Caller;
import org.takedown.system.CountryCodes;
import org.takedown.system.InvalidInputException;

/**
 * A results list uploaded through the API (multipart, part "file"): {@code preview=true} answers what was read, line
 * by line, recording nothing; without it the list is recorded whole (201) or refused whole (400, each row's problem).
 */
@RestController
@RequestMapping("/api/operations/{reference}/results/spreadsheet")
class ResultSpreadsheetController {

  private final OperationAccess access;
  private final ResultUploads uploads;

  ResultSpreadsheetController(OperationAccess access, ResultUploads uploads) {
    this.access = access;
    this.uploads = uploads;
  }

  /** One line as read: its row, the indicator, the status before and after, or its problem. */
  record Line(int row, String indicator, String type, String previous, String status, String statusLabel, String problem) {}

  record Preview(String reference, String country, String fileName, String sha256, long read, long changes, long unchanged, int unanswered,
      boolean ok, List<String> problems, String summary, List<Line> lines) {}

  record Recorded(String reference, String country, String fileName, String sha256, int results, int changed, boolean forUnit, String message) {}

  @PostMapping
  ResponseEntity<?> upload(@PathVariable String reference, @RequestParam(required = false) String country,
      @RequestParam(required = false) String preview, HttpServletRequest request) {
    Caller caller = Caller.current();
    OperationAccess.Disclosed d = access.disclose(caller, reference.toUpperCase(Locale.ROOT));
    String c = Reporters.country(country, "?country= and");
    boolean forUnit = Reporters.forUnit(caller, d, c);
    boolean onlyPreview = preview != null && switch (preview.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no", "" -> false;
      default -> throw new InvalidInputException("preview", "is true or false, not \"" + preview.strip() + "\"");
    };
    String ref = d.operation().getReference();
    ResultUploads.Upload file = uploads.receive(request);
    if (onlyPreview) {
      ResultUploads.Preview p = uploads.read(ref, c, file);
      List<Line> lines = p.lines().stream().map(l -> new Line(l.row(), l.indicator(), l.type(), l.previous(), l.status(), l.statusLabel(),
          l.problem())).toList();
      return ResponseEntity.ok(new Preview(ref, c, p.fileName(), p.sha256(), p.read(), p.changes(), p.unchanged(), p.unanswered(), p.ok(),
          p.problems(), p.summary(), lines));
    }
    IndicatorResults.Recorded r = uploads.record(ref, c, caller.user(), forUnit, file);
    return ResponseEntity.status(HttpStatus.CREATED).body(new Recorded(ref, c, file.fileName(), file.sha256(), r.results(), r.changed(), forUnit,
        String.format(Locale.ENGLISH, "%,d %s recorded for %s from %s%s (%,d changed).", r.results(), r.results() == 1 ? "result" : "results",
            CountryCodes.name(c), file.fileName(), forUnit ? " by " + caller.user() + " for the unit" : "", r.changed())));
  }
}
