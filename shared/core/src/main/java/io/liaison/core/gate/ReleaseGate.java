package io.liaison.core.gate;

import io.liaison.core.DataCategory;
import io.liaison.core.Filing;
import io.liaison.core.Identifier;
import io.liaison.core.Instrument;
import io.liaison.core.LegalBasis;
import io.liaison.core.Request;
import io.liaison.core.Tlp;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether, and how, an answer may reach the requester. Pure: the same request, answer,
 * policy and time give the same decision. Every rule that fires leaves a {@link Finding}; the
 * verdict is the most restrictive effect among them.
 */
public final class ReleaseGate {
    public static final String INSTRUMENT = "G1-INSTRUMENT";
    public static final String CATEGORY = "G2-CATEGORY";
    public static final String NOTIFICATION = "G3-E-EVIDENCE-NOTIFICATION";
    public static final String TRANSFER = "G4-TRANSFER";
    public static final String SPECIAL_CATEGORY = "G5-SPECIAL-CATEGORY";
    public static final String THIRD_PARTY = "G6-THIRD-PARTY";
    public static final String TLP = "G7-TLP";
    public static final String RETENTION = "G8-RETENTION";

    private final ReleasePolicy policy;
    private final Pseudonyms pseudonyms;

    public ReleaseGate(ReleasePolicy policy, Pseudonyms pseudonyms) {
        this.policy = policy;
        this.pseudonyms = pseudonyms;
    }

    public ReleasePolicy policy() {
        return policy;
    }

    /**
     * @param notificationCleared whether the enforcing State's notification (Reg. 2023/1543 Art. 8)
     *                            is recorded as cleared for this request
     */
    public GateDecision evaluate(Request request, Answer answer, boolean notificationCleared, Instant now) {
        Filing filing = request.filing();
        LocalDate filedOn = LocalDate.ofInstant(request.filedAt(), ZoneOffset.UTC);
        String requester = request.requester().jurisdiction();
        String responder = filing.targetJurisdiction();
        List<Finding> findings = new ArrayList<>();

        String unfit = instrumentProblem(filing.legalBasis(), requester, responder, filedOn);
        if (unfit != null) {
            findings.add(new Finding(INSTRUMENT, Verdict.BLOCK, -1, unfit));
            return decision(findings, answer, filing, now, List.of());
        }

        ReleasePolicy.ArticleTerms terms = policy.instruments().get(filing.legalBasis().instrument())
                .article(articleNumber(filing.legalBasis().article())).orElse(null);
        Set<String> named = filing.identifiers().stream().map(Identifier::value).map(ReleaseGate::normal)
                .collect(Collectors.toSet());
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<GateDecision.Released> released = new ArrayList<>();
        for (int i = 0; i < answer.records().size(); i++) {
            released.add(record(i, answer.records().get(i), filing, terms, named, requester, today,
                    notificationCleared, request.id(), findings));
        }
        return decision(findings, answer, filing, now, released);
    }

    private GateDecision.Released record(int index, ResponseRecord record, Filing filing, ReleasePolicy.ArticleTerms terms,
                                         Set<String> named, String requester, LocalDate today, boolean notificationCleared,
                                         String requestId, List<Finding> findings) {
        String basis = basis(filing.legalBasis());
        DataCategory category = record.category();
        if (!filing.dataCategories().contains(category)) {
            return withheld(index, record, findings, "the request did not ask for " + category.code() + " data");
        }
        if (terms == null || terms.confirmationOnly() || !terms.categories().contains(category)) {
            String why = terms == null ? basis + " is not an article the policy releases data under"
                    : terms.confirmationOnly() ? basis + " lets only a confirmation flow, no data"
                    : basis + " does not let " + category.code() + " data flow";
            return withheld(index, record, findings, why);
        }
        if (filing.legalBasis().instrument() == Instrument.E_EVIDENCE_REGULATION && policy.eEvidenceNotificationHolds()
                && (category == DataCategory.TRAFFIC || category == DataCategory.CONTENT) && !notificationCleared) {
            findings.add(new Finding(NOTIFICATION, Verdict.HOLD, index, category.code()
                    + " data under Regulation (EU) 2023/1543 wait until the enforcing State's notification is cleared"));
        }
        String origin = record.originJurisdiction();
        if (!origin.equals(requester) && !(policy.europeanUnion().contains(origin) && policy.europeanUnion().contains(requester))
                && policy.transfers().stream().noneMatch(t -> t.covers(origin, requester, today))) {
            findings.add(new Finding(TRANSFER, Verdict.HOLD, index, "no transfer rule of the policy covers data from "
                    + origin + " to " + requester + " on " + today));
        }
        if (record.specialCategory()) {
            findings.add(new Finding(SPECIAL_CATEGORY, Verdict.HOLD, index,
                    "a special category of personal data needs a data-protection officer's review"));
        }
        Set<String> onlyFields = terms.onlyFields().get(category);
        Map<String, FieldValue> fields = new LinkedHashMap<>();
        record.fields().forEach((name, value) -> {
            if (onlyFields != null && !onlyFields.contains(name)) {
                fields.put(name, new FieldValue.Redacted(CATEGORY));
            } else if (record.owner() == ResponseRecord.Owner.THIRD_PARTY && !named.contains(normal(value))) {
                fields.put(name, new FieldValue.Pseudonym(pseudonyms.of(requestId, value), THIRD_PARTY));
            } else {
                fields.put(name, new FieldValue.Clear(value));
            }
        });
        if (onlyFields != null && !onlyFields.containsAll(record.fields().keySet())) {
            findings.add(new Finding(CATEGORY, Verdict.RELEASE_REDACTED, index, basis + " lets only "
                    + String.join(", ", onlyFields.stream().sorted().toList()) + " of " + category.code() + " data flow"));
        }
        if (fields.values().stream().anyMatch(FieldValue.Pseudonym.class::isInstance)) {
            findings.add(new Finding(THIRD_PARTY, Verdict.RELEASE_REDACTED, index,
                    "a third party's data the request did not name are pseudonymised"));
        }
        return new GateDecision.Released(index, category, record.owner(), origin, null, fields);
    }

    private static GateDecision.Released withheld(int index, ResponseRecord record, List<Finding> findings, String why) {
        findings.add(new Finding(CATEGORY, Verdict.RELEASE_REDACTED, index, why));
        return new GateDecision.Released(index, record.category(), record.owner(), record.originJurisdiction(),
                CATEGORY, Map.of());
    }

    private GateDecision decision(List<Finding> findings, Answer answer, Filing filing, Instant now,
                                  List<GateDecision.Released> released) {
        Tlp tlp = answer.tlp();
        for (ResponseRecord record : answer.records()) tlp = stricter(tlp, record.tlp());
        if (filing.tlp().compareTo(tlp) > 0) {
            findings.add(new Finding(TLP, Verdict.RELEASE, -1, "the answer's " + answer.tlp().code()
                    + " is raised to the request's " + filing.tlp().code()));
            tlp = filing.tlp();
        }
        Verdict verdict = Verdict.RELEASE;
        for (Finding f : findings) verdict = verdict.atLeast(f.effect());
        Instant expiresAt = now.plus(policy.retention());
        if (verdict != Verdict.BLOCK) {
            findings.add(new Finding(RETENTION, Verdict.RELEASE, -1, "released data expire on " + expiresAt
                    + " (" + policy.retention().toDays() + " days under the policy)"));
        }
        return new GateDecision(verdict, findings, policy.version(), tlp, expiresAt,
                verdict == Verdict.BLOCK ? List.of() : released);
    }

    /** A rule of the gate and what it will do with the answers to one filing. */
    public record Expectation(String rule, String text) {}

    /**
     * What the gate will check on the answers to {@code filing} from {@code requester}, filed at
     * {@code filedAt}, under this policy: the same terms {@link #evaluate} decides by, said in advance.
     */
    public List<Expectation> expectations(Filing filing, String requester, Instant filedAt) {
        LocalDate filedOn = LocalDate.ofInstant(filedAt, ZoneOffset.UTC);
        String responder = filing.targetJurisdiction();
        List<Expectation> out = new ArrayList<>();
        String unfit = instrumentProblem(filing.legalBasis(), requester, responder, filedOn);
        if (unfit != null) {
            out.add(new Expectation(INSTRUMENT, "every answer would be blocked: " + unfit));
            return out;
        }
        out.add(new Expectation(INSTRUMENT, basis(filing.legalBasis()) + " binds " + requester + " and " + responder
                + " on " + filedOn + " under release policy " + policy.version()));
        String basis = basis(filing.legalBasis());
        ReleasePolicy.ArticleTerms terms = filing.legalBasis().instrument() == Instrument.BILATERAL_TREATY ? null
                : policy.instruments().get(filing.legalBasis().instrument()).article(articleNumber(filing.legalBasis().article())).orElse(null);
        String categories = filing.dataCategories().stream().map(DataCategory::code).sorted().collect(Collectors.joining(", "));
        if (terms == null) {
            out.add(new Expectation(CATEGORY, basis + " is not an article the policy releases data under: records are withheld"));
        } else if (terms.confirmationOnly()) {
            out.add(new Expectation(CATEGORY, basis + " lets only a confirmation flow, no data"));
        } else {
            String flowing = filing.dataCategories().stream().filter(terms.categories()::contains).map(DataCategory::code)
                    .sorted().collect(Collectors.joining(", "));
            out.add(new Expectation(CATEGORY, basis + " lets " + (flowing.isEmpty() ? "none" : flowing) + " of the requested "
                    + categories + " data flow" + (terms.onlyFields().isEmpty() ? "" : "; some categories only in part, the rest redacted")));
        }
        if (filing.legalBasis().instrument() == Instrument.E_EVIDENCE_REGULATION && policy.eEvidenceNotificationHolds()
                && (filing.dataCategories().contains(DataCategory.TRAFFIC) || filing.dataCategories().contains(DataCategory.CONTENT))) {
            out.add(new Expectation(NOTIFICATION, "traffic and content data wait until the enforcing State's notification is cleared"));
        }
        if (!(policy.europeanUnion().contains(responder) && policy.europeanUnion().contains(requester))) {
            LocalDate today = filedOn;
            out.add(new Expectation(TRANSFER, policy.transfers().stream().filter(t -> t.covers(responder, requester, today)).findFirst()
                    .map(t -> "data from " + responder + " to " + requester + " flow under transfer rule " + t.id())
                    .orElse("no transfer rule covers data from " + responder + " to " + requester
                            + ": its records are held for a data-protection officer")));
        }
        out.add(new Expectation(SPECIAL_CATEGORY, "a record of a special category of personal data is held for a data-protection officer"));
        out.add(new Expectation(THIRD_PARTY, "a third party's data the request does not name are pseudonymised"));
        out.add(new Expectation(TLP, "the answer is marked at least " + filing.tlp().code() + ", the request's marking"));
        out.add(new Expectation(RETENTION, "released data expire " + policy.retention().toDays() + " days after release"));
        return out;
    }

    /** Why the instrument does not bind both jurisdictions on the filing date, or null when it does. */
    private String instrumentProblem(LegalBasis basis, String requester, String responder, LocalDate date) {
        if (basis.instrument() == Instrument.BILATERAL_TREATY) {
            boolean listed = policy.treaties().stream().anyMatch(t -> t.name().equalsIgnoreCase(basis.treaty())
                    && t.binds(requester, responder, date));
            return listed ? null : "no treaty named '" + basis.treaty() + "' between " + requester + " and " + responder
                    + " is in force in the policy on " + date;
        }
        ReleasePolicy.InstrumentTerms terms = policy.instruments().get(basis.instrument());
        if (terms == null) return basis.instrument().code() + " is not in the policy";
        List<String> unbound = new ArrayList<>();
        for (String jurisdiction : List.of(requester, responder)) {
            if (!terms.binds(jurisdiction, date)) unbound.add(jurisdiction);
        }
        return unbound.isEmpty() ? null : basis.instrument().code() + " does not bind " + String.join(" and ", unbound)
                + " on " + date;
    }

    private static String basis(LegalBasis basis) {
        return basis.instrument().code() + " Art. " + articleNumber(basis.article());
    }

    private static final java.util.regex.Pattern ARTICLE_PREFIX = java.util.regex.Pattern.compile("(?i)^art(icle)?\\.?\\s*");
    private static final java.util.regex.Pattern ARTICLE_NUMBER = java.util.regex.Pattern.compile("^\\d+[a-z]?");

    /** "Art. 29", "article 29(1)" and "29" all name article 29: the policy keys articles by number. */
    static String articleNumber(String article) {
        // Compiled once: the gate runs for every answer (JMH showed Pattern.compile on top).
        String bare = ARTICLE_PREFIX.matcher(article.trim()).replaceFirst("");
        java.util.regex.Matcher number = ARTICLE_NUMBER.matcher(bare);
        return number.find() ? number.group() : bare;
    }

    private static Tlp stricter(Tlp a, Tlp b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String normal(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
