package io.liaison.core;

import java.util.List;

/**
 * What people wrote on a request, which Liaison seals before it reaches the table: the filing's
 * particulars (case reference, offence, summary of facts, identifiers, necessity statement), the
 * texts of every round of questions, and a party's note on the request's status (an accept note,
 * a rejection's justification, a withdrawal's reason). What routing, lists, deadlines, the trail
 * and the statistics need (type, urgency, jurisdictions, agency, legal basis, data categories,
 * time range, TLP and PAP, status, deadlines) is not in it and stays in clear.
 *
 * <p>{@code rounds} has one entry per clarification round, oldest first; {@code note} is null
 * unless the request's status note was written by a party.
 */
public record Words(String caseReference, String offence, String summaryOfFacts, List<Identifier> identifiers,
                    String necessityStatement, List<Exchange> rounds, String note) {

    public Words {
        identifiers = List.copyOf(identifiers);
        rounds = List.copyOf(rounds);
    }

    /** One round's texts: the contact point's question, and the requester's answer (null until given). */
    public record Exchange(String question, String answer) {}
}
