package io.liaison.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.Filing;
import io.liaison.core.Identifier;
import io.liaison.core.Instrument;
import io.liaison.core.LegalBasis;
import io.liaison.core.Violation;
import io.liaison.json.Json;
import io.liaison.testing.Filings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON form of a filing. Every test starts from filings/preservation-nl-to-de.json (the
 * filing {@link Filings#preservation()} builds) and changes one thing in it.
 */
class FilingCodecTest {

    private static ObjectNode sample() {
        try (InputStream in = FilingCodecTest.class.getResourceAsStream("/filings/preservation-nl-to-de.json")) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode firstIdentifier(ObjectNode body) {
        return (ObjectNode) body.get("identifiers").get(0);
    }

    // --- reading what is right ---

    @Test
    void read_turnsTheSampleJson_intoTheSampleFiling() {
        FilingCodec.Parsed parsed = FilingCodec.read(sample());

        assertThat(parsed.problems().ok()).isTrue();
        assertThat(parsed.filing()).isEqualTo(Filings.preservation().build());
    }

    @Test
    void write_givesBackWhatWasRead() {
        // GIVEN the sample body
        JsonNode body = sample();

        // WHEN it is read and written again
        JsonNode written = FilingCodec.write(FilingCodec.read(body).filing());

        // THEN it is the same JSON: what was filed is what is shown and stored
        assertThat(written).isEqualTo(body);
    }

    @Test
    void read_givesBackWhatWasWritten_forEveryIdentifierType() {
        // GIVEN a filing under a bilateral treaty with one identifier of each type and no time range
        Instant seen = Instant.parse("2026-11-22T03:14:07Z");
        Filing filing = Filings.preservation()
                .legalBasis(new LegalBasis(Instrument.BILATERAL_TREATY, "Art. 5", "NL-DE MLA treaty"))
                .timeRange(null)
                .identifiers(new Identifier.IpV4("203.0.113.45", seen), new Identifier.IpV6("2001:db8::1", seen),
                        new Identifier.Domain("leaks-example.de"), new Identifier.Email("abuse@example.com"),
                        new Identifier.Url("https://leaks-example.de/victims"), new Identifier.Account("Telegram", "@darkleaks"),
                        new Identifier.Phone("+4915123456789"), new Identifier.FileHash(Identifier.HashAlgorithm.SHA256,
                                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
                .build();

        // WHEN it is written and read back
        FilingCodec.Parsed parsed = FilingCodec.read(FilingCodec.write(filing));

        // THEN it is the same filing
        assertThat(parsed.problems().ok()).isTrue();
        assertThat(parsed.filing()).isEqualTo(filing);
    }

    @Test
    void write_leavesOutTheTreatyAndTimeRange_whenThereAreNone() {
        ObjectNode written = FilingCodec.write(Filings.preservation().timeRange(null).build());

        assertThat(written.has("timeRange")).isFalse();
        assertThat(written.get("legalBasis").has("treaty")).isFalse();
    }

    @Test
    void read_acceptsNull_forAFieldAnotherIdentifierTypeWouldHave() {
        ObjectNode body = sample();
        ((ObjectNode) body.get("identifiers").get(1)).putNull("observedAt");

        assertThat(FilingCodec.read(body).problems().ok()).isTrue();
    }

    // --- unknown fields: 400, apart from the rest ---

    @Test
    void read_reportsUnknownFields_byJsonPointer_atEveryLevel() {
        // GIVEN fields Liaison does not know at the top, in the legal basis and in an identifier
        ObjectNode body = sample();
        body.put("priority", "high");
        ((ObjectNode) body.get("legalBasis")).put("chapter", "III");
        firstIdentifier(body).put("colour", "red");

        // WHEN it is read
        FieldReader problems = FilingCodec.read(body).problems();

        // THEN each is named where it is, and nothing else is wrong
        assertThat(problems.unknownFields()).extracting(Violation::pointer)
                .containsExactlyInAnyOrder("/priority", "/legalBasis/chapter", "/identifiers/0/colour");
        assertThat(problems.unknownFields()).extracting(Violation::detail).contains("unknown field 'colour'");
        assertThat(problems.invalid()).isEmpty();
    }

    @Test
    void read_keepsUnknownFieldsApart_fromInvalidOnes() {
        // GIVEN an unknown field and a missing one
        ObjectNode body = sample();
        firstIdentifier(body).put("colour", "red");
        body.remove("offence");

        // WHEN it is read
        FilingCodec.Parsed parsed = FilingCodec.read(body);

        // THEN they are reported in two lists (a 400 and a 422), and there is no filing
        assertThat(parsed.problems().unknownFields()).extracting(Violation::pointer).containsExactly("/identifiers/0/colour");
        assertThat(parsed.problems().invalid()).containsExactly(new Violation("/offence", "is required"));
        assertThat(parsed.filing()).isNull();
    }

    // --- invalid fields: 422 ---

    @Test
    void read_requiresALegalBasis() {
        ObjectNode body = sample();
        body.remove("legalBasis");

        FieldReader problems = FilingCodec.read(body).problems();

        assertThat(problems.invalid()).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/legalBasis");
            assertThat(v.detail()).startsWith("is required");
        });
    }

    @Test
    void read_namesTheAllowedValues_whenACodeIsUnknown() {
        ObjectNode body = sample();
        body.put("urgency", "asap");

        assertThat(FilingCodec.read(body).problems().invalid())
                .containsExactly(new Violation("/urgency", "'asap' is not one of: routine, urgent, emergency"));
    }

    @Test
    void read_namesTheTlpLabels_whenTheLabelLacksItsPrefix() {
        ObjectNode body = sample();
        body.put("tlp", "AMBER");

        assertThat(FilingCodec.read(body).problems().invalid()).containsExactly(new Violation("/tlp",
                "'AMBER' is not one of: TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED"));
    }

    @Test
    void read_pointsAtTheDataCategory_thatIsUnknown() {
        ObjectNode body = sample();
        ((ArrayNode) body.get("dataCategories")).add("metadata");

        assertThat(FilingCodec.read(body).problems().invalid()).singleElement()
                .extracting(Violation::pointer).isEqualTo("/dataCategories/2");
    }

    @Test
    void read_namesTheIdentifierTypes_whenATypeIsUnknown() {
        ObjectNode body = sample();
        firstIdentifier(body).put("type", "mac");

        assertThat(FilingCodec.read(body).problems().invalid()).anySatisfy(v -> {
            assertThat(v.pointer()).isEqualTo("/identifiers/0/type");
            assertThat(v.detail()).contains("'mac'", "ipv4, ipv6, domain, email, url, account, phone, file_hash");
        });
    }

    @Test
    void read_escapesAnUnknownFieldsName_inItsPointer() {
        ObjectNode body = sample().put("a/b~c", 1);

        assertThat(FilingCodec.read(body).problems().unknownFields()).singleElement()
                .extracting(Violation::pointer).isEqualTo("/a~1b~0c");
    }

    @Test
    void read_reportsOnlyTheType_whenAnUnknownTypeCarriesOtherFields() {
        ObjectNode body = sample();
        firstIdentifier(body).put("type", "mac");

        assertThat(FilingCodec.read(body).problems().invalid()).singleElement()
                .extracting(Violation::pointer).isEqualTo("/identifiers/0/type");
    }

    @Test
    void read_requiresWhenAnIpAddressWasSeen() {
        ObjectNode body = sample();
        firstIdentifier(body).remove("observedAt");

        assertThat(FilingCodec.read(body).problems().invalid())
                .containsExactly(new Violation("/identifiers/0/observedAt", "is required"));
    }

    @Test
    void read_refusesAFieldThatBelongsToAnotherIdentifierType() {
        ObjectNode body = sample();
        ((ObjectNode) body.get("identifiers").get(1)).put("algorithm", "md5");

        assertThat(FilingCodec.read(body).problems().invalid())
                .containsExactly(new Violation("/identifiers/1/algorithm", "a domain identifier has no algorithm"));
    }

    @Test
    void read_requiresTheTreaty_underABilateralTreaty() {
        ObjectNode body = sample();
        ((ObjectNode) body.get("legalBasis")).put("instrument", "BILATERAL_TREATY");

        assertThat(FilingCodec.read(body).problems().invalid())
                .containsExactly(new Violation("/legalBasis/treaty", "is required"));
    }

    @Test
    void read_refusesATreaty_underAnotherInstrument() {
        ObjectNode body = sample();
        ((ObjectNode) body.get("legalBasis")).put("treaty", "NL-DE MLA treaty");

        assertThat(FilingCodec.read(body).problems().invalid()).extracting(Violation::pointer)
                .containsExactly("/legalBasis/treaty");
    }

    @Test
    void read_saysWhichJsonTypeAFieldMustHave() {
        // GIVEN three fields of the wrong JSON type
        ObjectNode body = sample();
        body.put("offence", 42);
        body.put("identifiers", "203.0.113.45");
        body.put("dataSubjectMayBeInformed", "no");

        // WHEN it is read, THEN each is named with the type it must have
        assertThat(FilingCodec.read(body).problems().invalid()).containsExactlyInAnyOrder(
                new Violation("/offence", "must be a string"),
                new Violation("/identifiers", "must be an array"),
                new Violation("/dataSubjectMayBeInformed", "must be true or false"));
    }

    @Test
    void read_asksForAUtcTimestamp_whenATimeDoesNotParse() {
        ObjectNode body = sample();
        ((ObjectNode) body.get("timeRange")).put("from", "22/11/2026");

        assertThat(FilingCodec.read(body).problems().invalid()).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/timeRange/from");
            assertThat(v.detail()).contains("UTC timestamp");
        });
    }

    @Test
    void read_pointsAtTheWholeDocument_whenTheBodyIsNotAnObject() throws IOException {
        FieldReader problems = FilingCodec.read(Json.MAPPER.readTree("[]")).problems();

        assertThat(problems.invalid()).containsExactly(new Violation("", "must be a JSON object"));
    }

    @Test
    void read_reportsEveryMissingField_inOneAnswer() throws IOException {
        FieldReader problems = FilingCodec.read(Json.MAPPER.readTree("{}")).problems();

        assertThat(problems.invalid()).extracting(Violation::pointer).containsExactlyInAnyOrder("/type", "/urgency",
                "/targetJurisdiction", "/legalBasis", "/caseReference", "/offence", "/summaryOfFacts", "/identifiers",
                "/necessityStatement", "/tlp", "/pap", "/dataSubjectMayBeInformed");
    }
}
