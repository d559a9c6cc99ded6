package io.liaison.core.gate;

import io.liaison.config.PolicyFiles;
import io.liaison.core.DataCategory;
import io.liaison.core.Instrument;
import io.liaison.core.LegalBasis;
import io.liaison.core.Request;
import io.liaison.core.Requester;
import io.liaison.core.Tlp;
import io.liaison.json.Json;
import io.liaison.testing.Filings;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the input, nothing the gate did not allow reaches the requester. */
class ReleaseGateProperties {
    private static final ReleasePolicy POLICY = PolicyFiles.releasePolicy(Json.MAPPER);
    private static final ReleaseGate GATE = new ReleaseGate(POLICY, new HmacPseudonyms(new byte[32]));
    private static final List<String> JURISDICTIONS = List.of("NL", "DE", "DK", "FR", "US", "GB", "JP", "BR", "ID");
    private static final List<LegalBasis> BASES = List.of(
            new LegalBasis(Instrument.BUDAPEST_CONVENTION, "29", null), new LegalBasis(Instrument.BUDAPEST_CONVENTION, "30", null),
            new LegalBasis(Instrument.BUDAPEST_CONVENTION, "31", null), new LegalBasis(Instrument.BUDAPEST_CONVENTION, "34", null),
            new LegalBasis(Instrument.BUDAPEST_CONVENTION, "99", null), new LegalBasis(Instrument.SECOND_PROTOCOL, "7", null),
            new LegalBasis(Instrument.E_EVIDENCE_REGULATION, "5", null), new LegalBasis(Instrument.E_EVIDENCE_REGULATION, "6", null),
            new LegalBasis(Instrument.BILATERAL_TREATY, "1", "US-UK CLOUD Act Agreement"));

    @Property(tries = 500)
    void noRecordOfACategoryTheGateDidNotAllow_everReachesTheRequester(
            @ForAll("requests") Request request, @ForAll("answers") Answer answer, @ForAll boolean cleared) {
        GateDecision decision = GATE.evaluate(request, answer, cleared, Instant.parse("2026-11-24T10:00:00Z"));

        LegalBasis basis = request.filing().legalBasis();
        Set<DataCategory> permitted = POLICY.instruments().get(basis.instrument()).article(basis.article())
                .filter(t -> !t.confirmationOnly()).map(ReleasePolicy.ArticleTerms::categories).orElse(Set.of());
        for (GateDecision.Released record : decision.released()) {
            if (record.redactedBy() == null) {
                assertThat(request.filing().dataCategories()).contains(record.category());
                assertThat(permitted).contains(record.category());
            } else {
                assertThat(record.fields()).isEmpty();
            }
            if (record.owner() == ResponseRecord.Owner.THIRD_PARTY) {
                assertThat(record.fields().values()).noneMatch(FieldValue.Clear.class::isInstance);
            }
        }
        if (decision.verdict() == Verdict.BLOCK) assertThat(decision.released()).isEmpty();
        assertThat(decision.tlp().compareTo(request.filing().tlp())).isGreaterThanOrEqualTo(0);
    }

    @Provide
    Arbitrary<Request> requests() {
        return Combinators.combine(Arbitraries.of(JURISDICTIONS), Arbitraries.of(JURISDICTIONS), Arbitraries.of(BASES),
                        Arbitraries.of(DataCategory.class).set().ofMinSize(1), Arbitraries.of(Tlp.class))
                .as((requester, target, basis, categories, tlp) -> Request.filed("276b1bd5-f897-474b-8535-d60307d343ee",
                        new Requester(requester, "AGENCY", "officer"),
                        Filings.preservation().target(target).legalBasis(basis).tlp(tlp)
                                .dataCategories(categories.toArray(DataCategory[]::new)).build(),
                        Instant.parse("2026-11-24T09:30:00Z")));
    }

    @Provide
    Arbitrary<Answer> answers() {
        Arbitrary<ResponseRecord> record = Combinators.combine(Arbitraries.of(DataCategory.class),
                Arbitraries.of(ResponseRecord.Owner.class), Arbitraries.of(true, false),
                Arbitraries.maps(Arbitraries.of("name", "email", "serviceProvider", "path", "message", "ipAddress"),
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)).ofMaxSize(4),
                Arbitraries.of(JURISDICTIONS), Arbitraries.of(Tlp.class))
                .as((category, owner, special, fields, origin, tlp) -> new ResponseRecord(category, owner, special,
                        Map.copyOf(fields), origin, tlp));
        return Combinators.combine(record.list().ofMaxSize(6), Arbitraries.of(Tlp.class))
                .as((records, tlp) -> new Answer(records, null, true, tlp));
    }
}
