package dev.maa.store.jdbc.internal;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the pool to drop a connection whenever it reports the database gone. HikariCP recognises the standard
 * connection SQLSTATEs itself, but not H2's vendor codes (e.g. 90121 "database is already closed"), so without
 * this a dead H2 connection would be handed out again and the store would not recover after an outage.
 */
public final class EvictBrokenConnections implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return SqlErrors.isUnavailable(e) && !SqlErrors.isLockTimeout(e)
                ? Override.MUST_EVICT
                : Override.CONTINUE_EVICT;
    }
}
