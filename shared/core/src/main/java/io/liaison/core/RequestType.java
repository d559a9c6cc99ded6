package io.liaison.core;

/** What the requester asks for. */
public enum RequestType implements Coded {
    PRESERVATION("preservation"),
    SUBSCRIBER_DATA("subscriber_data"),
    IDENTIFICATION_DATA("identification_data"),
    TRAFFIC_DATA("traffic_data"),
    CONTENT_DATA("content_data"),
    DOMAIN_REGISTRATION_DATA("domain_registration_data"),
    INCIDENT_ASSISTANCE("incident_assistance");

    private final String code;

    RequestType(String code) { this.code = code; }

    @Override public String code() { return code; }
}
