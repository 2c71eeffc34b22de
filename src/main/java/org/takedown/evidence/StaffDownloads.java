package org.takedown.evidence;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.system.ConflictException;

/** A fusion-centre download of a stored item: recorded in custody (who, from which address) before the file is served. */
@Service
class StaffDownloads {

  static final String PURPOSE = "Downloaded by fusion-centre staff through the API";

  private final EvidenceRegister register;
  private final EvidenceStore store;
  private final CustodyLog custody;

  StaffDownloads(EvidenceRegister register, EvidenceStore store, CustodyLog custody) {
    this.register = register;
    this.store = store;
    this.custody = custody;
  }

  @Transactional
  public EvidenceItem record(String reference, int number, String user, String address) {
    EvidenceItem item = register.item(reference, number);
    if (!item.isStored()) {
      throw new ConflictException(item.label() + " is registered by reference and held at " + item.getExternalLocation()
          + "; there is no file in the store to download.");
    }
    if (!store.contains(item.getSha256())) {
      throw new ConflictException("The stored file of " + item.label() + " is missing; verify the custody of "
          + reference + " (GET /api/operations/" + reference + "/custody/verify) and tell the operator.");
    }
    custody.append(item, CustodyEntry.of(CustodyEventType.DOWNLOADED, user).from(EvidenceRegister.STORE_PARTY).to(user)
        .purpose(PURPOSE).location(address));
    return item;
  }
}
