package dev.maa.notify;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Finds the e-mail address of a principal id; ids without an address are skipped (and logged). */
@FunctionalInterface
public interface AddressResolver {

    Optional<String> address(String principalId);

    /**
     * The usual rules, first match wins: an explicit entry in {@code addresses}; the id itself if it is an
     * address ({@code alice@example.com}); {@code template} with {@code {id}} replaced
     * ({@code {id}@example.com}). Each result must be a single valid address, so an id such as
     * {@code "x@evil.example, y"} cannot add recipients.
     *
     * @param addresses principal id to address; may be empty
     * @param template  containing {@code {id}}, or {@code null}
     */
    static AddressResolver standard(Map<String, String> addresses, String template) {
        return standard(addresses, template, id -> Optional.empty());
    }

    /**
     * The usual rules with the directory's address after an explicit entry: {@code addresses}, then
     * {@code directory} (e.g. LDAP's {@code mail}, {@code Directory.emailOf}), then the id itself if it is an
     * address, then {@code template}. A directory answer that is not a single valid address, or a directory that
     * fails, falls through to the next rule.
     */
    static AddressResolver standard(
            Map<String, String> addresses, String template, Function<String, Optional<String>> directory) {
        Map<String, String> map = Map.copyOf(addresses == null ? Map.of() : addresses);
        map.forEach((id, address) -> {
            if (valid(address).isEmpty()) {
                throw new IllegalArgumentException("e-mail address '" + address + "' for '" + id
                        + "' is not a single valid address; fix notifications.email.addresses");
            }
        });
        String t = template == null || template.isBlank() ? null : template.trim();
        if (t != null && (!t.contains("{id}") || !t.contains("@"))) {
            throw new IllegalArgumentException(
                    "address_template '" + t + "' must contain {id} and @, e.g." + " {id}@example.com");
        }
        return id -> {
            String mapped = map.get(id);
            if (mapped != null) {
                return valid(mapped);
            }
            Optional<String> listed = fromDirectory(directory, id);
            if (listed.isPresent()) {
                return listed;
            }
            if (id.indexOf('@') > 0) {
                return valid(id);
            }
            return t == null ? Optional.empty() : valid(t.replace("{id}", id));
        };
    }

    private static Optional<String> fromDirectory(Function<String, Optional<String>> directory, String id) {
        try {
            return directory.apply(id).flatMap(AddressResolver::valid);
        } catch (RuntimeException e) {
            return Optional.empty(); // the directory is down: the template, if any, still reaches the member
        }
    }

    private static Optional<String> valid(String address) {
        try {
            InternetAddress[] parsed = InternetAddress.parse(address, true);
            if (parsed.length != 1) {
                return Optional.empty();
            }
            parsed[0].validate();
            String a = parsed[0].getAddress();
            return a.equals(address.trim()) ? Optional.of(a) : Optional.empty();
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
