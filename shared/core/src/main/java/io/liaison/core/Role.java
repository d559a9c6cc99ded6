package io.liaison.core;

public enum Role implements Coded {
    REQUESTER("requester"),
    CONTACT_POINT("contact_point"),
    DATA_PROTECTION_OFFICER("dpo"),
    AUDITOR("auditor"),
    ADMINISTRATOR("admin");

    private final String code;

    Role(String code) { this.code = code; }

    @Override public String code() { return code; }
}
