package org.takedown.evidence;

/**
 * What happened to an item, to be appended to its custody log: who did it (actor), from and to which party,
 * why (purpose), where (location: the unit's address or the client's IP), for which country, and for a receipt the
 * SHA-256 the receiving party computed and whether it matches.
 */
public record CustodyEntry(CustodyEventType type, String actor, String from, String to, String purpose, String location,
    String country, String reportedSha256, Boolean hashMatches, String detail) {

  public static CustodyEntry of(CustodyEventType type, String actor) {
    return new CustodyEntry(type, actor, null, null, null, null, null, null, null, null);
  }

  public CustodyEntry from(String party) {
    return new CustodyEntry(type, actor, party, to, purpose, location, country, reportedSha256, hashMatches, detail);
  }

  public CustodyEntry to(String party) {
    return new CustodyEntry(type, actor, from, party, purpose, location, country, reportedSha256, hashMatches, detail);
  }

  public CustodyEntry purpose(String why) {
    return new CustodyEntry(type, actor, from, to, why, location, country, reportedSha256, hashMatches, detail);
  }

  public CustodyEntry location(String where) {
    return new CustodyEntry(type, actor, from, to, purpose, where, country, reportedSha256, hashMatches, detail);
  }

  public CustodyEntry country(String code) {
    return new CustodyEntry(type, actor, from, to, purpose, location, code, reportedSha256, hashMatches, detail);
  }

  public CustodyEntry reported(String sha256, boolean matches) {
    return new CustodyEntry(type, actor, from, to, purpose, location, country, sha256, matches, detail);
  }

  public CustodyEntry detail(String text) {
    return new CustodyEntry(type, actor, from, to, purpose, location, country, reportedSha256, hashMatches, text);
  }
}
