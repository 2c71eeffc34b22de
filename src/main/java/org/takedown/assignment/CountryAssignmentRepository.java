package org.takedown.assignment;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CountryAssignmentRepository extends JpaRepository<CountryAssignment, Long> {

  List<CountryAssignment> findByOperationReferenceOrderByCountry(String reference);

  Optional<CountryAssignment> findByOperationReferenceAndCountry(String reference, String country);

  List<CountryAssignment> findByOperationReferenceAndStatusOrderByCountry(String reference, AssignmentStatus status);
}
