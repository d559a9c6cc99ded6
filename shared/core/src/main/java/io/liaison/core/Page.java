package io.liaison.core;

import java.util.List;

/** One page of a list, newest first; {@code cursor} reads the next page and is null on the last. */
public record Page<T>(List<T> items, String cursor) {
    public Page {
        items = List.copyOf(items);
    }
}
