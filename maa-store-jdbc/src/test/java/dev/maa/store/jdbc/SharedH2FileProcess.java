package dev.maa.store.jdbc;

import static dev.maa.core.store.StoreFixtures.event;
import static dev.maa.core.store.StoreFixtures.request;

import dev.maa.api.MaaConfigurationException;
import dev.maa.api.RequestAlreadyPendingException;
import java.nio.file.Path;

/**
 * A second {@code maa} process for {@link JdbcStoresTest}: opens the H2 file another JVM holds open, writes a
 * request, tries a conflicting one, and reports through its exit code.
 */
public final class SharedH2FileProcess {

    /** The exit code when the store is refused because its owner does not share it. */
    static final int NOT_SHARED = 4;

    private SharedH2FileProcess() {}

    public static void main(String[] args) {
        JdbcRequestStore opened;
        try {
            opened = JdbcStores.h2File(Path.of(args[0]));
        } catch (MaaConfigurationException e) {
            System.out.println(e.getMessage());
            System.exit(NOT_SHARED);
            return;
        }
        try (JdbcRequestStore store = opened) {
            if (store.find("parent-1").isEmpty()) {
                System.exit(2); // does not see the other process's request
            }
            try {
                store.insert(request("child-conflict", "shared-1", 5), event("child-conflict", "SUBMITTED"));
                System.exit(3); // the one-open-per-object rule did not hold across processes
            } catch (RequestAlreadyPendingException expected) {
                // the parent's request holds the slot
            }
            store.insert(request("child-1", "shared-2", 6), event("child-1", "SUBMITTED"));
        }
        System.exit(0);
    }
}
