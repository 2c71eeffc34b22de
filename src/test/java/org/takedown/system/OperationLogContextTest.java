package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class OperationLogContextTest {

  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {
      "/api/operations/OP-2026-0001, OP-2026-0001",
      "/api/operations/OP-2026-0001/documents/tracker, OP-2026-0001",
      "/operations/OP-2026-0042, OP-2026-0042",
      "/operations/OP-2026-0042/diagram.svg, OP-2026-0042",
      "/api/operations, none",
      "/operations/<script>, none",
      "/api/tips, none"})
  void aRequestAboutAnOperationLogsItsReferenceUntilItIsAnswered(String path, String reference) throws Exception {
    List<String> during = new ArrayList<>();
    new OperationLogContext().doFilter(new MockHttpServletRequest("GET", path), new MockHttpServletResponse(),
        (request, response) -> during.add(MDC.get(OperationLogContext.KEY)));
    assertThat(during).containsExactly(reference);
    assertThat(MDC.get(OperationLogContext.KEY)).isNull();
  }
}
