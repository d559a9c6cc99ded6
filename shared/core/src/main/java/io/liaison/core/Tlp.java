package io.liaison.core;

/** Traffic Light Protocol 2.0 labels, in increasing order of restriction. */
public enum Tlp implements Coded {
    CLEAR("TLP:CLEAR"), GREEN("TLP:GREEN"), AMBER("TLP:AMBER"), AMBER_STRICT("TLP:AMBER+STRICT"), RED("TLP:RED");

    private final String code;

    Tlp(String code) { this.code = code; }

    @Override public String code() { return code; }
}
