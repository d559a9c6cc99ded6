package io.liaison.core;

import java.util.Objects;

/** The instrument and article a request rests on; {@code treaty} names a bilateral treaty. */
public record LegalBasis(Instrument instrument, String article, String treaty) {
    public LegalBasis {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(article, "article");
    }
}
