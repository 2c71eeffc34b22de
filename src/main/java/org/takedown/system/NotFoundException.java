package org.takedown.system;

/** A referenced thing does not exist, or the caller may not learn that it does. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}
