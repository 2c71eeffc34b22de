package org.takedown.operation;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ReferenceCounterRepository extends JpaRepository<ReferenceCounter, Integer> {

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select c from ReferenceCounter c where c.year = :year")
  Optional<ReferenceCounter> lockYear(int year);

  /**
   * Creates the year's row unless it exists (H2 and PostgreSQL alike); never overwrites a counter.
   * A concurrent creation can still make it fail with a duplicate key, which the caller tolerates.
   */
  @Modifying
  @Query(value = "insert into reference_counter (counter_year, last_number) select :year, 0"
      + " where not exists (select 1 from reference_counter where counter_year = :year)", nativeQuery = true)
  int createYear(int year);
}
