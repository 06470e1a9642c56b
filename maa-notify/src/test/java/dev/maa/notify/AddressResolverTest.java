package dev.maa.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressResolverTest {

    private final AddressResolver resolver = AddressResolver.standard(
            Map.of("carol", "carol.c@corp.example", "dave@old.example", "dave@new.example"), "{id}@example.com");

    @Test
    void mapEntry_winsOverEverything() {
        assertThat(resolver.address("carol")).contains("carol.c@corp.example");
        assertThat(resolver.address("dave@old.example")).contains("dave@new.example");
    }

    @Test
    void idThatIsAnAddress_isUsedAsIs() {
        assertThat(resolver.address("emergency-admin-1@company.onmicrosoft.com"))
                .contains("emergency-admin-1@company.onmicrosoft.com");
    }

    @Test
    void otherIds_goThroughTheTemplate() {
        assertThat(resolver.address("bob")).contains("bob@example.com");
    }

    @Test
    void idsThatWouldInjectRecipients_resolveToNothing() {
        assertThat(resolver.address("x@evil.example, y@evil.example")).isEmpty();
        assertThat(resolver.address("bob,eve")).isEmpty();
        assertThat(resolver.address("bob\r\nBcc: eve")).isEmpty();
    }

    @Test
    void directoryAddress_comesAfterAnEntry_andBeforeTheTemplate() {
        AddressResolver withDirectory = AddressResolver.standard(
                Map.of("carol", "carol.c@corp.example"),
                "{id}@example.com",
                id -> id.equals("mallory")
                        ? Optional.of("x@evil.example, y@evil.example")
                        : Optional.of(id + "@ad.corp"));

        assertThat(withDirectory.address("bob")).contains("bob@ad.corp");
        assertThat(withDirectory.address("carol")).contains("carol.c@corp.example");
        assertThat(withDirectory.address("mallory")).contains("mallory@example.com");
    }

    @Test
    void directoryThatFails_fallsThroughToTheTemplate() {
        AddressResolver down = AddressResolver.standard(Map.of(), "{id}@example.com", id -> {
            throw new IllegalStateException("directory down");
        });

        assertThat(down.address("bob")).contains("bob@example.com");
    }

    @Test
    void withoutTemplate_plainIdsHaveNoAddress() {
        assertThat(AddressResolver.standard(Map.of(), null).address("bob")).isEmpty();
    }

    @Test
    void badTemplateOrEntry_failsFast() {
        assertThatThrownBy(() -> AddressResolver.standard(Map.of(), "example.com"))
                .hasMessageContaining("{id}");
        assertThatThrownBy(() -> AddressResolver.standard(Map.of("bob", "not an address"), null))
                .hasMessageContaining("bob")
                .hasMessageContaining("notifications.email.addresses");
    }
}
