package dev.maa.core.codec;

import dev.maa.api.Operation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A parked call read back: the operation and its arguments, typed as their descriptors said. */
public record DecodedCall(Operation operation, List<Object> args) {

    public DecodedCall {
        args = Collections.unmodifiableList(new ArrayList<>(args));
    }

    /** The arguments as an array for {@link java.lang.reflect.Method#invoke}. */
    public Object[] argsArray() {
        return args.toArray();
    }
}
