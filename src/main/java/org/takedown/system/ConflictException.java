package org.takedown.system;

/** The request is valid but the operation is not in a state that allows it. */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
