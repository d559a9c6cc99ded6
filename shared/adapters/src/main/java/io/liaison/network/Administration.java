package io.liaison.network;

import java.util.Set;

/**
 * What an administrator's token lets it change: the directory entries of {@code jurisdictions}
 * (claim "jurisdictions"), and with {@code network} (claim "network") every entry and the routing rules.
 */
public record Administration(Set<String> jurisdictions, boolean network) {
    public static final Administration NONE = new Administration(Set.of(), false);

    public Administration {
        jurisdictions = Set.copyOf(jurisdictions);
    }

    public boolean administers(String jurisdiction) {
        return network || jurisdictions.contains(jurisdiction);
    }
}
