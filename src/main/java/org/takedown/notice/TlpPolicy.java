package org.takedown.notice;

import org.takedown.operation.Operation;
import org.takedown.system.Tlp;

/**
 * What a notice at a TLP may carry. At TLP:RED: no content, no action links, no attachment, only
 * that something awaits the recipient. Units receive at the release TLP of the legal decision.
 */
final class TlpPolicy {

  private TlpPolicy() {}

  static boolean carriesContent(Tlp tlp) {
    return tlp != Tlp.RED;
  }

  static boolean carriesLinks(Tlp tlp) {
    return tlp != Tlp.RED;
  }

  static boolean carriesAttachment(Tlp tlp) {
    return tlp != Tlp.RED;
  }

  /** The TLP a national unit receives at: the legal decision's release TLP, or the operation's when there is none. */
  static Tlp forUnits(Tlp releaseTlp, Operation operation) {
    return releaseTlp == null ? operation.getTlp() : releaseTlp;
  }
}
