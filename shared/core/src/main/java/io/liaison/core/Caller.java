package io.liaison.core;

import java.util.Objects;

/**
 * Who is calling, as the authorizer established it from the token. {@code agency} is set for
 * requesters, {@code contactPointId} for contact-point operators.
 */
public record Caller(String subject, Role role, String jurisdiction, String agency, String contactPointId) {
    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
    }

    /** The organisation the caller acts for, as shown in audit events. */
    public String organisation() {
        return switch (role) {
            case REQUESTER -> agency;
            case CONTACT_POINT -> contactPointId;
            case DATA_PROTECTION_OFFICER, AUDITOR, ADMINISTRATOR -> null;
        };
    }
}
