package org.takedown.assignment;

import org.springframework.data.repository.Repository;

/** Append-only: answers are saved, never changed or deleted (read by the dossier's inbox with SQL). */
interface UnitAnswerRepository extends Repository<UnitAnswer, Long> {

  UnitAnswer save(UnitAnswer answer);
}
