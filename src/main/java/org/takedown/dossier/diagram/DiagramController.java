package org.takedown.dossier.diagram;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.system.Caller;

/**
 * {@code GET /operations/{reference}/diagram.svg}: the operation's process diagram with its state,
 * drawn on the server. {@code ?process=legal} for its legal review, {@code ?country=DE} for that
 * country's national assignment, {@code ?country=DE&process=evidence} for its evidence handover.
 */
@RestController
class DiagramController {

  static final MediaType SVG = MediaType.parseMediaType("image/svg+xml;charset=UTF-8");

  private final ProcessDiagrams diagrams;

  DiagramController(ProcessDiagrams diagrams) {
    this.diagrams = diagrams;
  }

  @GetMapping("/operations/{reference}/diagram.svg")
  ResponseEntity<String> diagram(@PathVariable String reference, @RequestParam(required = false) String process,
      @RequestParam(required = false) String country) {
    ProcessDiagrams.Diagram diagram = diagrams.draw(Caller.current(), reference, process, country);
    // The state changes with every step: never cached.
    return ResponseEntity.ok().contentType(SVG).cacheControl(CacheControl.noStore()).body(diagram.svg());
  }
}
