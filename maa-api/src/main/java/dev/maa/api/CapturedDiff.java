package dev.maa.api;

import java.time.Instant;
import java.util.Objects;

/**
 * What a parked call would change, as the host saw it when the call was parked: kept with the request and never
 * computed again, so approvers review, and the record keeps after completion, the change as it was proposed.
 *
 * <p>Why captured: a diff computed when a page is viewed compares against the object's state at that moment;
 * after completion the object already matches the call and the change reads "no differences", and while
 * pending someone could alter the object to make a harmful change look small. {@link DiffCapture} makes it once.
 *
 * @param title      what is compared, e.g. {@code app app-42}
 * @param before     the object's state when the call was parked, as text ("" when it did not exist)
 * @param after      the state the call would produce, as text ("" for a delete)
 * @param unified    the change as a unified diff; "" lets the reader compute it from {@code before} and
 *                   {@code after} (a pure function of the two texts, not of the live object)
 * @param capturedAt when it was captured
 */
public record CapturedDiff(String title, String before, String after, String unified, Instant capturedAt) {

    public CapturedDiff {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(capturedAt, "capturedAt");
        before = before == null ? "" : before;
        after = after == null ? "" : after;
        unified = unified == null ? "" : unified;
    }
}
