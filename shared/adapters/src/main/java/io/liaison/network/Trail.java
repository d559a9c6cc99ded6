package io.liaison.network;

/** The two trails of the network's shared data: every revision of the directory, and of the routing rules. */
public enum Trail {
    DIRECTORY("directory"),
    ROUTING_RULES("routing-rules");

    private final String id;

    Trail(String id) { this.id = id; }

    /** The trail's name in the API, the digests and the export. */
    public String id() { return id; }
}
