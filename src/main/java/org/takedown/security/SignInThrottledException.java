package org.takedown.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** This client has failed too often on this account and must wait; the password was not checked. */
class SignInThrottledException extends AuthenticationException {

  private final long seconds;

  SignInThrottledException(Duration wait) {
    super("Too many failed sign-ins");
    this.seconds = LoginThrottle.seconds(wait);
  }

  long seconds() {
    return seconds;
  }
}
