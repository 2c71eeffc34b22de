package org.takedown.tip;

import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.operation.Operation;
import org.takedown.security.OperationAccess;
import org.takedown.stix.StixExporter;
import org.takedown.system.Caller;
import org.takedown.system.Downloads;

/** An operation as a STIX 2.1 bundle, for the partners' threat-intelligence platforms. */
@RestController
class StixExportController {

  static final MediaType STIX_21 = MediaType.parseMediaType("application/stix+json;version=2.1");

  private final OperationAccess access;
  private final StixExport export;

  StixExportController(OperationAccess access, StixExport export) {
    this.access = access;
    this.export = export;
  }

  /** Readers of the operation only (anyone else gets the 404 of an unknown reference); units at the release TLP. */
  @GetMapping("/api/operations/{reference}/stix")
  ResponseEntity<byte[]> stix(@PathVariable String reference) {
    Caller caller = Caller.current();
    Operation operation = access.readable(caller, reference.toUpperCase(Locale.ROOT));
    byte[] bundle = StixExporter.toJson(export.forReader(caller, operation));
    return ResponseEntity.ok().contentType(STIX_21)
        .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(operation.getReference() + "-stix.json")).body(bundle);
  }
}
