package org.takedown.routing;

/** A table that cannot be used, in plain words: which file, which line, what is wrong. */
class TableException extends Exception {

  TableException(String message) {
    super(message);
  }

  TableException(String message, Throwable cause) {
    super(message, cause);
  }
}
