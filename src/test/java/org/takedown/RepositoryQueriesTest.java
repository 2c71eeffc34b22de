package org.takedown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.repository.Repository;

/**
 * Repositories are set up at first use (spring.data.jpa.repositories.bootstrap-mode: lazy, for a
 * faster start). Setting each one up here checks every query against the entities, as the start-up
 * used to: a mistake in a query fails the build, not the first request that needs it.
 */
@TakedownTest
class RepositoryQueriesTest {

  @Autowired
  ApplicationContext context;

  @Test
  void everyRepositoryQueryIsValid() {
    Map<String, Repository> repositories = context.getBeansOfType(Repository.class);

    assertThat(repositories).containsKeys("operationRepository", "operationCountries", "evidenceItemRepository",
        "noticeRepository", "downloadLinkRepository", "actionLinkRepository", "auditEventRepository");
  }
}
