package org.takedown.dossier;

/** A page that does not exist for this user: answered 404 like an unknown operation, saying no more. */
class PageNotFound extends RuntimeException {

  PageNotFound(String message) {
    super(message);
  }
}
