package io.liaison.core;

/** The data categories of Budapest Art. 18 and Regulation (EU) 2023/1543 Art. 3. */
public enum DataCategory implements Coded {
    SUBSCRIBER("subscriber"),
    IDENTIFICATION("identification"),
    TRAFFIC("traffic"),
    CONTENT("content");

    private final String code;

    DataCategory(String code) { this.code = code; }

    @Override public String code() { return code; }
}
