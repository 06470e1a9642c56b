package dev.maa.api;

/** A reviewer's answer to a request. */
public enum Verdict {
    APPROVE,
    REJECT
}
