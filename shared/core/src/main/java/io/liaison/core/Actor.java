package io.liaison.core;

/** Who made a state change, as written to the audit trail. {@code SYSTEM} is Liaison itself. */
public record Actor(String role, String jurisdiction, String organisation, String subject) {
    public static final Actor SYSTEM = new Actor("system", null, "liaison", "liaison");

    public static Actor of(Caller caller) {
        return new Actor(caller.role().code(), caller.jurisdiction(), caller.organisation(), caller.subject());
    }
}
