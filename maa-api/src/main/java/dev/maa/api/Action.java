package dev.maa.api;

/** What a protected operation does to its resource. Policies match on these names. */
public enum Action {
    CREATE,
    UPDATE,
    DELETE,
    ASSIGN,
    DEPLOY,
    WIPE,
    RETIRE,
    RESTART,
    EXECUTE
}
