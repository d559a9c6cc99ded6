package io.liaison.core;

public enum ContactPointKind implements Coded {
    /** A 24/7 point of contact under Budapest Art. 35. */
    POC_24_7("POC_24_7"),
    /** The national computer security incident response team. */
    NATIONAL_CSIRT("NATIONAL_CSIRT"),
    /** The central authority for mutual legal assistance. */
    CENTRAL_AUTHORITY("CENTRAL_AUTHORITY"),
    /** An enforcing or issuing authority under Regulation (EU) 2023/1543. */
    E_EVIDENCE_AUTHORITY("E_EVIDENCE_AUTHORITY");

    private final String code;

    ContactPointKind(String code) { this.code = code; }

    @Override public String code() { return code; }
}
