package org.takedown.tip;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.takedown.operation.Operation;
import org.takedown.operation.Stage;

@RestController
@RequestMapping("/api/tips")
class TipController {

  private final TipService tips;
  private final ObjectMapper json;

  TipController(TipService tips, ObjectMapper json) {
    this.tips = tips;
    this.json = json;
  }

  /** The body is read as bytes so that the tip is kept, and hashed, exactly as it was sent. */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Submitted> submit(@RequestBody byte[] body, Principal principal, HttpServletRequest request) {
    TipRequest tip;
    try {
      tip = json.readValue(body, TipRequest.class);
    } catch (IOException e) {
      throw new HttpMessageNotReadableException(e.getMessage(), e, new ServletServerHttpRequest(request));
    }
    if (tip == null) {
      throw new HttpMessageNotReadableException("The body is empty; send a tip as a JSON object", new ServletServerHttpRequest(request));
    }
    Operation operation = tips.submit(body, MediaType.APPLICATION_JSON_VALUE, tip, principal.getName());
    URI location = URI.create("/api/operations/" + operation.getReference());
    return ResponseEntity.created(location).body(new Submitted(operation.getReference(), operation.getStage(), location.toString()));
  }

  record Submitted(String reference, Stage stage, String location) {}
}
