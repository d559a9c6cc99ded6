package io.liaison.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.json.Json;
import io.liaison.testing.Filings;
import io.liaison.testing.InMemoryBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What a filing must satisfy beyond its JSON shape. The requester is always the Dutch police. */
class FilingRulesTest {
    private static final Requester NL_POLICE = new Requester("NL", "NL-POLITIE-THTC", "nl-police");
    private static final Directory DIRECTORY = InMemoryBroker.DIRECTORY;

    private static List<Violation> check(Filing filing) {
        return FilingRules.check(filing, NL_POLICE, DIRECTORY);
    }

    private static List<String> pointers(List<Violation> violations) {
        return violations.stream().map(Violation::pointer).toList();
    }

    @Test
    void check_findsNothing_inTheSampleFiling() {
        // GIVEN the filing of events/intake-file-request.json
        Filing filing = Filings.preservation().build();

        // WHEN it is checked
        List<Violation> violations = check(filing);

        // THEN it breaks no rule
        assertThat(violations).isEmpty();
    }

    // --- target jurisdiction ---

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"XX", "UK", "EU", "gb", "GBR", "D", ""})
    void check_rejectsTarget_whenNotAnIso3166Alpha2Code(String target) {
        // GIVEN a target that is not an ISO 3166-1 alpha-2 code ("UK" is reserved, the code is GB)
        Filing filing = Filings.preservation().target(target).build();

        // WHEN it is checked
        List<Violation> violations = check(filing);

        // THEN the target is named as no country code
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/targetJurisdiction");
            assertThat(v.detail()).contains("'" + target + "'", "ISO 3166-1 alpha-2");
        });
    }

    @Test
    void check_acceptsTarget_whenItIsAServedIsoCode() {
        // GIVEN the United Kingdom under its ISO code GB, which the directory serves
        Filing filing = Filings.preservation().target("GB").build();

        // WHEN it is checked, THEN nothing is wrong
        assertThat(check(filing)).isEmpty();
    }

    @Test
    void check_rejectsTarget_whenItIsTheRequestersOwnJurisdiction() {
        // GIVEN the Dutch police filing to the Netherlands
        Filing filing = Filings.preservation().target("NL").build();

        // WHEN it is checked
        List<Violation> violations = check(filing);

        // THEN Liaison says it brokers cross-border requests only
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/targetJurisdiction");
            assertThat(v.detail()).contains("requester's own (NL)", "cross-border");
        });
    }

    @Test
    void check_rejectsTarget_whenTheDirectoryHasNoContactPointThere() {
        // GIVEN Italy, a real country the demo directory has no contact point in
        Filing filing = Filings.preservation().target("IT").build();

        // WHEN it is checked
        List<Violation> violations = check(filing);

        // THEN the answer says so
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/targetJurisdiction");
            assertThat(v.detail()).isEqualTo("the directory has no contact point in IT");
        });
    }

    // --- identifiers: cases/identifiers.json ---

    static Stream<Arguments> identifierCases() throws IOException {
        JsonNode cases;
        try (InputStream in = FilingRulesTest.class.getResourceAsStream("/cases/identifiers.json")) {
            cases = Json.MAPPER.readTree(in);
        }
        List<Arguments> arguments = new ArrayList<>();
        for (JsonNode c : cases) {
            arguments.add(Arguments.of(c.get("desc").asText(), identifier(c.get("identifier")), c.get("valid").asBoolean()));
        }
        return arguments.stream();
    }

    private static Identifier identifier(JsonNode node) {
        String value = node.get("value").asText();
        return switch (node.get("type").asText()) {
            case "ipv4" -> new Identifier.IpV4(value, Instant.parse(node.get("observedAt").asText()));
            case "ipv6" -> new Identifier.IpV6(value, Instant.parse(node.get("observedAt").asText()));
            case "domain" -> new Identifier.Domain(value);
            case "email" -> new Identifier.Email(value);
            case "url" -> new Identifier.Url(value);
            case "phone" -> new Identifier.Phone(value);
            case "account" -> new Identifier.Account(node.get("service").asText(), value);
            case "file_hash" -> new Identifier.FileHash(
                    Coded.parse(Identifier.HashAlgorithm.class, node.get("algorithm").asText()).orElseThrow(), value);
            default -> throw new IllegalArgumentException("unknown identifier type in cases/identifiers.json: " + node);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identifierCases")
    void check_acceptsAnIdentifier_onlyWhenItIsWellFormedForItsType(String desc, Identifier identifier, boolean valid) {
        // GIVEN a filing about this one identifier
        Filing filing = Filings.preservation().identifiers(identifier).build();

        // WHEN it is checked
        List<Violation> violations = check(filing);

        // THEN the identifier's value is flagged exactly when it is malformed, with a reason
        if (valid) {
            assertThat(violations).as(desc).isEmpty();
        } else {
            assertThat(violations).as(desc).singleElement().satisfies(v -> {
                assertThat(v.pointer()).isEqualTo("/identifiers/0/value");
                assertThat(v.detail()).isNotBlank();
            });
        }
    }

    @Test
    void check_pointsAtTheIdentifierThatIsWrong_byItsIndex() {
        // GIVEN a good identifier, a bad one, and another good one
        Filing filing = Filings.preservation().identifiers(
                new Identifier.Domain("example.com"),
                new Identifier.IpV4("256.1.1.1", Instant.parse("2026-11-22T03:14:07Z")),
                new Identifier.Phone("+31201234567")).build();

        // WHEN it is checked, THEN only the second is named
        assertThat(pointers(check(filing))).containsExactly("/identifiers/1/value");
    }

    @Test
    void check_namesTheHashLength_whenAHashHasTheWrongLength() {
        // GIVEN a sha256 hash with the 40 digits of a sha1
        Filing filing = Filings.preservation().identifiers(new Identifier.FileHash(Identifier.HashAlgorithm.SHA256,
                "da39a3ee5e6b4b0d3255bfef95601890afd80709")).build();

        // WHEN it is checked, THEN the detail says how long a sha256 is
        assertThat(check(filing)).singleElement().extracting(Violation::detail)
                .isEqualTo("a sha256 hash is 64 hexadecimal digits");
    }

    @Test
    void check_rejectsAFiling_withoutIdentifiers() {
        // GIVEN a filing about nothing in particular
        Filing filing = Filings.preservation().identifiers(List.of()).build();

        // WHEN it is checked, THEN it must name at least one identifier
        assertThat(check(filing)).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/identifiers");
            assertThat(v.detail()).contains("at least one");
        });
    }

    @Test
    void check_rejectsAFiling_withMoreThan100Identifiers() {
        // GIVEN 101 well-formed identifiers
        Filing filing = Filings.preservation()
                .identifiers(Collections.nCopies(101, new Identifier.Domain("example.com"))).build();

        // WHEN it is checked, THEN the list is too long
        assertThat(check(filing)).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/identifiers");
            assertThat(v.detail()).contains("at most 100");
        });
    }

    @Test
    void check_acceptsExactly100Identifiers() {
        Filing filing = Filings.preservation()
                .identifiers(Collections.nCopies(100, new Identifier.Domain("example.com"))).build();

        assertThat(check(filing)).isEmpty();
    }

    // --- texts ---

    static Stream<Arguments> requiredTexts() {
        return Stream.of(
                Arguments.of("/caseReference", (Function<String, Filing>) t -> Filings.preservation().caseReference(t).build()),
                Arguments.of("/offence", (Function<String, Filing>) t -> Filings.preservation().offence(t).build()),
                Arguments.of("/summaryOfFacts", (Function<String, Filing>) t -> Filings.preservation().summaryOfFacts(t).build()),
                Arguments.of("/necessityStatement", (Function<String, Filing>) t -> Filings.preservation().necessityStatement(t).build()),
                Arguments.of("/legalBasis/article", (Function<String, Filing>) t -> Filings.preservation()
                        .legalBasis(Instrument.BUDAPEST_CONVENTION, t).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredTexts")
    void check_rejectsABlankText(String pointer, Function<String, Filing> filingWith) {
        // GIVEN a filing whose text at the pointer is only white space
        Filing filing = filingWith.apply(" \t\n ");

        // WHEN it is checked, THEN that text must not be blank
        assertThat(check(filing)).containsExactly(new Violation(pointer, "must not be blank"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredTexts")
    void check_rejectsAnEmptyText(String pointer, Function<String, Filing> filingWith) {
        assertThat(check(filingWith.apply(""))).containsExactly(new Violation(pointer, "must not be blank"));
    }

    @Test
    void check_rejectsACaseReference_longerThan100Characters() {
        Filing filing = Filings.preservation().caseReference("R".repeat(101)).build();

        assertThat(check(filing)).containsExactly(new Violation("/caseReference", "at most 100 characters"));
    }

    @Test
    void check_rejectsASummaryOfFacts_longerThan8000Characters() {
        Filing filing = Filings.preservation().summaryOfFacts("s".repeat(8001)).build();

        assertThat(check(filing)).containsExactly(new Violation("/summaryOfFacts", "at most 8000 characters"));
    }

    @Test
    void check_acceptsASummaryOfFacts_ofExactly8000Characters() {
        Filing filing = Filings.preservation().summaryOfFacts("s".repeat(8000)).build();

        assertThat(check(filing)).isEmpty();
    }

    @Test
    void check_rejectsAControlCharacter_inAShortText() {
        Filing filing = Filings.preservation().caseReference("NL-\u0000-42").build();

        assertThat(check(filing)).extracting(Violation::pointer).containsExactly("/caseReference");
    }

    @Test
    void check_rejectsABidirectionalOverride_thatMakesTextReadOtherwise() {
        Filing filing = Filings.preservation().offence("fraud \u202Edercsid").build();

        assertThat(check(filing)).extracting(Violation::pointer).containsExactly("/offence");
    }

    @Test
    void check_acceptsLineBreaks_inTheLongTexts() {
        Filing filing = Filings.preservation().summaryOfFacts("First, this.\nThen\tthat.\r\n").build();

        assertThat(check(filing)).isEmpty();
    }

    @Test
    void check_requiresTheTreatyName_underABilateralTreaty() {
        // GIVEN a request under a bilateral treaty that does not say which
        Filing filing = Filings.preservation()
                .legalBasis(new LegalBasis(Instrument.BILATERAL_TREATY, "Art. 5", null)).build();

        // WHEN it is checked, THEN the treaty is asked for
        assertThat(check(filing)).containsExactly(new Violation("/legalBasis/treaty", "must not be blank"));
    }

    @Test
    void check_acceptsABilateralTreaty_thatIsNamed() {
        Filing filing = Filings.preservation().legalBasis(new LegalBasis(Instrument.BILATERAL_TREATY, "Art. 5",
                "Treaty between the Kingdom of the Netherlands and the Federal Republic of Germany on MLA")).build();

        assertThat(check(filing)).isEmpty();
    }

    // --- data categories ---

    @Test
    void check_requiresDataCategories_forARequestForData() {
        // GIVEN a subscriber-data request that names no data category
        Filing filing = Filings.preservation().type(RequestType.SUBSCRIBER_DATA).dataCategories().build();

        // WHEN it is checked, THEN it must name what it wants
        assertThat(check(filing)).containsExactly(
                new Violation("/dataCategories", "a subscriber_data request names the data categories it wants"));
    }

    @Test
    void check_acceptsNoDataCategories_forIncidentAssistance() {
        // GIVEN an incident-assistance request, which asks for help rather than data
        Filing filing = Filings.preservation().type(RequestType.INCIDENT_ASSISTANCE).dataCategories().build();

        // WHEN it is checked, THEN no category is needed
        assertThat(check(filing)).isEmpty();
    }

    // --- time range ---

    @Test
    void check_rejectsATimeRange_thatEndsBeforeItStarts() {
        Filing filing = Filings.preservation().timeRange(new TimeRange(
                Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-20T00:00:00Z"))).build();

        assertThat(check(filing)).containsExactly(new Violation("/timeRange", "'from' is after 'to'"));
    }

    @Test
    void check_acceptsATimeRange_ofOneInstant() {
        Instant at = Instant.parse("2026-11-22T03:14:07Z");
        Filing filing = Filings.preservation().timeRange(new TimeRange(at, at)).build();

        assertThat(check(filing)).isEmpty();
    }

    @Test
    void check_acceptsAFiling_withoutTimeRange() {
        assertThat(check(Filings.preservation().timeRange(null).build())).isEmpty();
    }

    // --- all at once ---

    @Test
    void check_reportsEveryViolation_inOneAnswer() {
        // GIVEN a filing with three unrelated problems
        Filing filing = Filings.preservation().target("XX").offence(" ")
                .identifiers(new Identifier.Phone("0031201234567")).build();

        // WHEN it is checked, THEN all three are named, in the order of the form
        assertThat(pointers(check(filing)))
                .containsExactly("/targetJurisdiction", "/offence", "/identifiers/0/value");
    }
}
