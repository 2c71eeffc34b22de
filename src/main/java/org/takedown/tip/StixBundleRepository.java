package org.takedown.tip;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface StixBundleRepository extends JpaRepository<StixBundleRecord, Long> {

  /** The operation a re-post of this bundle (same id, same bytes, same vendor) belongs to. */
  @Query("select b.operation.reference from StixBundleRecord b where b.bundleId = :bundleId and b.sha256 = :sha256 and b.vendor = :vendor")
  Optional<String> repostOf(String bundleId, String sha256, String vendor);

  List<StixBundleRecord> findByOperationReferenceOrderById(String reference);

  /** The ids of the operation's bundles in the order received, without loading their bytes. */
  @Query("select b.id from StixBundleRecord b where b.operation.reference = :reference order by b.id")
  List<Long> idsOf(String reference);
}
