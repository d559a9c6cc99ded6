package io.liaison.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Request ids in a known order: the ones given first, then 00000000-0000-4000-8000-000000000001,
 * ...2, and so on. Every id has the lower-case UUID form the API accepts in a path.
 */
public final class SequentialIds implements Supplier<String> {
    /** The id every sample under events/ uses. */
    public static final String SAMPLE_REQUEST_ID = "276b1bd5-f897-474b-8535-d60307d343ee";

    private final Deque<String> first;
    private long counter;

    public SequentialIds(String... first) {
        this.first = new ArrayDeque<>(List.of(first));
    }

    @Override
    public synchronized String get() {
        if (!first.isEmpty()) return first.removeFirst();
        return "00000000-0000-4000-8000-%012d".formatted(++counter);
    }
}
