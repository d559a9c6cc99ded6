package io.liaison.testing;

import io.liaison.core.DataCategory;
import io.liaison.core.Filing;
import io.liaison.core.Identifier;
import io.liaison.core.Instrument;
import io.liaison.core.LegalBasis;
import io.liaison.core.Pap;
import io.liaison.core.RequestType;
import io.liaison.core.TimeRange;
import io.liaison.core.Tlp;
import io.liaison.core.Urgency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds filings for tests. {@link #preservation()} starts from the filing of
 * events/intake-file-request.json: the Dutch police ask Germany to preserve data under Budapest
 * Art. 29. Each test changes only what it is about.
 */
public final class Filings {
    private RequestType type = RequestType.PRESERVATION;
    private Urgency urgency = Urgency.URGENT;
    private String target = "DE";
    private LegalBasis legalBasis = new LegalBasis(Instrument.BUDAPEST_CONVENTION, "Art. 29", null);
    private String caseReference = "NL-THTC-2026-0412";
    private String offence = "Ransomware attack on a hospital network (computer sabotage, extortion)";
    private String summaryOfFacts = "On 22 November 2026 the network of a Dutch hospital was encrypted; the ransom note"
            + " named a leak site hosted in Germany. The intruders logged in from the address below.";
    private List<Identifier> identifiers = new ArrayList<>(List.of(
            new Identifier.IpV4("203.0.113.45", Instant.parse("2026-11-22T03:14:07Z")),
            new Identifier.Domain("leaks-example.de")));
    private Set<DataCategory> dataCategories = Set.of(DataCategory.SUBSCRIBER, DataCategory.TRAFFIC);
    private TimeRange timeRange = new TimeRange(Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-23T00:00:00Z"));
    private String necessityStatement = "The provider keeps connection logs for 7 days only; without preservation the"
            + " logs of the attack are lost before a mutual-assistance request can be sent, which will follow.";
    private Tlp tlp = Tlp.AMBER;
    private Pap pap = Pap.AMBER;
    private boolean dataSubjectMayBeInformed = false;

    private Filings() {}

    public static Filings preservation() {
        return new Filings();
    }

    public Filings type(RequestType type) { this.type = type; return this; }

    public Filings urgency(Urgency urgency) { this.urgency = urgency; return this; }

    public Filings target(String target) { this.target = target; return this; }

    public Filings legalBasis(Instrument instrument, String article) {
        this.legalBasis = new LegalBasis(instrument, article, null);
        return this;
    }

    public Filings legalBasis(LegalBasis legalBasis) { this.legalBasis = legalBasis; return this; }

    public Filings caseReference(String caseReference) { this.caseReference = caseReference; return this; }

    public Filings offence(String offence) { this.offence = offence; return this; }

    public Filings summaryOfFacts(String summaryOfFacts) { this.summaryOfFacts = summaryOfFacts; return this; }

    public Filings necessityStatement(String necessityStatement) { this.necessityStatement = necessityStatement; return this; }

    public Filings identifiers(Identifier... identifiers) { this.identifiers = new ArrayList<>(List.of(identifiers)); return this; }

    public Filings identifiers(List<Identifier> identifiers) { this.identifiers = new ArrayList<>(identifiers); return this; }

    public Filings dataCategories(DataCategory... categories) { this.dataCategories = Set.of(categories); return this; }

    public Filings timeRange(TimeRange timeRange) { this.timeRange = timeRange; return this; }

    public Filings tlp(Tlp tlp) { this.tlp = tlp; return this; }

    public Filings pap(Pap pap) { this.pap = pap; return this; }

    public Filings dataSubjectMayBeInformed(boolean may) { this.dataSubjectMayBeInformed = may; return this; }

    public Filing build() {
        return new Filing(type, urgency, target, legalBasis, caseReference, offence, summaryOfFacts, identifiers,
                dataCategories, timeRange, necessityStatement, tlp, pap, dataSubjectMayBeInformed);
    }
}
