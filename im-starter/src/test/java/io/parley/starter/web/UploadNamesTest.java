package io.parley.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UploadNamesTest {
    @Test
    void aNameLosesItsPathQuotesAndControlCharacters() {
        assertThat(UploadEndpoint.cleanName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(UploadEndpoint.cleanName("C:\\Users\\me\\cat.png")).isEqualTo("cat.png");
        assertThat(UploadEndpoint.cleanName("a\"b\r\nc.txt")).isEqualTo("a_b__c.txt");
        assertThat(UploadEndpoint.cleanName("   ")).isEqualTo("file");
        assertThat(UploadEndpoint.cleanName("x".repeat(200) + ".pdf")).hasSize(120).endsWith(".pdf");
        assertThat(UploadEndpoint.cleanName("报告.pdf")).isEqualTo("报告.pdf");
    }
}
