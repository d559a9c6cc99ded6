package io.liaison.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.DataCategory;
import io.liaison.core.Tlp;
import io.liaison.core.Violation;
import io.liaison.core.gate.Answer;
import io.liaison.core.gate.ResponseRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.Map;

import static io.liaison.testing.SampleEvents.httpApi;
import static io.liaison.testing.SampleEvents.jsonBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON form of an answer. Every test starts from the body of events/casework-respond.json
 * (DE-POC247 answers a subscriber-data request: the account holder, a third party's e-mail
 * address, and a content record) and changes one thing in it.
 */
class AnswerCodecTest {

    private static ObjectNode sample() {
        return jsonBody(httpApi("casework-respond.json"));
    }

    private static ObjectNode record(ObjectNode body, int index) {
        return (ObjectNode) body.get("records").get(index);
    }

    private static ObjectNode fields(ObjectNode body, int index) {
        return (ObjectNode) record(body, index).get("fields");
    }

    private static FieldReader problems(ObjectNode body) {
        return AnswerCodec.read(body).problems();
    }

    /** The one invalid field's pointer, when the body has exactly one problem and no unknown field. */
    private static Violation onlyProblem(ObjectNode body) {
        FieldReader problems = problems(body);
        assertThat(problems.unknownFields()).isEmpty();
        assertThat(problems.invalid()).hasSize(1);
        return problems.invalid().getFirst();
    }

    // --- reading what is right ---

    @Test
    void read_turnsTheSample_intoAnAnswerWithItsThreeRecords() {
        AnswerCodec.Parsed parsed = AnswerCodec.read(sample());

        assertThat(parsed.problems().ok()).isTrue();
        Answer answer = parsed.answer();
        assertThat(answer.isFinal()).isTrue();
        assertThat(answer.tlp()).isEqualTo(Tlp.AMBER);
        assertThat(answer.confirmation()).isNull();
        assertThat(answer.records()).extracting(ResponseRecord::category)
                .containsExactly(DataCategory.SUBSCRIBER, DataCategory.SUBSCRIBER, DataCategory.CONTENT);
        assertThat(answer.records()).extracting(ResponseRecord::owner).containsExactly(ResponseRecord.Owner.DATA_SUBJECT,
                ResponseRecord.Owner.THIRD_PARTY, ResponseRecord.Owner.DATA_SUBJECT);
        assertThat(answer.records().get(1).fields())
                .containsExactlyInAnyOrderEntriesOf(Map.of("name", "Anna Beispiel", "email", "anna.beispiel@example.net"));
    }

    @Test
    void read_givesEachRecordTheAnswersTlp_andNoSpecialCategory_whenTheRecordSaysNothing() {
        ResponseRecord record = AnswerCodec.read(sample()).answer().records().getFirst();

        assertThat(record.tlp()).isEqualTo(Tlp.AMBER);
        assertThat(record.specialCategory()).isFalse();
        assertThat(record.originJurisdiction()).isEqualTo("DE");
    }

    @Test
    void read_keepsARecordsOwnTlp_andItsSpecialCategory() {
        ObjectNode body = sample();
        record(body, 0).put("tlp", "TLP:RED").put("specialCategory", true);

        ResponseRecord record = AnswerCodec.read(body).answer().records().getFirst();

        assertThat(record.tlp()).isEqualTo(Tlp.RED);
        assertThat(record.specialCategory()).isTrue();
    }

    @Test
    void read_takesAPreservationConfirmation_withoutRecords() {
        // GIVEN the answer to a preservation request: what is preserved, until when, and no data
        ObjectNode body = sample();
        body.putArray("records");
        body.putObject("confirmation").put("preserved", "Connection logs of 203.0.113.45, 20-23 Nov 2026")
                .put("until", "2027-02-22");

        Answer answer = AnswerCodec.read(body).answer();

        assertThat(answer.records()).isEmpty();
        assertThat(answer.confirmation()).isEqualTo(
                new Answer.Confirmation("Connection logs of 203.0.113.45, 20-23 Nov 2026", LocalDate.of(2027, 2, 22)));
    }

    @Test
    void read_takesAnAnswerWithoutRecords_leavingTheCoreToSayWhetherItNeedsThem() {
        ObjectNode body = sample();
        body.remove("records");

        AnswerCodec.Parsed parsed = AnswerCodec.read(body);

        assertThat(parsed.problems().ok()).isTrue();
        assertThat(parsed.answer().records()).isEmpty();
    }

    @Test
    void read_takesAnEmptyValue_andOneOf2000Characters() {
        ObjectNode body = sample();
        fields(body, 0).put("middleName", "").put("note", "x".repeat(AnswerCodec.MAX_VALUE));

        assertThat(problems(body).ok()).isTrue();
    }

    @Test
    void read_takesLineBreaksInAValue() {
        ObjectNode body = sample();
        fields(body, 0).put("postalAddress", "Musterstrasse 1\n65189 Wiesbaden");

        assertThat(problems(body).ok()).isTrue();
    }

    // --- unknown fields: 400, apart from the rest ---

    @Test
    void read_reportsUnknownFields_byJsonPointer_atEveryLevel() {
        // GIVEN fields Liaison does not know at the top, in a record and in the confirmation
        ObjectNode body = sample();
        body.put("priority", "high");
        record(body, 1).put("consent", true);
        body.putObject("confirmation").put("preserved", "logs").put("until", "2027-02-22").put("ticket", "SO42");

        // WHEN it is read
        FieldReader problems = problems(body);

        // THEN each is named where it is, and nothing else is wrong
        assertThat(problems.unknownFields()).extracting(Violation::pointer)
                .containsExactlyInAnyOrder("/priority", "/records/1/consent", "/confirmation/ticket");
        assertThat(problems.invalid()).isEmpty();
    }

    @Test
    void read_takesAnyFieldNameInsideFields_asData() {
        ObjectNode body = sample();
        fields(body, 0).put("category", "premium").put("final", "yes");

        assertThat(problems(body).ok()).isTrue();
    }

    // --- invalid: 422, each with its pointer ---

    @Test
    void read_namesTheCategories_whenARecordsCategoryIsUnknown() {
        ObjectNode body = sample();
        record(body, 2).put("category", "metadata");

        Violation problem = onlyProblem(body);

        assertThat(problem.pointer()).isEqualTo("/records/2/category");
        assertThat(problem.detail()).contains("subscriber, identification, traffic, content");
    }

    @Test
    void read_namesTheOwners_whenAnOwnerIsUnknown() {
        ObjectNode body = sample();
        record(body, 1).put("owner", "DATA_SUBJECT");

        Violation problem = onlyProblem(body);

        assertThat(problem.pointer()).isEqualTo("/records/1/owner");
        assertThat(problem.detail()).contains("data_subject, third_party");
    }

    @Test
    void read_asksForFinal_andTlp() {
        ObjectNode body = sample();
        body.remove("final");
        body.remove("tlp");

        assertThat(problems(body).invalid()).extracting(Violation::pointer).containsExactlyInAnyOrder("/final", "/tlp");
    }

    @Test
    void read_refusesFinal_asAString() {
        ObjectNode body = sample();
        body.put("final", "true");

        assertThat(onlyProblem(body).pointer()).isEqualTo("/final");
    }

    @Test
    void read_refusesATlpThatIsNotTlp2() {
        ObjectNode body = sample();
        record(body, 0).put("tlp", "TLP:WHITE");

        Violation problem = onlyProblem(body);

        assertThat(problem.pointer()).isEqualTo("/records/0/tlp");
        assertThat(problem.detail()).contains("TLP:AMBER+STRICT");
    }

    @Test
    void read_asksForEachRecordsCategoryOwnerOriginAndFields() {
        ObjectNode body = sample();
        ArrayNode records = body.putArray("records");
        records.addObject();

        assertThat(problems(body).invalid()).extracting(Violation::pointer).containsExactlyInAnyOrder(
                "/records/0/category", "/records/0/owner", "/records/0/originJurisdiction", "/records/0/fields");
    }

    @Test
    void read_refusesARecordWithoutFields() {
        ObjectNode body = sample();
        record(body, 0).putObject("fields");

        Violation problem = onlyProblem(body);

        assertThat(problem.pointer()).isEqualTo("/records/0/fields");
        assertThat(problem.detail()).contains("1 to 50");
    }

    @Test
    void read_refusesARecordWith51Fields() {
        ObjectNode body = sample();
        ObjectNode fields = record(body, 0).putObject("fields");
        for (int i = 0; i <= AnswerCodec.MAX_FIELDS; i++) fields.put("f" + i, "v");

        assertThat(onlyProblem(body).pointer()).isEqualTo("/records/0/fields");
    }

    @Test
    void read_refusesFieldsThatAreNotAnObject() {
        ObjectNode body = sample();
        record(body, 0).putArray("fields").add("Max Muster");

        assertThat(onlyProblem(body).pointer()).isEqualTo("/records/0/fields");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postal address", "e-mail/home", "name:", "ünicode"})
    void read_refusesAFieldName_outsideLettersDigitsAndUnderscoreDotDash(String name) {
        ObjectNode body = sample();
        fields(body, 0).put(name, "x");

        Violation problem = onlyProblem(body);

        assertThat(problem.pointer()).isEqualTo("/records/0/fields/" + name.replace("/", "~1"));
        assertThat(problem.detail()).contains("1 to 64");
    }

    @Test
    void read_refusesAFieldNameOf65Characters() {
        ObjectNode body = sample();
        fields(body, 0).put("n".repeat(65), "x");

        assertThat(onlyProblem(body).pointer()).startsWith("/records/0/fields/nnn");
    }

    @Test
    void read_refusesAValueThatIsNotAString() {
        ObjectNode body = sample();
        fields(body, 0).put("loginCount", 17);

        Violation problem = onlyProblem(body);

        assertThat(problem.pointer()).isEqualTo("/records/0/fields/loginCount");
        assertThat(problem.detail()).isEqualTo("must be a string");
    }

    @Test
    void read_refusesAValueOf2001Characters() {
        ObjectNode body = sample();
        fields(body, 0).put("note", "x".repeat(AnswerCodec.MAX_VALUE + 1));

        Violation problem = onlyProblem(body);

        assertThat(problem.pointer()).isEqualTo("/records/0/fields/note");
        assertThat(problem.detail()).contains("2000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Max\u0000Muster", "Max\u202EMuster", "Max\u2066Muster", "Max\u0007"})
    void read_refusesAValueWithAnInvisibleCharacter(String value) {
        ObjectNode body = sample();
        fields(body, 0).put("name", value);

        Violation problem = onlyProblem(body);

        assertThat(problem.pointer()).isEqualTo("/records/0/fields/name");
        assertThat(problem.detail()).contains("invisible character");
    }

    @Test
    void read_refuses201Records() {
        ObjectNode body = sample();
        ArrayNode records = body.putArray("records");
        for (int i = 0; i <= AnswerCodec.MAX_RECORDS; i++) records.add(sample().get("records").get(0));

        Violation problem = onlyProblem(body);

        assertThat(problem.pointer()).isEqualTo("/records");
        assertThat(problem.detail()).contains("200");
    }

    @Test
    void read_takes200Records() {
        ObjectNode body = sample();
        ArrayNode records = body.putArray("records");
        for (int i = 0; i < AnswerCodec.MAX_RECORDS; i++) records.add(sample().get("records").get(0));

        assertThat(AnswerCodec.read(body).answer().records()).hasSize(AnswerCodec.MAX_RECORDS);
    }

    @Test
    void read_refusesRecordsThatAreNotAnArray() {
        ObjectNode body = sample();
        body.putObject("records");

        assertThat(onlyProblem(body).pointer()).isEqualTo("/records");
    }

    @Test
    void read_refusesAConfirmationUntilThatIsNotADate() {
        ObjectNode body = sample();
        body.putObject("confirmation").put("preserved", "logs").put("until", "22/02/2027");

        Violation problem = onlyProblem(body);

        assertThat(problem.pointer()).isEqualTo("/confirmation/until");
        assertThat(problem.detail()).contains("2027-02-22");
    }

    @Test
    void read_refusesABlankConfirmation() {
        ObjectNode body = sample();
        body.putObject("confirmation").put("preserved", " ").put("until", "2027-02-22");

        assertThat(onlyProblem(body).pointer()).isEqualTo("/confirmation/preserved");
    }

    @Test
    void read_asksForBothPartsOfAConfirmation() {
        ObjectNode body = sample();
        body.putObject("confirmation");

        assertThat(problems(body).invalid()).extracting(Violation::pointer)
                .containsExactlyInAnyOrder("/confirmation/preserved", "/confirmation/until");
    }

    @Test
    void read_refusesABodyThatIsNotAnObject() {
        assertThat(AnswerCodec.read(Json.MAPPER.createArrayNode()).problems().invalid())
                .extracting(Violation::pointer).containsExactly("");
    }

    @Test
    void read_namesEveryProblem_inOneAnswer() {
        ObjectNode body = sample();
        record(body, 0).put("owner", "someone");
        record(body, 2).put("category", "metadata");
        fields(body, 1).put("email", 42);

        assertThat(problems(body).invalid()).extracting(Violation::pointer).containsExactlyInAnyOrder(
                "/records/0/owner", "/records/2/category", "/records/1/fields/email");
    }

    @Test
    void ownerCode_isTheWireCode() {
        assertThat(AnswerCodec.code(ResponseRecord.Owner.DATA_SUBJECT)).isEqualTo("data_subject");
        assertThat(AnswerCodec.code(ResponseRecord.Owner.THIRD_PARTY)).isEqualTo("third_party");
    }
}
