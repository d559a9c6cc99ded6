package io.liaison.core;

/** Who a notice goes to: a contact point of the directory, or a requesting agency. */
public sealed interface Recipient {
    /** Stable and unique: names the recipient in the trail and keys its channel. */
    String key();

    record ContactPointRecipient(String contactPointId) implements Recipient {
        @Override public String key() { return contactPointId; }
    }

    record AgencyRecipient(String jurisdiction, String agency) implements Recipient {
        @Override public String key() { return jurisdiction + "/" + agency; }
    }
}
