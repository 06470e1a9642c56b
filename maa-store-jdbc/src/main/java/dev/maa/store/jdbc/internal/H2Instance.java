package dev.maa.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Which embedded H2 database a connection reaches, and whether that database still holds every commit it
 * acknowledged: what the {@link TransitionLog} must know before it deletes a segment.
 *
 * <p>Why: when H2 fails to write its file (a full disk) its MVStore panics and closes the database, losing the
 * commits it had acknowledged from memory. The pool's next connection then opens the file again as the disk has
 * it, a new database in the same JVM, on which {@code CHECKPOINT SYNC} succeeds while the records of the lost
 * commits exist only in the log (issue 14: a segment deleted after such a checkpoint lost an acknowledged park).
 */
final class H2Instance {

    private H2Instance() {}

    /**
     * The database {@code c} reaches in this JVM (compared by identity); null for a client of an H2 server, whose
     * database this process cannot see.
     */
    static Object of(Connection c) throws SQLException {
        if (c.isWrapperFor(JdbcConnection.class)
                && c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local) {
            return local.getDatabase();
        }
        return null;
    }

    /** Whether {@code database} (from {@link #of}) is open and its file store has not panicked. */
    static boolean healthy(Object database) {
        if (!(database instanceof Database d) || d.isClosing() || d.getStore() == null) {
            return false;
        }
        MVStore store = d.getStore().getMvStore();
        return !store.isClosed() && store.getPanicException() == null;
    }

    /** How much memory H2's changes not yet written to the file take ({@code database} from {@link #of}). */
    static int unsavedMemory(Object database) {
        return ((Database) database).getStore().getMvStore().getUnsavedMemory();
    }

    /** The unsaved amount at which H2 stores the file itself, in the thread that writes (see TransitionLog). */
    static int autoStoreMemory(Object database) {
        return ((Database) database).getStore().getMvStore().getAutoCommitMemory();
    }
}
