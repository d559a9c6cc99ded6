package io.liaison.network;

import io.liaison.core.ContactPoint;
import io.liaison.core.ContactPointKind;
import io.liaison.core.FilingRules;
import io.liaison.core.RoutingPolicy;
import io.liaison.core.Violation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a directory must satisfy before it becomes a revision. Pure: it takes the whole candidate
 * directory (what it would be after the change) and says, with a pointer into the caller's body,
 * what is wrong. Entries the caller did not send are named by id at the pointer "".
 */
public final class DirectoryRules {
    private static final Pattern ID = Pattern.compile("^[A-Z0-9][A-Z0-9-]{1,39}$");
    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$");
    private static final Set<String> ISO_3166 = Set.of(Locale.getISOCountries());
    private static final Set<String> ISO_639 = Set.of(Locale.getISOLanguages());
    public static final int MAX_ENTRIES = 500;
    public static final int MAX_PERIODS = 50;

    private DirectoryRules() {}

    /**
     * @param pointer where each entry the caller sent stands in its body ("/entry", "/contactPoints/3"); absent for the others
     * @param rules   the routing rules in force: every kind they route to must remain in the directory
     */
    public static List<Violation> check(List<ContactPoint> candidate, Function<String, String> pointer, RoutingPolicy rules) {
        List<Violation> out = new ArrayList<>();
        if (candidate.size() > MAX_ENTRIES) out.add(new Violation("", "a directory holds at most " + MAX_ENTRIES + " contact points"));
        Map<String, ContactPoint> byId = new HashMap<>();
        for (ContactPoint cp : candidate) {
            String at = pointer.apply(cp.id());
            String p = at == null ? "" : at;
            String who = at == null ? cp.id() + ": " : "";
            if (byId.putIfAbsent(cp.id(), cp) != null) out.add(new Violation(p + "/id", who + "the id " + cp.id() + " is given twice"));
            if (at == null) continue; // entries the caller did not send were checked when they were stored
            if (!ID.matcher(cp.id()).matches()) out.add(new Violation(p + "/id", "an id is 2 to 40 capital letters, digits and hyphens, like DE-POC247"));
            if (!ISO_3166.contains(cp.jurisdiction())) {
                out.add(new Violation(p + "/jurisdiction", "'" + cp.jurisdiction() + "' is not an ISO 3166-1 alpha-2 jurisdiction"));
            }
            text(out, p + "/name", cp.name(), FilingRules.MAX_SHORT_TEXT, true);
            text(out, p + "/source", cp.source(), 500, false);
            if (cp.languages().isEmpty()) out.add(new Violation(p + "/languages", "name at least one language it accepts (ISO 639-1, like en)"));
            for (int i = 0; i < cp.languages().size(); i++) {
                if (!ISO_639.contains(cp.languages().get(i)) || cp.languages().get(i).length() != 2) {
                    out.add(new Violation(p + "/languages/" + i, "'" + cp.languages().get(i) + "' is not an ISO 639-1 language code"));
                }
            }
            if (cp.hours() != null) {
                if (cp.kind() == ContactPointKind.POC_24_7) {
                    out.add(new Violation(p + "/hours", "a 24/7 point of contact is always open: its hours are null"));
                }
                if (cp.hours().days().isEmpty()) out.add(new Violation(p + "/hours/days", "name at least one day"));
                if (!cp.hours().opens().isBefore(cp.hours().closes())) {
                    out.add(new Violation(p + "/hours/closes", "it closes after it opens"));
                }
            }
            if (cp.validFrom() != null && cp.validTo() != null && !cp.validFrom().isBefore(cp.validTo())) {
                out.add(new Violation(p + "/validTo", "the validity ends after it begins"));
            }
            if (cp.unavailable().size() > MAX_PERIODS) {
                out.add(new Violation(p + "/unavailable", "at most " + MAX_PERIODS + " periods of unavailability"));
            }
            for (int i = 0; i < cp.unavailable().size(); i++) {
                if (!cp.unavailable().get(i).from().isBefore(cp.unavailable().get(i).to())) {
                    out.add(new Violation(p + "/unavailable/" + i + "/to", "a period ends after it begins"));
                }
            }
            if (cp.email() != null && (cp.email().length() > 254 || !EMAIL.matcher(cp.email()).matches())) {
                out.add(new Violation(p + "/email", "'" + cp.email() + "' is not an e-mail address"));
            }
        }
        for (ContactPoint cp : candidate) {
            String at = pointer.apply(cp.id());
            String p = at == null ? "" : at;
            String who = at == null ? cp.id() + ": " : "";
            if (cp.backup() == null) continue;
            ContactPoint backup = byId.get(cp.backup());
            if (cp.backup().equals(cp.id())) {
                out.add(new Violation(p + "/backup", who + "a contact point cannot be its own backup"));
            } else if (backup == null) {
                out.add(new Violation(p + "/backup", who + "there is no contact point " + cp.backup() + " to be its backup"));
            } else if (!backup.jurisdiction().equals(cp.jurisdiction())) {
                out.add(new Violation(p + "/backup", who + "its backup " + cp.backup() + " is a contact point of "
                        + backup.jurisdiction() + ", not of " + cp.jurisdiction()));
            }
        }
        Set<String> reported = new HashSet<>();
        for (ContactPoint a : candidate) {
            for (ContactPoint b : candidate) {
                if (a == b || !a.jurisdiction().equals(b.jurisdiction()) || a.kind() != b.kind() || !overlap(a, b)) continue;
                ContactPoint sent = pointer.apply(b.id()) != null ? b : a;
                ContactPoint other = sent == b ? a : b;
                if (!reported.add(sent.id())) continue;
                String at = pointer.apply(sent.id());
                out.add(new Violation((at == null ? "" : at) + "/validFrom", (at == null ? sent.id() + ": " : "")
                        + "its validity overlaps that of " + other.id() + ", the other " + sent.kind().code() + " of "
                        + sent.jurisdiction() + "; routing needs one at a time (end one with validTo where the other begins)"));
            }
        }
        out.addAll(kindsInUse(candidate, rules, ""));
        return out;
    }

    /** Every kind a routing rule sends to must be held by at least one contact point, or the rule can route nothing. */
    public static List<Violation> kindsInUse(List<ContactPoint> directory, RoutingPolicy rules, String rulesPointer) {
        List<Violation> out = new ArrayList<>();
        Set<ContactPointKind> held = new HashSet<>();
        directory.forEach(cp -> held.add(cp.kind()));
        for (int i = 0; i < rules.rules().size(); i++) {
            RoutingPolicy.RoutingRule rule = rules.rules().get(i);
            for (int j = 0; j < rule.to().size(); j++) {
                if (!held.contains(rule.to().get(j))) {
                    out.add(new Violation(rulesPointer.isEmpty() ? "" : rulesPointer + "/" + i + "/to/" + j,
                            "rule " + rule.id() + " routes to " + rule.to().get(j).code() + ", and no contact point in the directory is one"));
                }
            }
        }
        return out;
    }

    private static boolean overlap(ContactPoint a, ContactPoint b) {
        boolean aEndsBeforeB = a.validTo() != null && b.validFrom() != null && !a.validTo().isAfter(b.validFrom());
        boolean bEndsBeforeA = b.validTo() != null && a.validFrom() != null && !b.validTo().isAfter(a.validFrom());
        return !aEndsBeforeB && !bEndsBeforeA;
    }

    private static void text(List<Violation> out, String pointer, String value, int max, boolean required) {
        if (value == null) {
            if (required) out.add(new Violation(pointer, "is required"));
            return;
        }
        if (value.isBlank() || value.length() > max) {
            out.add(new Violation(pointer, "1 to " + max + " characters, not blank"));
            return;
        }
        String invisible = FilingRules.invisibleCharacter(value, false);
        if (invisible != null) out.add(new Violation(pointer, invisible));
    }
}
