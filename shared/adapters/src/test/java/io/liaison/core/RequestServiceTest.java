package io.liaison.core;

import io.liaison.testing.Filings;
import io.liaison.testing.InMemoryBroker;
import io.liaison.testing.InMemoryRequestStore;
import io.liaison.testing.SequentialIds;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.liaison.testing.Callers.ADMIN;
import static io.liaison.testing.Callers.AUDITOR;
import static io.liaison.testing.Callers.DE_CSIRT;
import static io.liaison.testing.Callers.DE_POC247;
import static io.liaison.testing.Callers.DE_POC247_CLAIMED_FROM_FR;
import static io.liaison.testing.Callers.DE_POC247_SECOND;
import static io.liaison.testing.Callers.DPO;
import static io.liaison.testing.Callers.NL_FIOD;
import static io.liaison.testing.Callers.NL_POLICE;
import static io.liaison.testing.Callers.NL_POLICE_COLLEAGUE;
import static io.liaison.testing.Callers.REQUESTER_WITHOUT_AGENCY;
import static io.liaison.testing.Callers.SAME_AGENCY_NAME_IN_BE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * The use cases of the request path over an in-memory store, the demo directory and policy, a
 * clock that stands at 2026-11-24T09:30:00Z until moved, and request ids in a known order.
 */
class RequestServiceTest {
    private static final String ID = SequentialIds.SAMPLE_REQUEST_ID;
    private static final Instant NOW = Instant.parse("2026-11-24T09:30:00Z");

    private final InMemoryBroker broker = new InMemoryBroker(ID);
    private final RequestService service = broker.requests;
    private final InMemoryRequestStore store = broker.store;

    /** The sample filing (a preservation request from NL to DE), filed by the Dutch police. */
    private Request filed() {
        return ok(service.file(NL_POLICE, Filings.preservation().build(), Optional.empty())).request();
    }

    /** The sample filing, routed to DE-POC247. */
    private Request routed() {
        filed();
        return service.route(ID).orElseThrow();
    }

    private static <T> T ok(Outcome<T> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        return ((Outcome.Ok<T>) outcome).value();
    }

    private static List<Violation> violations(Outcome<?> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Invalid.class);
        return ((Outcome.Invalid<?>) outcome).violations();
    }

    private static RequestStore.IdempotencyKey key(String fingerprint) {
        return new RequestStore.IdempotencyKey("NL#NL-POLITIE-THTC#nl-police", "3f1c2a9e-retry-1", fingerprint);
    }

    @Nested
    class RoutingAfterACancelledWrite {
        @Test
        void route_fails_soTheStreamRetries_whenItsWriteWasCancelledAndTheRequestIsStillFiled() {
            // GIVEN a filed request whose routing write DynamoDB cancels (a transaction conflict)
            filed();
            store.cancelNextApply();

            // WHEN the router runs, THEN it fails loudly rather than leave the request FILED for good
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.route(ID))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("stays FILED");

            // AND the retry routes it
            assertThat(service.route(ID)).map(Request::status).contains(Status.ROUTED);
        }
    }

    @Nested
    class FilingARequest {
        @Test
        void file_refusesASecondProtocolLegalBasis_whileTheProtocolIsNotInForce() {
            Filing filing = Filings.preservation().legalBasis(Instrument.SECOND_PROTOCOL, "7").build();

            assertThat(violations(service.file(NL_POLICE, filing, Optional.empty())))
                    .extracting(Violation::pointer).containsExactly("/legalBasis/instrument");
            assertThat(store.find(ID)).isEmpty();
        }

        @Test
        void file_refusesAnEEvidenceOrder_beforeTheRegulationApplies() {
            InMemoryBroker before = new InMemoryBroker(ID);
            before.clock.advance(Duration.between(Instant.parse("2026-08-17T12:00:00Z"), NOW).negated());
            Filing filing = Filings.preservation().legalBasis(Instrument.E_EVIDENCE_REGULATION, "6").build();

            assertThat(violations(before.requests.file(NL_POLICE, filing, Optional.empty())))
                    .extracting(Violation::detail).singleElement().asString().contains("EU_2023_1543", "not in force");
        }

        @Test
        void file_acceptsAnEEvidenceOrder_onceTheRegulationApplies() {
            Filing filing = Filings.preservation().legalBasis(Instrument.E_EVIDENCE_REGULATION, "6").build();

            assertThat(ok(service.file(NL_POLICE, filing, Optional.empty())).request().status()).isEqualTo(Status.FILED);
        }

        @Test
        void file_storesTheRequestAsFiled_withItsFirstAuditEvent() {
            // WHEN the Dutch police file the sample filing
            Filed filed = ok(service.file(NL_POLICE, Filings.preservation().build(), Optional.empty()));

            // THEN it is stored as FILED, version 1, under the next id, at the clock's time, with event 1
            Request request = filed.request();
            assertThat(filed.replayed()).isFalse();
            assertThat(request.id()).isEqualTo(ID);
            assertThat(request.status()).isEqualTo(Status.FILED);
            assertThat(request.version()).isEqualTo(1);
            assertThat(request.filedAt()).isEqualTo(NOW);
            assertThat(request.requester()).isEqualTo(new Requester("NL", "NL-POLITIE-THTC", "nl-police"));
            assertThat(store.stored(ID)).get().usingRecursiveComparison().ignoringFields("sealing").isEqualTo(request);
            assertThat(store.events(ID)).singleElement().satisfies(e -> {
                assertThat(e.sequence()).isEqualTo(1);
                assertThat(e.action()).isEqualTo("FILED");
                assertThat(e.actor()).isEqualTo(new Actor("requester", "NL", "NL-POLITIE-THTC", "nl-police"));
            });
        }

        @Test
        void file_returnsInvalid_andStoresNothing_whenTheFilingBreaksARule() {
            // GIVEN a filing to the requester's own jurisdiction
            Filing toSelf = Filings.preservation().target("NL").build();

            // WHEN it is filed
            Outcome<Filed> outcome = service.file(NL_POLICE, toSelf, Optional.empty());

            // THEN the violation comes back and nothing was stored
            assertThat(violations(outcome)).extracting(Violation::pointer).containsExactly("/targetJurisdiction");
            assertThat(store.size()).isZero();
        }

        @Test
        void file_isForbidden_toAContactPoint() {
            Outcome<Filed> outcome = service.file(DE_POC247, Filings.preservation().target("NL").build(), Optional.empty());

            assertThat(outcome).isInstanceOf(Outcome.Forbidden.class);
            assertThat(store.size()).isZero();
        }

        @Test
        void file_isForbidden_toARequesterWhoseTokenNamesNoAgency() {
            Outcome<Filed> outcome = service.file(REQUESTER_WITHOUT_AGENCY, Filings.preservation().build(), Optional.empty());

            assertThat(outcome).isInstanceOf(Outcome.Forbidden.class);
        }

        @Test
        void file_replaysTheEarlierRequest_whenRetriedWithTheSameKeyAndFiling() {
            // GIVEN a filing stored under an Idempotency-Key
            Filed first = ok(service.file(NL_POLICE, Filings.preservation().build(), Optional.of(key("fingerprint-A"))));

            // WHEN the same filing is retried with the same key (the answer was lost on the way)
            Filed retry = ok(service.file(NL_POLICE, Filings.preservation().build(), Optional.of(key("fingerprint-A"))));

            // THEN the earlier request is the answer, marked as replayed, and there is still one request
            assertThat(retry.replayed()).isTrue();
            assertThat(retry.request()).usingRecursiveComparison().ignoringFields("sealing").isEqualTo(first.request());
            assertThat(store.size()).isEqualTo(1);
        }

        @Test
        void file_returnsInvalid_whenTheKeyWasUsedForADifferentFiling() {
            // GIVEN a key already used
            service.file(NL_POLICE, Filings.preservation().build(), Optional.of(key("fingerprint-A")));

            // WHEN another filing comes with the same key
            Outcome<Filed> outcome = service.file(NL_POLICE, Filings.preservation().target("FR").build(),
                    Optional.of(key("fingerprint-B")));

            // THEN it is refused, and the first request stays the only one
            assertThat(violations(outcome)).singleElement().extracting(Violation::detail).asString()
                    .contains("Idempotency-Key");
            assertThat(store.size()).isEqualTo(1);
        }

        @Test
        void file_storesTwoRequests_withoutAKey() {
            service.file(NL_POLICE, Filings.preservation().build(), Optional.empty());
            service.file(NL_POLICE, Filings.preservation().build(), Optional.empty());

            assertThat(store.size()).isEqualTo(2);
        }
    }

    /**
     * A legal basis must bind both sides on the filing date: the requesting jurisdiction (the
     * token's) and the target. What does not is refused at /legalBasis/instrument with the facts
     * the routing policy records, and nothing is stored.
     */
    @Nested
    class RefusingALegalBasisThatDoesNotBindBothSides {
        private static final String INSTRUMENT = "/legalBasis/instrument";

        private static Caller requesterIn(String jurisdiction) {
            return new Caller(jurisdiction.toLowerCase(java.util.Locale.ROOT) + "-police", Role.REQUESTER, jurisdiction,
                    jurisdiction + "-POLICE", null);
        }

        private static Filing under(Instrument instrument, String article, String target) {
            return Filings.preservation().legalBasis(instrument, article).target(target).build();
        }

        /** The one violation of a refused filing, after checking that it is the instrument's and that nothing was stored. */
        private String refusal(Outcome<Filed> outcome) {
            List<Violation> violations = violations(outcome);
            assertThat(store.size()).as("requests stored").isZero();
            assertThat(store.eventCount()).as("audit events stored").isZero();
            assertThat(violations).extracting(Violation::pointer).containsExactly(INSTRUMENT);
            return violations.getFirst().detail();
        }

        @Test
        void file_returns422NamingProtocol22_whenNlFilesToDkUnderTheRegulation() {
            String detail = refusal(service.file(NL_POLICE, under(Instrument.E_EVIDENCE_REGULATION, "6", "DK"), Optional.empty()));

            assertThat(detail).startsWith("DK is not bound by Regulation (EU) 2023/1543: Protocol No 22 on the position of Denmark")
                    .contains("Danish Justice Ministry");
        }

        @Test
        void file_returns422NamingTheUsAsNoMemberState_whenNlFilesToTheUsUnderTheRegulation() {
            String detail = refusal(service.file(NL_POLICE, under(Instrument.E_EVIDENCE_REGULATION, "5", "US"), Optional.empty()));

            assertThat(detail).startsWith("US is not bound by Regulation (EU) 2023/1543:")
                    .contains("not a Member State of the European Union");
        }

        @Test
        void file_returns422NamingIrelandAsNoParty_whenNlFilesToIeUnderBudapest() {
            String detail = refusal(service.file(NL_POLICE, under(Instrument.BUDAPEST_CONVENTION, "29", "IE"), Optional.empty()));

            assertThat(detail).startsWith("IE is not bound by the Budapest Convention (ETS 185):")
                    .contains("signed the Convention on 28 Feb 2002 and has not ratified it");
        }

        @Test
        void file_returns422NamingTheRequestingSide_whenItsOwnJurisdictionIsNotBound() {
            // GIVEN a requester whose token says Ireland, which the Convention does not bind
            String detail = refusal(service.file(requesterIn("IE"), under(Instrument.BUDAPEST_CONVENTION, "29", "NL"),
                    Optional.empty()));

            assertThat(detail).startsWith("IE is not bound by the Budapest Convention (ETS 185)");
        }

        @Test
        void file_returns422NamingBothSides_whenNeitherIsBound() {
            String detail = refusal(service.file(requesterIn("US"), under(Instrument.E_EVIDENCE_REGULATION, "5", "JP"),
                    Optional.empty()));

            assertThat(detail).contains("US is not bound by Regulation (EU) 2023/1543", "; JP is not bound by Regulation (EU) 2023/1543");
        }

        @Test
        void file_keepsItsMessage_forTheSecondProtocol_whichIsNotInForce() {
            String detail = refusal(service.file(NL_POLICE, under(Instrument.SECOND_PROTOCOL, "7", "DE"), Optional.empty()));

            assertThat(detail).isEqualTo("CETS_224 is not in force today under policy " + InMemoryBroker.POLICY.version()
                    + "; no request can rest on it yet");
        }

        @Test
        void file_returns422NamingTheLaterDate_whenASideIsBoundOnlyFromThen() {
            // GIVEN a policy under which the Regulation binds Germany only from 1 March 2027
            var regulation = InMemoryBroker.POLICY.instruments().get(Instrument.E_EVIDENCE_REGULATION);
            var listed = (RoutingPolicy.Parties.Listed) regulation.parties();
            List<RoutingPolicy.Party> parties = new ArrayList<>(listed.parties().stream().filter(p -> !p.jurisdiction().equals("DE")).toList());
            parties.add(new RoutingPolicy.Party("DE", LocalDate.parse("2027-03-01"), null, "a later start, for the test"));
            var later = new java.util.HashMap<>(InMemoryBroker.POLICY.instruments());
            later.put(Instrument.E_EVIDENCE_REGULATION, new RoutingPolicy.InstrumentTerms(regulation.instrument(), regulation.name(),
                    regulation.inForceFrom(), regulation.source(), new RoutingPolicy.Parties.Listed(parties, listed.nonParties(),
                    listed.unlisted())));
            RoutingPolicy policy = new RoutingPolicy("later-de", later, InMemoryBroker.POLICY.rules(),
                    InMemoryBroker.POLICY.deadlines(), InMemoryBroker.POLICY.preservation());
            RequestService withLaterDe = new RequestService(store, InMemoryBroker.DIRECTORY, policy, broker.clock,
                    new SequentialIds(ID));

            // WHEN the Dutch police file a European Preservation Order to Germany today
            String detail = refusal(withLaterDe.file(NL_POLICE, under(Instrument.E_EVIDENCE_REGULATION, "6", "DE"), Optional.empty()));

            // THEN the answer names the date from which Germany is bound
            assertThat(detail).isEqualTo("Regulation (EU) 2023/1543 binds DE only from 2027-03-01 (a later start, for the test)");
        }

        @Test
        void file_leavesTheInstrumentAlone_whenTheTargetIsAlreadyRefused() {
            // An own-jurisdiction target leaves no pair to ask about: one problem, the target's.
            assertThat(violations(service.file(NL_POLICE, under(Instrument.E_EVIDENCE_REGULATION, "6", "NL"), Optional.empty())))
                    .extracting(Violation::pointer).containsExactly("/targetJurisdiction");
        }

        /** The jurisdictions of the demo directory: the targets a filing can name. */
        private static TreeSet<String> demoJurisdictions() {
            TreeSet<String> jurisdictions = new TreeSet<>();
            InMemoryBroker.DIRECTORY.contactPoints().forEach(cp -> jurisdictions.add(cp.jurisdiction()));
            return jurisdictions;
        }

        /** Every pair of demo jurisdictions, under every instrument, with the policy's answer on the test clock's date. */
        private static Stream<Arguments> pairs(boolean bindsOneSideOnly) {
            LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
            List<Arguments> pairs = new ArrayList<>();
            for (Instrument instrument : Instrument.values()) {
                for (String requesting : demoJurisdictions()) {
                    for (String target : demoJurisdictions()) {
                        if (requesting.equals(target)) continue;
                        Binding binding = InMemoryBroker.POLICY.binding(instrument, requesting, target, today);
                        boolean oneSide = binding instanceof Binding.DoesNotBind refused && refused.gaps().size() == 1
                                && refused.gaps().getFirst().jurisdiction() != null;
                        if (bindsOneSideOnly ? oneSide : binding.bindsBothSides()) {
                            pairs.add(Arguments.of(instrument, requesting, target, binding));
                        }
                    }
                }
            }
            return pairs.stream();
        }

        static Stream<Arguments> pairsBoundOnOneSideOnly() {
            return pairs(true);
        }

        static Stream<Arguments> pairsBoundOnBothSides() {
            return pairs(false);
        }

        @Test
        void theDemoPolicy_hasPairsBoundOnOneSideOnly_underTheConventionAndTheRegulation() {
            // The parameterised tests below would pass vacuously on a policy that lost its parties.
            assertThat(pairsBoundOnOneSideOnly().map(a -> (Instrument) a.get()[0]).distinct())
                    .containsExactlyInAnyOrder(Instrument.BUDAPEST_CONVENTION, Instrument.E_EVIDENCE_REGULATION);
            assertThat(pairsBoundOnOneSideOnly()).hasSizeGreaterThan(50);
        }

        @ParameterizedTest(name = "{1} to {2} under {0}")
        @MethodSource("pairsBoundOnOneSideOnly")
        void file_returns422NamingTheSideNotBound_forEveryDemoPairTheInstrumentBindsOnOneSideOnly(
                Instrument instrument, String requesting, String target, Binding.DoesNotBind expected) {
            Binding.Gap gap = expected.gaps().getFirst();
            String instrumentName = InMemoryBroker.POLICY.instruments().get(instrument).name();

            String detail = refusal(service.file(requesterIn(requesting), under(instrument, "1", target), Optional.empty()));

            assertThat(detail).isEqualTo(gap.text()).contains(gap.jurisdiction()).containsIgnoringCase(instrumentName)
                    .containsAnyOf("is not bound by", "only from", "only until");
        }

        @ParameterizedTest(name = "{1} to {2} under {0}")
        @MethodSource("pairsBoundOnBothSides")
        void file_acceptsEveryDemoPairBoundOnBothSides_andTheRouterNeverQuestionsItsLegalBasis(
                Instrument instrument, String requesting, String target, Binding.Binds expected) {
            LegalBasis basis = new LegalBasis(instrument, "1", instrument == Instrument.BILATERAL_TREATY ? "MLA treaty" : null);
            ok(service.file(requesterIn(requesting), Filings.preservation().legalBasis(basis).target(target).build(), Optional.empty()));

            Request routed = service.route(ID).orElseThrow();

            // Routed, or UNROUTABLE for want of a contact point: never for the legal basis filing accepted.
            assertThat(routed.outcome().ground()).isNotEqualTo(Binding.RULE_ID);
        }
    }

    @Nested
    class WhatPeopleWrote {
        @Test
        void get_showsTheFilingsParticulars_whileTheStoreHandsTheRequestOverWithoutThem() {
            filed();

            assertThat(ok(service.get(NL_POLICE, ID)).filing().identifiers()).isNotEmpty();
            assertThat(store.find(ID)).get().satisfies(r -> {
                assertThat(r.wordsWithheld()).isTrue();
                assertThat(r.filing().identifiers()).isEmpty();
                assertThat(r.filing().summaryOfFacts()).isNull();
            });
        }

        @Test
        void route_decidesOnTheWithheldRequest_andKeepsTheWordsAsTheyWere() {
            Filing filing = Filings.preservation().build();
            filed();

            Request routed = service.route(ID).orElseThrow();

            assertThat(routed.wordsWithheld()).isTrue();
            assertThat(ok(service.get(DE_POC247, ID)).filing()).isEqualTo(filing);
        }

        @Test
        void aChangeTriedAgainAfterACancelledWrite_opensTheWordsOnce() {
            // GIVEN a routed request whose next write DynamoDB cancels (a trail entry landed first)
            routed();
            int before = store.disclosures();
            store.cancelNextApply();

            // WHEN the contact point accepts it, THEN the second attempt reuses the words the first opened
            assertThat(ok(service.acknowledge(DE_POC247, ID, new Lifecycle.Accept("on it"))).status()).isEqualTo(Status.ACCEPTED);
            assertThat(store.disclosures() - before).isEqualTo(1);
            assertThat(store.stored(ID).orElseThrow().words().note()).isEqualTo("on it");
        }

        @Test
        void list_showsRequestsWithoutWhatPeopleWrote() {
            filed();

            assertThat(ok(service.list(NL_POLICE, null, null, 20)).items()).singleElement()
                    .satisfies(r -> assertThat(r.wordsWithheld()).isTrue());
        }

        @Test
        void withdraw_keepsTheRequestersReasonWithTheSealedWords_andTheStatusCodeInClear() {
            filed();

            Request withdrawn = ok(service.withdraw(NL_POLICE, ID, "The suspect was arrested"));

            assertThat(withdrawn.outcome()).isEqualTo(Request.StatusNote.byParty(null, "The suspect was arrested"));
            assertThat(store.find(ID).orElseThrow().outcome()).isEqualTo(Request.StatusNote.byParty(null, null));
            assertThat(store.stored(ID).orElseThrow().words().note()).isEqualTo("The suspect was arrested");
        }

        @Test
        void aQuestionAndItsAnswer_areKeptWithTheSealedWords_andShownToBothParties() {
            routed();
            ok(service.acknowledge(DE_POC247, ID, new Lifecycle.Accept(null)));
            ok(service.askForClarification(DE_POC247, ID, "Which time zone are the log times in?"));

            ok(service.clarify(NL_POLICE, ID, "UTC"));

            assertThat(store.find(ID).orElseThrow().clarifications()).singleElement()
                    .satisfies(c -> assertThat(c.question()).isNull());
            assertThat(ok(service.get(DE_POC247, ID)).clarifications()).singleElement()
                    .satisfies(c -> {
                        assertThat(c.question()).isEqualTo("Which time zone are the log times in?");
                        assertThat(c.answer()).isEqualTo("UTC");
                    });
        }
    }

    @Nested
    class Visibility {
        @Test
        void get_showsTheRequest_toItsRequestingAgency() {
            Request request = filed();

            assertThat(ok(service.get(NL_POLICE, ID))).usingRecursiveComparison().ignoringFields("sealing").isEqualTo(request);
        }

        @Test
        void get_showsTheRequest_toAColleagueInTheSameAgency() {
            filed();

            assertThat(service.get(NL_POLICE_COLLEAGUE, ID)).isInstanceOf(Outcome.Ok.class);
        }

        static final List<Caller> OUTSIDERS = List.of(
                NL_FIOD,                   // another agency of the same jurisdiction
                SAME_AGENCY_NAME_IN_BE,    // the same agency name in another jurisdiction
                DE_CSIRT,                  // another contact point of the target jurisdiction
                DE_POC247_CLAIMED_FROM_FR, // the right contact point id, the wrong jurisdiction
                DPO, AUDITOR, ADMIN);      // roles that never read requests here

        @Test
        void list_isForbidden_toAContactPointClaimedFromAnotherJurisdiction() {
            // GIVEN a request routed to DE-POC247
            routed();

            // WHEN a token says DE-POC247 but jurisdiction FR, THEN it gets no inbox at all
            assertThat(service.list(DE_POC247_CLAIMED_FROM_FR, null, null, 20)).isInstanceOf(Outcome.Forbidden.class);
        }

        @ParameterizedTest(name = "{0}")
        @FieldSource("OUTSIDERS")
        void get_returnsNotFound_toACallerOutsideTheRequestsScope(Caller outsider) {
            // GIVEN a routed request
            routed();

            // WHEN someone outside its scope asks for it, THEN it does not exist for them
            assertThat(service.get(outsider, ID)).isInstanceOf(Outcome.NotFound.class);
        }

        @Test
        void get_returnsNotFound_whenThereIsNoSuchRequest() {
            assertThat(service.get(NL_POLICE, ID)).isInstanceOf(Outcome.NotFound.class);
        }

        @Test
        void get_showsTheRequest_toTheContactPointItWasRoutedTo() {
            routed();

            assertThat(ok(service.get(DE_POC247, ID)).assignment().contactPointId()).isEqualTo("DE-POC247");
        }

        @Test
        void get_returnsNotFound_toTheFutureContactPoint_beforeRouting() {
            // GIVEN a request not routed yet
            filed();

            // WHEN the contact point it will be routed to asks, THEN it does not see it yet
            assertThat(service.get(DE_POC247, ID)).isInstanceOf(Outcome.NotFound.class);
        }

        @ParameterizedTest(name = "{0}")
        @FieldSource("OUTSIDERS")
        void events_returnsNotFound_toACallerOutsideTheRequestsScope(Caller outsider) {
            routed();

            assertThat(service.events(outsider, ID)).isInstanceOf(Outcome.NotFound.class);
        }

        @Test
        void events_returnsTheTrailInOrder_toTheRequester() {
            routed();

            assertThat(ok(service.events(NL_POLICE, ID))).extracting(AuditEvent::sequence, AuditEvent::action)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "FILED"),
                            org.assertj.core.groups.Tuple.tuple(2L, "ROUTED"));
        }
    }

    @Nested
    class Listing {
        @Test
        void list_showsAnAgencyItsOwnRequests_newestFirst() {
            // GIVEN two requests of the Dutch police an hour apart, and one of another agency
            service.file(NL_POLICE, Filings.preservation().build(), Optional.empty());
            broker.clock.advance(Duration.ofHours(1));
            service.file(NL_POLICE_COLLEAGUE, Filings.preservation().target("FR").build(), Optional.empty());
            service.file(NL_FIOD, Filings.preservation().build(), Optional.empty());

            // WHEN the Dutch police list their requests
            Page<Request> page = ok(service.list(NL_POLICE, null, null, 20));

            // THEN they see their agency's two, the later one first, and no next page
            assertThat(page.items()).extracting(r -> r.filing().targetJurisdiction()).containsExactly("FR", "DE");
            assertThat(page.cursor()).isNull();
        }

        @Test
        void list_handsOutACursor_toTheNextPage() {
            // GIVEN three requests
            for (int i = 0; i < 3; i++) {
                service.file(NL_POLICE, Filings.preservation().build(), Optional.empty());
                broker.clock.advance(Duration.ofMinutes(1));
            }

            // WHEN they are read two at a time
            Page<Request> first = ok(service.list(NL_POLICE, null, null, 2));
            Page<Request> second = ok(service.list(NL_POLICE, null, first.cursor(), 2));

            // THEN the pages hold two and one, without overlap, and the last has no cursor
            assertThat(first.items()).hasSize(2);
            assertThat(first.cursor()).isNotNull();
            assertThat(second.items()).hasSize(1).doesNotContainAnyElementsOf(first.items());
            assertThat(second.cursor()).isNull();
        }

        @Test
        void list_filtersByStatus() {
            routed();
            service.file(NL_POLICE, Filings.preservation().build(), Optional.empty());

            Page<Request> page = ok(service.list(NL_POLICE, Status.ROUTED, null, 20));

            assertThat(page.items()).extracting(Request::id).containsExactly(ID);
        }

        @Test
        void list_readsAtMost100_whenAskedForMore() {
            for (int i = 0; i < 101; i++) service.file(NL_POLICE, Filings.preservation().build(), Optional.empty());

            assertThat(ok(service.list(NL_POLICE, null, null, 1000)).items()).hasSize(RequestService.MAX_PAGE_SIZE);
        }

        @Test
        void list_readsAtLeastOne_whenAskedForNone() {
            service.file(NL_POLICE, Filings.preservation().build(), Optional.empty());
            service.file(NL_POLICE, Filings.preservation().build(), Optional.empty());

            assertThat(ok(service.list(NL_POLICE, null, null, 0)).items()).hasSize(1);
        }

        @Test
        void list_showsAContactPointItsInbox_only() {
            // GIVEN one request routed to DE-POC247 and one to DE-CSIRT
            routed();
            service.file(NL_POLICE, Filings.preservation().type(RequestType.INCIDENT_ASSISTANCE).build(), Optional.empty());
            service.route("00000000-0000-4000-8000-000000000001");

            // WHEN DE-POC247 lists its inbox, THEN it sees its own only
            assertThat(ok(service.list(DE_POC247, null, null, 20)).items()).extracting(Request::id).containsExactly(ID);
        }

        @Test
        void list_isForbidden_toRolesThatDoNotHandleRequests() {
            assertThat(service.list(AUDITOR, null, null, 20)).isInstanceOf(Outcome.Forbidden.class);
            assertThat(service.list(DPO, null, null, 20)).isInstanceOf(Outcome.Forbidden.class);
        }

        @Test
        void list_isForbidden_toARequesterWhoseTokenNamesNoAgency() {
            assertThat(service.list(REQUESTER_WITHOUT_AGENCY, null, null, 20)).isInstanceOf(Outcome.Forbidden.class);
        }
    }

    @Nested
    class Acknowledging {
        @Test
        void acknowledge_acceptsARoutedRequest_andRecordsWhoDid() {
            // GIVEN a request routed to DE-POC247
            routed();
            broker.clock.advance(Duration.ofMinutes(20));

            // WHEN its operator accepts it
            Request accepted = ok(service.acknowledge(DE_POC247, ID, new Lifecycle.Accept("Preserved for 90 days")));

            // THEN it is ACCEPTED at version 3, and event 3 names the operator
            assertThat(accepted.status()).isEqualTo(Status.ACCEPTED);
            assertThat(accepted.version()).isEqualTo(3);
            assertThat(store.events(ID).getLast()).satisfies(e -> {
                assertThat(e.sequence()).isEqualTo(3);
                assertThat(e.at()).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
                assertThat(e.actor()).isEqualTo(new Actor("contact_point", "DE", "DE-POC247", "de-poc247"));
            });
        }

        @Test
        void acknowledge_rejectsARoutedRequest_withItsGround() {
            routed();

            Request rejected = ok(service.acknowledge(DE_POC247, ID,
                    new Lifecycle.Reject(RejectionGround.DATA_NOT_STORED, "Logs are kept for 3 days only")));

            assertThat(rejected.status()).isEqualTo(Status.REJECTED);
            assertThat(rejected.outcome().ground()).isEqualTo("data_not_stored");
        }

        @Test
        void acknowledge_returnsConflict_whenAlreadyAccepted() {
            // GIVEN a request accepted once
            routed();
            service.acknowledge(DE_POC247, ID, new Lifecycle.Accept(null));

            // WHEN it is accepted again
            Outcome<Request> again = service.acknowledge(DE_POC247_SECOND, ID, new Lifecycle.Accept(null));

            // THEN that is a conflict that names the status, and nothing more was written
            assertThat(again).asInstanceOf(type(Outcome.Conflict.class)).extracting(Outcome.Conflict::reason)
                    .isEqualTo("a request that is ACCEPTED cannot be accepted");
            assertThat(store.events(ID)).hasSize(3);
        }

        @Test
        void acknowledge_returnsConflict_whenAnotherOperatorWon() {
            // GIVEN a routed request, and a second operator whose accept lands between our read and our write
            routed();
            store.interleaveBeforeNextApply(() ->
                    assertThat(service.acknowledge(DE_POC247_SECOND, ID, new Lifecycle.Accept("mine")))
                            .isInstanceOf(Outcome.Ok.class));

            // WHEN the first operator rejects it
            Outcome<Request> lost = service.acknowledge(DE_POC247, ID,
                    new Lifecycle.Reject(RejectionGround.DATA_NOT_STORED, "gone"));

            // THEN the first operator, trying again on a fresh copy, finds it accepted: a conflict
            assertThat(lost).asInstanceOf(type(Outcome.Conflict.class)).extracting(Outcome.Conflict::reason)
                    .asString().contains("ACCEPTED cannot be rejected");
            assertThat(store.find(ID).orElseThrow().status()).isEqualTo(Status.ACCEPTED);
            assertThat(store.events(ID)).extracting(AuditEvent::action).containsExactly("FILED", "ROUTED", "ACCEPTED");
        }

        @Test
        void acknowledge_returnsNotFound_beforeRouting() {
            // A contact point cannot see a request before routing, so it is simply not found.
            filed();

            assertThat(service.acknowledge(DE_POC247, ID, new Lifecycle.Accept(null))).isInstanceOf(Outcome.NotFound.class);
        }

        @Test
        void acknowledge_isForbidden_toTheRequester() {
            routed();

            assertThat(service.acknowledge(NL_POLICE, ID, new Lifecycle.Accept(null))).isInstanceOf(Outcome.Forbidden.class);
        }

        @Test
        void acknowledge_returnsNotFound_toAnotherContactPoint() {
            routed();

            assertThat(service.acknowledge(DE_CSIRT, ID, new Lifecycle.Accept(null))).isInstanceOf(Outcome.NotFound.class);
            assertThat(store.find(ID).orElseThrow().status()).isEqualTo(Status.ROUTED);
        }
    }

    @Nested
    class Withdrawing {
        @Test
        void withdraw_withdrawsAFiledRequest() {
            filed();

            Request withdrawn = ok(service.withdraw(NL_POLICE, ID, "Identified by other means"));

            assertThat(withdrawn.status()).isEqualTo(Status.WITHDRAWN);
            assertThat(withdrawn.outcome().text()).isEqualTo("Identified by other means");
        }

        @Test
        void withdraw_withdrawsAnAcceptedRequest_whichIsStillOpen() {
            routed();
            service.acknowledge(DE_POC247, ID, new Lifecycle.Accept(null));

            assertThat(ok(service.withdraw(NL_POLICE_COLLEAGUE, ID, "No longer needed")).status()).isEqualTo(Status.WITHDRAWN);
        }

        @Test
        void withdraw_returnsConflict_onceTheRequestIsRejected() {
            routed();
            service.acknowledge(DE_POC247, ID, new Lifecycle.Reject(RejectionGround.DATA_NOT_STORED, "gone"));

            assertThat(service.withdraw(NL_POLICE, ID, "too late")).asInstanceOf(type(Outcome.Conflict.class))
                    .extracting(Outcome.Conflict::reason).isEqualTo("a request that is REJECTED cannot be withdrawn");
        }

        @Test
        void withdraw_returnsConflict_whenWithdrawnAlready() {
            filed();
            service.withdraw(NL_POLICE, ID, "first");

            assertThat(service.withdraw(NL_POLICE, ID, "second")).isInstanceOf(Outcome.Conflict.class);
        }

        @Test
        void withdraw_returnsNotFound_toAnotherAgency() {
            filed();

            assertThat(service.withdraw(NL_FIOD, ID, "not mine")).isInstanceOf(Outcome.NotFound.class);
            assertThat(store.find(ID).orElseThrow().status()).isEqualTo(Status.FILED);
        }

        @Test
        void withdraw_isForbidden_toAContactPoint() {
            routed();

            assertThat(service.withdraw(DE_POC247, ID, "not theirs")).isInstanceOf(Outcome.Forbidden.class);
        }
    }

    @Nested
    class RoutingARequest {
        @Test
        void route_sendsAFiledRequest_toTheContactPointThePolicyNames() {
            // GIVEN the sample preservation request to Germany
            filed();

            // WHEN it is routed
            Request routed = service.route(ID).orElseThrow();

            // THEN it is with DE-POC247 under R2, due as D4 says, and Liaison itself is the actor
            assertThat(routed.status()).isEqualTo(Status.ROUTED);
            assertThat(routed.assignment()).isEqualTo(new Assignment("DE-POC247", ContactPointKind.POC_24_7,
                    "R2-PRESERVATION", NOW, NOW.plus(Duration.ofHours(4)), NOW.plus(Duration.ofDays(1)), "D4-PRESERVATION",
                    null, false, false, null));
            assertThat(store.events(ID).getLast()).satisfies(e -> {
                assertThat(e.actor()).isEqualTo(Actor.SYSTEM);
                assertThat(e.ruleIds()).containsExactly("R2-PRESERVATION", "D4-PRESERVATION");
            });
        }

        @Test
        void route_marksTheRequestUnroutable_whenTheTargetLacksTheContactPoint() {
            service.file(NL_POLICE, Filings.preservation().type(RequestType.CONTENT_DATA).target("FR").build(), Optional.empty());

            Request unroutable = service.route(ID).orElseThrow();

            assertThat(unroutable.status()).isEqualTo(Status.UNROUTABLE);
            assertThat(unroutable.outcome().ground()).isEqualTo("R6-MUTUAL-ASSISTANCE");
            assertThat(unroutable.outcome().text()).contains("FR");
        }

        @Test
        void route_marksAStoredRequestUnroutable_namingWhy_whenItsLegalBasisDoesNotBindBothSides() {
            // GIVEN an order to Denmark under the Regulation, stored before filing checked the legal basis
            Request legacy = Request.filed(ID, new Requester("NL", "NL-POLITIE-THTC", "nl-police"),
                    Filings.preservation().legalBasis(Instrument.E_EVIDENCE_REGULATION, "6").target("DK").build(), NOW);
            store.file(legacy, Lifecycle.filingEvent(legacy, Actor.of(NL_POLICE)), null);

            // WHEN the router reaches it
            Request unroutable = service.route(ID).orElseThrow();

            // THEN it ends UNROUTABLE under the legal-basis rule, with the policy's facts, and is sent nowhere
            assertThat(unroutable.status()).isEqualTo(Status.UNROUTABLE);
            assertThat(unroutable.assignment()).isNull();
            assertThat(unroutable.outcome().ground()).isEqualTo(Binding.RULE_ID);
            assertThat(unroutable.outcome().text()).contains("on the filing date 2026-11-24",
                    "DK is not bound by Regulation (EU) 2023/1543: Protocol No 22 on the position of Denmark");
            assertThat(store.events(ID).getLast().ruleIds()).containsExactly(Binding.RULE_ID);
        }

        @Test
        void route_changesNothing_whenTheSameRecordIsDeliveredAgain() {
            // GIVEN a request routed once
            filed();
            service.route(ID);

            // WHEN the stream delivers its record again
            Optional<Request> again = service.route(ID);

            // THEN nothing happens
            assertThat(again).isEmpty();
            assertThat(store.find(ID).orElseThrow().version()).isEqualTo(2);
            assertThat(store.events(ID)).hasSize(2);
        }

        @Test
        void route_leavesAWithdrawnRequestWithdrawn() {
            filed();
            service.withdraw(NL_POLICE, ID, "changed my mind");

            assertThat(service.route(ID)).isEmpty();
            assertThat(store.find(ID).orElseThrow().status()).isEqualTo(Status.WITHDRAWN);
        }

        @Test
        void route_doesNothing_forAnUnknownRequest() {
            assertThat(service.route(ID)).isEmpty();
        }

        @Test
        void route_givesUp_whenTheRequestIsWithdrawnWhileRouting() {
            // GIVEN the requester's withdrawal lands between the router's read and its write
            filed();
            store.interleaveBeforeNextApply(() -> service.withdraw(NL_POLICE, ID, "withdrawn meanwhile"));

            // WHEN the router routes
            Optional<Request> routed = service.route(ID);

            // THEN the withdrawal stands
            assertThat(routed).isEmpty();
            assertThat(store.find(ID).orElseThrow().status()).isEqualTo(Status.WITHDRAWN);
        }
    }
}
