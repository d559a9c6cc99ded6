package io.liaison.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.audit.EventHashes;
import io.liaison.audit.Hash;
import io.liaison.core.Actor;
import io.liaison.core.Caller;
import io.liaison.core.ContactPoint;
import io.liaison.core.ContactPointKind;
import io.liaison.core.Directory;
import io.liaison.core.Outcome;
import io.liaison.core.Role;
import io.liaison.core.RoutingPolicy;
import io.liaison.core.Violation;
import io.liaison.json.DirectoryJson;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The directory and the routing rules as the jurisdictions maintain them while Liaison runs: read
 * the directory, change an entry of one's own jurisdiction (it applies at once, as a revision),
 * mark one unavailable, import or export a whole directory; propose a rule change and have another
 * network administrator approve it; read both trails. Every change is checked whole
 * and written as one revision, or not at all.
 */
public final class NetworkService {
    static final int ATTEMPTS = 5;

    private final NetworkStore store;
    private final StoredNetwork network;
    private final Clock clock;
    private final Supplier<String> ids;

    public NetworkService(NetworkStore store, StoredNetwork network, Clock clock, Supplier<String> ids) {
        this.store = store;
        this.network = network;
        this.clock = clock;
        this.ids = ids;
    }

    /** The directory as it stands at an instant, filtered. */
    public record Listing(long revision, Instant validFrom, Instant at, List<ContactPoint> entries) {}

    public Outcome<Listing> list(Caller caller, Optional<String> jurisdiction, Optional<ContactPointKind> kind, Optional<Instant> at) {
        Instant when = at.orElse(clock.instant());
        StoredNetwork.Parsed<Directory> inForce = network.directoryAt(when);
        Revision revision = inForce.revision();
        List<ContactPoint> entries = inForce.value().contactPoints().stream()
                .filter(cp -> cp.validAt(when))
                .filter(cp -> jurisdiction.map(cp.jurisdiction()::equals).orElse(true))
                .filter(cp -> kind.map(k -> cp.kind() == k).orElse(true))
                .sorted(Comparator.comparing(ContactPoint::id)).toList();
        return new Outcome.Ok<>(new Listing(revision.number(), revision.validFrom(), when, entries));
    }

    /** Whether a caller may see the e-mail addresses notices go to: an administrator of the entry. */
    public static boolean seesAddresses(Caller caller, Administration admin, ContactPoint cp) {
        return caller.role() == Role.ADMINISTRATOR && admin.administers(cp.jurisdiction());
    }

    /**
     * Creates ({@code expectedVersion} null) or replaces one entry, if the caller administers its
     * jurisdiction (and the one it had). A stale {@code expectedVersion} is 409: someone changed it since.
     */
    public Outcome<Revision> change(Caller caller, Administration admin, String id, ContactPoint entry, String reason,
                                    Long expectedVersion) {
        Optional<String> refused = administering(caller, admin);
        if (refused.isPresent()) return new Outcome.Forbidden<>(refused.get());
        if (!entry.id().equals(id)) return invalid("/entry/id", "the entry's id is " + entry.id() + " but the path names " + id);
        if (!admin.administers(entry.jurisdiction())) {
            return new Outcome.Forbidden<>("/entry/jurisdiction: this token administers the entries of "
                    + scope(admin) + ", not of " + entry.jurisdiction());
        }
        return commit(caller, reason, current -> {
            Optional<ContactPoint> existing = current.byId(id);
            if (existing.isPresent() && !admin.administers(existing.get().jurisdiction())) {
                return new Forbid("this token administers the entries of " + scope(admin) + ", not " + id + " of "
                        + existing.get().jurisdiction());
            }
            if (expectedVersion == null && existing.isPresent()) {
                return new Conflict(id + " exists (version " + existing.get().version() + "); send its expectedVersion to change it");
            }
            if (expectedVersion != null && existing.isEmpty()) {
                return new Conflict("there is no " + id + " to change; leave expectedVersion out to create it");
            }
            if (expectedVersion != null && existing.get().version() != expectedVersion) {
                return new Conflict(id + " was changed by someone else (it is at version " + existing.get().version()
                        + ", not " + expectedVersion + "); read it again");
            }
            List<ContactPoint> next = new ArrayList<>(current.contactPoints().stream().filter(cp -> !cp.id().equals(id)).toList());
            next.add(entry);
            return new Candidate(next, Map.of(id, "/entry"), (existing.isPresent() ? id + " changed" : id + " added"));
        });
    }

    /** Adds a period of unavailability to one entry (a holiday, an outage): routing and escalation then use its backup. */
    public Outcome<Revision> markUnavailable(Caller caller, Administration admin, String id, ContactPoint.Unavailability period) {
        Optional<String> refused = administering(caller, admin);
        if (refused.isPresent()) return new Outcome.Forbidden<>(refused.get());
        if (!period.to().isAfter(clock.instant())) return invalid("/to", "the period is over already; it must end in the future");
        if (!period.to().isAfter(period.from())) return invalid("/to", "a period ends after it begins");
        return commit(caller, period.reason(), current -> {
            Optional<ContactPoint> existing = current.byId(id);
            if (existing.isEmpty()) return new Missing();
            if (!admin.administers(existing.get().jurisdiction())) {
                return new Forbid("this token administers the entries of " + scope(admin) + ", not " + id + " of "
                        + existing.get().jurisdiction());
            }
            List<ContactPoint> next = new ArrayList<>(current.contactPoints().stream().filter(cp -> !cp.id().equals(id)).toList());
            next.add(existing.get().withUnavailability(period));
            return new Candidate(next, Map.of(id, ""), id + " unavailable from " + period.from() + " to " + period.to());
        });
    }

    /**
     * Replaces every entry of the caller's jurisdictions by the document's, as one revision. The
     * document may carry the other jurisdictions' entries too (an export sent back), but only as
     * they stand: a change to one of them is 403 at its pointer.
     */
    public Outcome<Revision> importDirectory(Caller caller, Administration admin, List<ContactPoint> entries, String reason,
                                             Long expectedRevision) {
        Optional<String> refused = administering(caller, admin);
        if (refused.isPresent()) return new Outcome.Forbidden<>(refused.get());
        return commit(caller, reason, current -> {
            Revision head = network.latestDirectory().revision();
            if (expectedRevision != null && head.number() != expectedRevision) {
                return new Conflict("the directory is at revision " + head.number() + ", not " + expectedRevision
                        + "; export it again and apply your changes to that");
            }
            Map<String, String> pointers = new HashMap<>();
            List<ContactPoint> next = new ArrayList<>(current.contactPoints().stream()
                    .filter(cp -> !admin.administers(cp.jurisdiction())).toList());
            for (int i = 0; i < entries.size(); i++) {
                ContactPoint cp = entries.get(i);
                if (admin.administers(cp.jurisdiction())) {
                    Optional<ContactPoint> was = current.byId(cp.id());
                    if (was.isPresent() && !admin.administers(was.get().jurisdiction())) {
                        return new Forbid("/contactPoints/" + i + ": " + cp.id() + " is an entry of " + was.get().jurisdiction()
                                + ", which this token does not administer");
                    }
                    pointers.putIfAbsent(cp.id(), "/contactPoints/" + i);
                    next.add(cp);
                } else if (!current.byId(cp.id()).map(was -> sameEntry(was, cp)).orElse(false)) {
                    return new Forbid("/contactPoints/" + i + ": " + cp.id() + " is an entry of " + cp.jurisdiction()
                            + ", which this token does not administer; send it as it stands, or leave it out");
                }
            }
            long changed = next.stream().filter(cp -> pointers.containsKey(cp.id())).filter(cp -> current.byId(cp.id())
                    .map(was -> !sameEntry(was, cp)).orElse(true)).count();
            long removed = current.contactPoints().stream().filter(cp -> admin.administers(cp.jurisdiction()))
                    .filter(cp -> !pointers.containsKey(cp.id())).count();
            return new Candidate(next, pointers, "import of " + scope(admin) + ": " + changed + " added or changed, "
                    + removed + " removed");
        });
    }

    /** The whole current directory, addresses included, as an import takes it back. */
    public Outcome<StoredNetwork.Parsed<Directory>> export(Caller caller, Administration admin) {
        if (caller.role() != Role.ADMINISTRATOR) return new Outcome.Forbidden<>("administrators export the directory");
        return new Outcome.Ok<>(network.latestDirectory());
    }

    /** A trail's revisions: the directory's for auditors and administrators, the rules' for every role. */
    public Outcome<List<Revision>> revisions(Caller caller, Trail trail) {
        if (trail == Trail.DIRECTORY && !auditing(caller)) {
            return new Outcome.Forbidden<>("the directory's trail is read by auditors and administrators");
        }
        List<Revision> stored = store.revisions(trail, 0);
        return new Outcome.Ok<>(stored.isEmpty() ? List.of(trail == Trail.DIRECTORY ? network.latestDirectory().revision()
                : network.latestRules().revision()) : stored);
    }

    public Outcome<Revision> revision(Caller caller, Trail trail, long number) {
        return switch (revisions(caller, trail)) {
            case Outcome.Ok<List<Revision>> all -> all.value().stream().filter(r -> r.number() == number).findFirst()
                    .<Outcome<Revision>>map(Outcome.Ok::new).orElseGet(Outcome.NotFound::new);
            case Outcome.Forbidden<List<Revision>> f -> new Outcome.Forbidden<>(f.reason());
            default -> new Outcome.NotFound<>();
        };
    }

    /** The current routing rules, or those of one revision: every role reads them, they explain its routing. */
    public Outcome<Revision> rules(Caller caller, Optional<Long> number) {
        if (number.isEmpty()) return new Outcome.Ok<>(network.latestRules().revision());
        return revision(caller, Trail.ROUTING_RULES, number.get());
    }

    /** A routing-rules change, waiting for a second network administrator. */
    public Outcome<Proposal> propose(Caller caller, Administration admin, String document, String reason, Instant validFrom) {
        if (caller.role() != Role.ADMINISTRATOR || !admin.network()) {
            return new Outcome.Forbidden<>("only a network administrator proposes a change to the routing rules");
        }
        Instant now = clock.instant();
        if (validFrom != null && validFrom.isBefore(now)) {
            return invalid("/validFrom", "a rule change applies from now or later; the past stays as it was decided");
        }
        RulesRead read = RulesRead.of(document);
        if (read.violations() != null) return new Outcome.Invalid<>(read.violations());
        List<Violation> kinds = DirectoryRules.kindsInUse(network.latestDirectory().value().contactPoints(), read.policy(), "/document/routing");
        if (!kinds.isEmpty()) return new Outcome.Invalid<>(kinds);
        String version = read.policy().version();
        if (network.latestRules().revision().version().equals(version) || store.versionProposed(version)
                || store.revisions(Trail.ROUTING_RULES, 0).stream().anyMatch(r -> version.equals(r.version()))) {
            return new Outcome.Conflict<>("rules version '" + version + "' exists or was proposed; name a new version");
        }
        Proposal proposal = new Proposal(ids.get(), version, EventHashes.canonicalJson(document), reason, validFrom,
                Actor.of(caller), now, network.latestRules().revision().number(), Proposal.Status.PENDING, null, null);
        if (!store.propose(proposal)) {
            return new Outcome.Conflict<>("rules version '" + version + "' was proposed at the same moment; name a new version");
        }
        return new Outcome.Ok<>(proposal);
    }

    public Outcome<List<Proposal>> proposals(Caller caller) {
        if (caller.role() != Role.ADMINISTRATOR) return new Outcome.Forbidden<>("proposals are read by administrators");
        return new Outcome.Ok<>(store.proposals());
    }

    /** A second network administrator approves: the rules become a revision, applying from its validFrom. */
    public Outcome<Revision> approve(Caller caller, Administration admin, String proposalId) {
        if (caller.role() != Role.ADMINISTRATOR || !admin.network()) {
            return new Outcome.Forbidden<>("only a network administrator approves a change to the routing rules");
        }
        Optional<Proposal> found = store.proposal(proposalId);
        if (found.isEmpty()) return new Outcome.NotFound<>();
        Proposal p = found.get();
        if (p.proposedBy().subject().equals(caller.subject())) {
            return new Outcome.Forbidden<>("a rule change takes two people: " + caller.subject()
                    + " proposed it, so another network administrator approves it");
        }
        if (p.status() != Proposal.Status.PENDING) return new Outcome.Conflict<>("the proposal was decided already");
        Revision head = network.latestRules().revision();
        if (head.number() != p.baseRevision()) {
            return new Outcome.Conflict<>("the rules changed since this proposal (revision " + head.number() + ", proposed onto "
                    + p.baseRevision() + "); propose it again onto the current rules");
        }
        Instant now = clock.instant();
        Instant validFrom = p.validFrom() == null || p.validFrom().isBefore(now) ? now : p.validFrom();
        if (validFrom.isBefore(head.validFrom())) validFrom = head.validFrom();
        Revision next = new Revision(Trail.ROUTING_RULES, head.number() + 1, now, validFrom, p.proposedBy(), Actor.of(caller),
                p.reason(), "rules " + p.version() + " replace " + head.version(), p.version(), p.document(), null, null)
                .chainedOnto(storedHead(Trail.ROUTING_RULES));
        Proposal approved = new Proposal(p.id(), p.version(), p.document(), p.reason(), p.validFrom(), p.proposedBy(), p.proposedAt(),
                p.baseRevision(), Proposal.Status.APPROVED, Actor.of(caller), now);
        network.seed();
        if (!store.approve(approved, next, head.number())) {
            return new Outcome.Conflict<>("the rules or the proposal changed at the same moment; read them again");
        }
        return new Outcome.Ok<>(next);
    }

    // ---------------------------------------------------------------- the one way a directory changes

    private sealed interface Step {}

    private record Candidate(List<ContactPoint> entries, Map<String, String> pointers, String change) implements Step {}

    private record Forbid(String reason) implements Step {}

    private record Conflict(String reason) implements Step {}

    private record Missing() implements Step {}

    /**
     * Builds the next directory from the latest revision, checks it whole, and appends it onto that
     * revision; a concurrent change to another entry makes it try again on the fresh revision.
     */
    private Outcome<Revision> commit(Caller caller, String reason, Function<Directory, Step> change) {
        network.seed();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            StoredNetwork.Parsed<Directory> latest = network.latestDirectory();
            Revision head = latest.revision();
            Step step = change.apply(latest.value());
            switch (step) {
                case Forbid f -> { return new Outcome.Forbidden<>(f.reason()); }
                case Conflict c -> { return new Outcome.Conflict<>(c.reason()); }
                case Missing m -> { return new Outcome.NotFound<>(); }
                case Candidate candidate -> {
                    List<Violation> violations = DirectoryRules.check(candidate.entries(), candidate.pointers()::get,
                            network.latestRules().value());
                    if (!violations.isEmpty()) return new Outcome.Invalid<>(violations);
                    long number = head.number() + 1;
                    List<ContactPoint> versioned = candidate.entries().stream()
                            .map(cp -> latest.value().byId(cp.id()).filter(was -> sameEntry(was, cp)).map(was -> cp.inVersion(was.version()))
                                    .orElseGet(() -> cp.inVersion(number)))
                            .toList();
                    Instant now = clock.instant();
                    Instant validFrom = now.isBefore(head.validFrom()) ? head.validFrom() : now;
                    String state = EventHashes.canonicalJson(DirectoryJson.state(new Directory("directory", versioned)).toString());
                    Revision next = new Revision(Trail.DIRECTORY, number, now, validFrom, Actor.of(caller), null, reason,
                            candidate.change(), null, state, null, null).chainedOnto(storedHead(Trail.DIRECTORY));
                    if (store.append(next, head.number())) return new Outcome.Ok<>(next);
                }
            }
        }
        return new Outcome.Conflict<>("the directory was changed by others at the same moment, " + ATTEMPTS + " times; try again");
    }

    private Hash storedHead(Trail trail) {
        return store.head(trail).map(NetworkStore.Head::chainHash).orElse(Hash.GENESIS);
    }

    /** Two entries say the same, whatever version each was read in. */
    private static boolean sameEntry(ContactPoint a, ContactPoint b) {
        return Objects.equals(a.inVersion(0), b.inVersion(0));
    }

    private static Optional<String> administering(Caller caller, Administration admin) {
        if (caller.role() != Role.ADMINISTRATOR) return Optional.of("only administrators change the directory");
        if (!admin.network() && admin.jurisdictions().isEmpty()) {
            return Optional.of("this administrator's token names no jurisdiction it administers (claim jurisdictions)");
        }
        return Optional.empty();
    }

    private static boolean auditing(Caller caller) {
        return caller.role() == Role.AUDITOR || caller.role() == Role.ADMINISTRATOR;
    }

    private static String scope(Administration admin) {
        return admin.network() ? "every jurisdiction" : String.join(", ", admin.jurisdictions().stream().sorted().toList());
    }

    private static <T> Outcome<T> invalid(String pointer, String detail) {
        return new Outcome.Invalid<>(List.of(new Violation(pointer, detail)));
    }

    /** A rules document read for a proposal: the policy, or what is wrong with it. */
    record RulesRead(RoutingPolicy policy, List<Violation> violations) {
        static RulesRead of(String document) {
            JsonNode root;
            try {
                root = io.liaison.json.Json.MAPPER.readTree(document);
            } catch (java.io.IOException e) {
                return new RulesRead(null, List.of(new Violation("/document", "the rules are not valid JSON")));
            }
            if (root == null || !root.isObject() || !root.path("version").isTextual() || root.path("version").asText().isBlank()
                    || root.path("version").asText().length() > 100) {
                return new RulesRead(null, List.of(new Violation("/document/version", "the rules name their version (1 to 100 characters)")));
            }
            // An unknown kind is named at its pointer; the model's own check would name the whole document.
            List<Violation> kinds = new ArrayList<>();
            JsonNode routing = root.path("routing");
            for (int i = 0; i < routing.size(); i++) {
                JsonNode to = routing.get(i).path("to");
                for (int j = 0; j < to.size(); j++) {
                    if (!to.get(j).isTextual() || io.liaison.core.Coded.parse(ContactPointKind.class, to.get(j).asText()).isEmpty()) {
                        kinds.add(new Violation("/document/routing/" + i + "/to/" + j, "'" + to.get(j).asText() + "' is not one of: "
                                + io.liaison.core.Coded.allowed(ContactPointKind.class)));
                    }
                }
            }
            if (!kinds.isEmpty()) return new RulesRead(null, kinds);
            try {
                RoutingPolicy policy = io.liaison.config.PolicyFiles.routingPolicy(root);
                if (policy.rules().isEmpty()) return new RulesRead(null, List.of(new Violation("/document/routing", "name at least one routing rule")));
                return new RulesRead(policy, null);
            } catch (RuntimeException e) { // a code, a duration or a date that does not read, a party without a source
                return new RulesRead(null, List.of(new Violation("/document", "the rules do not fit the model: " + e.getMessage())));
            }
        }
    }
}
