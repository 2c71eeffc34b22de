package org.takedown.security;

import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import org.springframework.security.authentication.AuthenticationDetailsSource;

/**
 * Where a sign-in attempt comes from: the client address (the throttle's key, with the account)
 * and the surface it used, as the audit trail names it.
 */
record SignInDetails(String address, String surface) implements Serializable {

  static final String API = "api-basic";
  static final String ENGINE_REST = "engine-rest";
  static final String FORM = "form";
  static final String CAMUNDA_WEBAPP = "camunda-webapp";
  static final String API_BEARER = "api-bearer";
  static final String ENGINE_BEARER = "engine-bearer";

  static AuthenticationDetailsSource<HttpServletRequest, SignInDetails> source(String surface) {
    return request -> new SignInDetails(request.getRemoteAddr(), surface);
  }
}
