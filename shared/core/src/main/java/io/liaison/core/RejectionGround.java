package io.liaison.core;

/**
 * Why a contact point cannot execute a request: the reasons of Annex III of Regulation (EU)
 * 2023/1543 and the refusal grounds of its Art. 12.
 */
public enum RejectionGround implements Coded {
    INCOMPLETE_OR_ERRONEOUS("incomplete_or_erroneous"),
    DATA_NOT_STORED("data_not_stored"),
    DE_FACTO_IMPOSSIBILITY("de_facto_impossibility"),
    IMMUNITIES_OR_PRESS_FREEDOM("immunities_or_press_freedom"),
    CONFLICTING_THIRD_COUNTRY_LAW("conflicting_third_country_law"),
    MANIFEST_BREACH_OF_FUNDAMENTAL_RIGHTS("manifest_breach_of_fundamental_rights"),
    NE_BIS_IN_IDEM("ne_bis_in_idem"),
    NO_DUAL_CRIMINALITY("no_dual_criminality");

    private final String code;

    RejectionGround(String code) { this.code = code; }

    @Override public String code() { return code; }
}
