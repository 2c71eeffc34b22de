package org.takedown.assignment;

import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Append-only: answers are saved, never changed or deleted (read by the dossier's inbox with SQL). */
interface UnitAnswerRepository extends Repository<UnitAnswer, Long> {

  UnitAnswer save(UnitAnswer answer);

  /** The units that declined this operation for this country, at any earlier request. */
  @Query("select distinct a.nationalUnit from UnitAnswer a where a.operation.reference = :reference and a.country = :country and a.accepted = false")
  List<String> declinedUnits(String reference, String country);
}
