package io.liaison.core.gate;

import io.liaison.core.Tlp;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a contact point sends in reply to a request: records of data, or for a preservation
 * request a confirmation of what is preserved until when; partial until the final one.
 */
public record Answer(List<ResponseRecord> records, Confirmation confirmation, boolean isFinal, Tlp tlp) {
    public Answer {
        records = List.copyOf(records);
        Objects.requireNonNull(tlp, "tlp");
    }

    public record Confirmation(String preserved, LocalDate until) {
        public Confirmation {
            Objects.requireNonNull(preserved, "preserved");
            Objects.requireNonNull(until, "until");
        }
    }
}
