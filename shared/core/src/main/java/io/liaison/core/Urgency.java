package io.liaison.core;

public enum Urgency implements Coded {
    ROUTINE("routine"), URGENT("urgent"), EMERGENCY("emergency");

    private final String code;

    Urgency(String code) { this.code = code; }

    @Override public String code() { return code; }
}
