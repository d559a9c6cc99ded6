package io.liaison.local;

import io.liaison.core.FilingRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * openapi.yaml's patterns for free text and instants accept exactly what the code accepts, so a
 * client (or schemathesis) that follows the contract is not refused. Schemathesis sent texts with
 * control characters ("\u0094", "D\u0004\u00c8") that the contract's pattern '\S' allowed and the
 * code refuses (422), an acceptance note "" the contract allowed, and instants with a -21:41 offset.
 */
class OpenApiInputRulesTest {
    private static final Map<String, Object> CONTRACT = read();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("openapi.yaml");
            if (Files.isRegularFile(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    // A key given twice would silently replace the first (a second schema of one name did): refused.
                    org.yaml.snakeyaml.LoaderOptions strict = new org.yaml.snakeyaml.LoaderOptions();
                    strict.setAllowDuplicateKeys(false);
                    return new Yaml(strict).load(in);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("no openapi.yaml above " + Path.of("").toAbsolutePath());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(String... path) {
        Object node = CONTRACT;
        for (String name : path) node = ((Map<String, Object>) node).get(name);
        return (Map<String, Object>) node;
    }

    private static Pattern pattern(String... path) {
        return Pattern.compile((String) at(path).get("pattern"));
    }

    private static final Pattern MULTI_LINE = pattern("components", "schemas", "LongText");
    private static final Pattern ONE_LINE = pattern("components", "schemas", "CaseReference");

    /** What the code says of a text: null when it takes it (non-blank, no invisible character). */
    private static boolean codeAccepts(String text, boolean multiline) {
        return !text.isBlank() && FilingRules.invisibleCharacter(text, multiline) == null;
    }

    @Test
    void multiLineTextPattern_acceptsACharacterAmongOthers_exactlyWhenTheCodeDoes() {
        for (char c = 0; c < 0xD800; c++) {
            String text = "a" + c + "b";
            assertThat(MULTI_LINE.matcher(text).find()).as("U+%04X", (int) c).isEqualTo(codeAccepts(text, true));
        }
    }

    @Test
    void oneLineTextPattern_acceptsACharacterAmongOthers_exactlyWhenTheCodeDoes() {
        for (char c = 0; c < 0xD800; c++) {
            String text = "a" + c + "b";
            assertThat(ONE_LINE.matcher(text).find()).as("U+%04X", (int) c).isEqualTo(codeAccepts(text, false));
        }
    }

    @Test
    void textPatterns_acceptACharacterAlone_exactlyWhenTheCodeFindsItNonBlankAndVisible() {
        for (char c = 0; c < 0xD800; c++) {
            String text = String.valueOf(c);
            assertThat(MULTI_LINE.matcher(text).find()).as("U+%04X", (int) c).isEqualTo(codeAccepts(text, true));
            assertThat(ONE_LINE.matcher(text).find()).as("U+%04X", (int) c).isEqualTo(codeAccepts(text, false));
        }
    }

    @Test
    void everyFreeTextTheCodeChecks_carriesOneOfTheTextPatterns() {
        Map<String, Object> schemas = at("components", "schemas");
        List<String> texts = new ArrayList<>();
        texts.add(pattern("components", "schemas", "Offence").pattern());
        texts.add(pattern("components", "schemas", "Withdrawal", "properties", "reason").pattern());
        texts.add(pattern("components", "schemas", "Acceptance", "properties", "note").pattern());
        texts.add(pattern("components", "schemas", "Rejection", "properties", "justification").pattern());
        texts.add(pattern("components", "schemas", "Confirmation", "properties", "preserved").pattern());

        assertThat(schemas).containsKeys("Offence", "Withdrawal", "Acceptance", "Rejection", "Confirmation");
        assertThat(texts.getFirst()).isEqualTo(ONE_LINE.pattern());
        assertThat(texts.subList(1, texts.size())).allSatisfy(p -> assertThat(p).isEqualTo(MULTI_LINE.pattern()));
        assertThat(at("components", "schemas", "Acceptance", "properties", "note")).containsEntry("minLength", 1);
    }

    private static final Pattern INSTANT = pattern("components", "schemas", "Instant");

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-24T09:30:00Z", "2026-11-24T09:30:00.123456789Z", "2026-11-24T09:30:00+01:00",
            "2026-11-24T09:30:00-18:00", "2026-11-24T09:30:00.5+17:59", "2026-11-24t09:30:00z", "0000-01-01T00:00:00Z"})
    void instantPattern_acceptsOnly_whatInstantParseReads(String text) {
        assertThat(INSTANT.matcher(text).find()).isTrue();
        assertThat(Instant.parse(text)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3834-05-29T09:16:01-21:41", "2026-11-24T09:30:00+18:01", "2026-11-24T09:30Z",
            "2026-11-24T09:30:00.1234567890Z", "2026-11-24 09:30:00Z", "2026-11-24"})
    void instantPattern_refuses_whatInstantParseCannotRead(String text) {
        assertThat(INSTANT.matcher(text).find()).isFalse();
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
