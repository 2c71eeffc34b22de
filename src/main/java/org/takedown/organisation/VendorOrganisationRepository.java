package org.takedown.organisation;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface VendorOrganisationRepository extends JpaRepository<VendorOrganisation, String> {

  List<VendorOrganisation> findAllByOrderByDisplayNameAscIdAsc();

  boolean existsByDisplayNameIgnoreCase(String displayName);
}
