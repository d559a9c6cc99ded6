package io.liaison.core;

/** Permissible Actions Protocol labels. */
public enum Pap implements Coded {
    CLEAR("PAP:CLEAR"), GREEN("PAP:GREEN"), AMBER("PAP:AMBER"), RED("PAP:RED");

    private final String code;

    Pap(String code) { this.code = code; }

    @Override public String code() { return code; }
}
