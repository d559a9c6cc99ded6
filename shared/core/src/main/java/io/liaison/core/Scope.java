package io.liaison.core;

/** Who may see a request: its requesting agency, and the contact point it was routed to. */
public final class Scope {
    private Scope() {}

    public static boolean canSee(Caller caller, Request request) {
        return switch (caller.role()) {
            case REQUESTER -> caller.jurisdiction().equals(request.requester().jurisdiction())
                    && caller.agency() != null && caller.agency().equals(request.requester().agency());
            case CONTACT_POINT -> request.assignment() != null && caller.contactPointId() != null
                    && caller.contactPointId().equals(request.assignment().contactPointId())
                    && caller.jurisdiction().equals(request.filing().targetJurisdiction());
            case DATA_PROTECTION_OFFICER, AUDITOR, ADMINISTRATOR -> false;
        };
    }
}
