package io.liaison.core;

/** The legal instrument a request rests on. */
public enum Instrument implements Coded {
    /** Budapest Convention on Cybercrime, ETS 185. */
    BUDAPEST_CONVENTION("ETS_185"),
    /** Second Additional Protocol to the Budapest Convention, CETS 224. */
    SECOND_PROTOCOL("CETS_224"),
    /** Regulation (EU) 2023/1543 on European Production and Preservation Orders. */
    E_EVIDENCE_REGULATION("EU_2023_1543"),
    /** A bilateral mutual legal assistance treaty, named in the legal basis. */
    BILATERAL_TREATY("BILATERAL_TREATY");

    private final String code;

    Instrument(String code) { this.code = code; }

    @Override public String code() { return code; }
}
