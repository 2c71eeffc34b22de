package org.takedown.routing;

/** A value that is not an IP address or CIDR block; the message says why in plain words and repeats at most 60 characters of it. */
public class MalformedIpException extends IllegalArgumentException {

  public MalformedIpException(String message) {
    super(message);
  }
}
