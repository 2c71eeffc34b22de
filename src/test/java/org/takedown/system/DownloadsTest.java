package org.takedown.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownloadsTest {

  @Test
  void everyClientGetsAUsableNameAndBrowsersTheExactOne() {
    assertThat(Downloads.attachment("E1-disk image.dd"))
        .isEqualTo("attachment; filename=\"E1-disk image.dd\"; filename*=UTF-8''E1-disk%20image.dd");
    assertThat(Downloads.attachment("Übergabe \"BKA\" 100%.docx"))
        .isEqualTo("attachment; filename=\"_bergabe _BKA_ 100_.docx\"; filename*=UTF-8''%C3%9Cbergabe%20%22BKA%22%20100%25.docx");
  }
}
