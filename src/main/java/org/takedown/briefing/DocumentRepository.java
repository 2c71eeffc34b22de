package org.takedown.briefing;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface DocumentRepository extends JpaRepository<Document, Long> {

  @Query("""
      select d from Document d where d.operation.reference = :reference
      order by d.kind, d.country, d.version""")
  List<Document> list(String reference);

  @Query("""
      select coalesce(max(d.version), 0) from Document d
      where d.operation.reference = :reference and d.kind = :kind and (d.country = :country or (:country is null and d.country is null))""")
  int latestVersion(String reference, DocumentKind kind, String country);

  /** The newest version of a document, e.g. the brief to attach to an assignment request. */
  Optional<Document> findFirstByOperationReferenceAndKindAndCountryOrderByVersionDesc(String reference, DocumentKind kind, String country);

  Optional<Document> findByIdAndOperationReference(long id, String reference);
}
