package io.liaison.core.gate;

import io.liaison.core.DataCategory;
import io.liaison.core.Tlp;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One structured record of a response: what kind of data it is, whose it is, whether it is a
 * special category of personal data (GDPR Art. 9 / LED Art. 10), the fields themselves, where the
 * data come from, and how it may be shared.
 */
public record ResponseRecord(
        DataCategory category,
        Owner owner,
        boolean specialCategory,
        Map<String, String> fields,
        String originJurisdiction,
        Tlp tlp) {

    /** Whose data a record holds: the person the request is about, or somebody else. */
    public enum Owner { DATA_SUBJECT, THIRD_PARTY }

    public ResponseRecord {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(originJurisdiction, "originJurisdiction");
        Objects.requireNonNull(tlp, "tlp");
        fields = java.util.Collections.unmodifiableMap(new TreeMap<>(fields)); // a stable order for hashing and display
    }
}
