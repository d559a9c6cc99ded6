package io.liaison.testing;

import io.liaison.core.Caller;
import io.liaison.core.Role;

/** The callers of the tests; the first two are the ones the samples under events/ carry. */
public final class Callers {
    /** Requester of the Dutch police's high-tech crime team (events/intake-*.json, tracking-*.json). */
    public static final Caller NL_POLICE = new Caller("nl-police", Role.REQUESTER, "NL", "NL-POLITIE-THTC", null);
    /** A colleague in the same agency. */
    public static final Caller NL_POLICE_COLLEAGUE = new Caller("nl-police-2", Role.REQUESTER, "NL", "NL-POLITIE-THTC", null);
    /** Another agency of the same jurisdiction. */
    public static final Caller NL_FIOD = new Caller("nl-fiod", Role.REQUESTER, "NL", "NL-FIOD", null);
    /** An agency with the same name in another jurisdiction. */
    public static final Caller SAME_AGENCY_NAME_IN_BE = new Caller("be-impostor", Role.REQUESTER, "BE", "NL-POLITIE-THTC", null);
    /** A requester whose token names no agency. */
    public static final Caller REQUESTER_WITHOUT_AGENCY = new Caller("nl-nobody", Role.REQUESTER, "NL", null, null);

    /** Operator of Germany's 24/7 point of contact (events/casework-*.json). */
    public static final Caller DE_POC247 = new Caller("de-poc247", Role.CONTACT_POINT, "DE", null, "DE-POC247");
    /** A second operator of the same contact point. */
    public static final Caller DE_POC247_SECOND = new Caller("de-poc247-b", Role.CONTACT_POINT, "DE", null, "DE-POC247");
    /** Another German contact point. */
    /** DE-POC247's backup in the demo directory: requests it leaves unacknowledged are escalated here. */
    public static final Caller DE_CA = new Caller("de-ca", Role.CONTACT_POINT, "DE", null, "DE-CA");
    public static final Caller DE_CSIRT = new Caller("de-csirt", Role.CONTACT_POINT, "DE", null, "DE-CSIRT");
    /** A token that names DE-POC247 but a jurisdiction the contact point is not in. */
    public static final Caller DE_POC247_CLAIMED_FROM_FR = new Caller("fr-poc247", Role.CONTACT_POINT, "FR", null, "DE-POC247");

    public static final Caller DPO = new Caller("de-dpo", Role.DATA_PROTECTION_OFFICER, "DE", null, null);
    public static final Caller AUDITOR = new Caller("auditor", Role.AUDITOR, "NL", null, null);
    public static final Caller ADMIN = new Caller("admin", Role.ADMINISTRATOR, "NL", null, null);

    private Callers() {}
}
