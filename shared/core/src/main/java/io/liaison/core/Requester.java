package io.liaison.core;

import java.util.Objects;

/** The requesting side, taken from the filer's token. */
public record Requester(String jurisdiction, String agency, String subject) {
    public Requester {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(subject, "subject");
    }
}
