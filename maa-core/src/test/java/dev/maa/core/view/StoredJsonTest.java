package dev.maa.core.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stored text reads back as its JSON tree, or as null when a row holds something else. */
class StoredJsonTest {

    @Test
    void readOrNull_ofStoredJson_isItsTree() {
        assertThat(StoredJson.readOrNull("{\"args\":[{\"name\":\"id\"}]}")
                        .path("args")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("id");
    }

    @Test
    void readOrNull_ofLegacyFreeText_isNull() {
        assertThat(StoredJson.readOrNull("approved by bob {")).isNull();
    }
}
