package org.takedown.taxii;

import org.springframework.data.jpa.repository.JpaRepository;

interface TaxiiStatusRepository extends JpaRepository<TaxiiStatus, String> {}
