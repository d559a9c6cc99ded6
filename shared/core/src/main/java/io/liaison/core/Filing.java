package io.liaison.core;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a requester files: everything in a request that the requester wrote. The requesting
 * jurisdiction and agency are not here on purpose: they come from the caller's token. The
 * particulars (case reference, offence, summary of facts, identifiers, necessity statement) are
 * sealed at rest ({@link Words}); a request whose words were withheld carries the filing without
 * them ({@link #withheld()}).
 */
public record Filing(
        RequestType type,
        Urgency urgency,
        String targetJurisdiction,
        LegalBasis legalBasis,
        String caseReference,
        String offence,
        String summaryOfFacts,
        List<Identifier> identifiers,
        Set<DataCategory> dataCategories,
        TimeRange timeRange,
        String necessityStatement,
        Tlp tlp,
        Pap pap,
        boolean dataSubjectMayBeInformed) {

    public Filing {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(targetJurisdiction, "targetJurisdiction");
        Objects.requireNonNull(legalBasis, "legalBasis");
        Objects.requireNonNull(tlp, "tlp");
        Objects.requireNonNull(pap, "pap");
        identifiers = List.copyOf(identifiers);
        dataCategories = Set.copyOf(dataCategories);
    }

    /** The filing without its particulars (what {@link Words} holds): what routing, lists and deadlines read. */
    public Filing withheld() {
        return new Filing(type, urgency, targetJurisdiction, legalBasis, null, null, null, List.of(), dataCategories,
                timeRange, null, tlp, pap, dataSubjectMayBeInformed);
    }

    Filing with(Words words) {
        return new Filing(type, urgency, targetJurisdiction, legalBasis, words.caseReference(), words.offence(),
                words.summaryOfFacts(), words.identifiers(), dataCategories, timeRange, words.necessityStatement(), tlp,
                pap, dataSubjectMayBeInformed);
    }
}
