package io.liaison.core;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a requester files: everything in a request that the requester wrote. The requesting
 * jurisdiction and agency are not here on purpose: they come from the caller's token.
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
}
