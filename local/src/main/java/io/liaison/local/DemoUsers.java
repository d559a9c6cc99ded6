package io.liaison.local;

import io.liaison.core.ContactPoint;
import io.liaison.core.Directory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The demo users: requesters of a few agencies, an operator for every contact point of the
 * directory (two for DE's 24/7 point of contact, to try a race), a data-protection officer,
 * an auditor, network administrators and directory administrators of DE and FR.
 */
public final class DemoUsers {
    /**
     * A demo user: {@code login} names it on /dev/token/{login}; {@code subject} is the token's sub,
     * the same for two logins of one person acting in two roles.
     */
    public record User(String login, String subject, String name, String role, String jurisdiction, String agency,
                       String contactPoint, String auditedJurisdictions, boolean network) {
        public User(String login, String subject, String name, String role, String jurisdiction, String agency,
                    String contactPoint, String auditedJurisdictions) {
            this(login, subject, name, role, jurisdiction, agency, contactPoint, auditedJurisdictions, false);
        }

        public User(String subject, String name, String role, String jurisdiction, String agency, String contactPoint) {
            this(subject, subject, name, role, jurisdiction, agency, contactPoint, null);
        }

        public User(String login, String subject, String name, String role, String jurisdiction, String agency,
                    String contactPoint) {
            this(login, subject, name, role, jurisdiction, agency, contactPoint, null);
        }
    }

    private final Map<String, User> users = new LinkedHashMap<>();

    public DemoUsers(Directory directory) {
        add(new User("nl-police", "Politie NL, Team High Tech Crime", "requester", "NL", "NL-POLITIE-THTC", null));
        add(new User("nl-police-2", "Politie NL, Team High Tech Crime (2nd officer)", "requester", "NL", "NL-POLITIE-THTC", null));
        add(new User("nl-fiod", "FIOD NL (another agency)", "requester", "NL", "NL-FIOD", null));
        add(new User("de-bka", "BKA DE, cybercrime", "requester", "DE", "DE-BKA-CC", null));
        add(new User("fr-police", "Police nationale FR, OFAC", "requester", "FR", "FR-PN-OFAC", null));
        add(new User("us-fbi", "FBI US, cyber division", "requester", "US", "US-FBI-CYD", null));
        List<ContactPoint> contactPoints = new ArrayList<>(directory.contactPoints());
        contactPoints.sort(Comparator.comparing(ContactPoint::id));
        for (ContactPoint cp : contactPoints) {
            add(new User(cp.id().toLowerCase(Locale.ROOT), "Operator, " + cp.name(), "contact_point", cp.jurisdiction(), null, cp.id()));
        }
        directory.byId("DE-POC247").ifPresent(cp -> add(new User("de-poc247-b", "Second operator, " + cp.name(),
                "contact_point", "DE", null, cp.id())));
        add(new User("de-dpo", "Data-protection officer DE", "dpo", "DE", null, null));
        add(new User("de-dpo-2", "Second data-protection officer DE", "dpo", "DE", null, null));
        add(new User("fr-dpo", "Data-protection officer FR", "dpo", "FR", null, null));
        // The DE central authority's operator, signed in as a data-protection officer: the four-eyes case.
        add(new User("de-ca-as-dpo", "de-ca", "Operator of DE-CA, acting as data-protection officer", "dpo", "DE", null, null));
        add(new User("auditor", "Auditor", "auditor", "NL", null, null));
        // An auditor whose token limits it to trails from or to Germany.
        add(new User("auditor-de", "auditor-de", "Auditor for DE", "auditor", "DE", null, null, "DE"));
        // Administrators: "jurisdictions" are the directory entries each may change; a network
        // administrator changes every entry and, with a second one, the routing rules.
        add(new User("admin", "admin", "Liaison network administrator", "admin", "NL", null, null, "NL", true));
        add(new User("admin-2", "admin-2", "Second network administrator", "admin", "NL", null, null, null, true));
        add(new User("de-admin", "de-admin", "Directory administrator DE", "admin", "DE", null, null, "DE"));
        add(new User("fr-admin", "fr-admin", "Directory administrator FR", "admin", "FR", null, null, "FR"));
    }

    private void add(User user) {
        users.put(user.login(), user);
    }

    public Optional<User> find(String login) {
        return Optional.ofNullable(users.get(login));
    }

    public List<User> all() {
        return List.copyOf(users.values());
    }
}
