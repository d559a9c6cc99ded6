package io.liaison.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.Identifier;
import io.liaison.core.Words;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The plaintext form of a request's {@link Words}, the bytes the store seals. Fields in a fixed
 * order, so the same words always give the same text (the store compares fingerprints of it to
 * know whether a change added words).
 */
public final class WordsCodec {
    private WordsCodec() {}

    public static String write(Words words) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("caseReference", words.caseReference());
        out.put("offence", words.offence());
        out.put("summaryOfFacts", words.summaryOfFacts());
        ArrayNode identifiers = out.putArray("identifiers");
        for (Identifier identifier : words.identifiers()) identifiers.add(FilingCodec.write(identifier));
        out.put("necessityStatement", words.necessityStatement());
        ArrayNode rounds = out.putArray("rounds");
        for (Words.Exchange round : words.rounds()) rounds.addObject().put("question", round.question()).put("answer", round.answer());
        out.put("note", words.note());
        return out.toString();
    }

    /** Reads what {@link #write} wrote; anything else is a bug or damage (an exception, never partial words). */
    public static Words read(String text) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("sealed words do not parse", e);
        }
        FieldReader in = new FieldReader();
        List<Identifier> identifiers = FilingCodec.identifiers(in, root);
        if (!in.ok()) throw new IllegalStateException("sealed identifiers are not valid: " + in.invalid());
        List<Words.Exchange> rounds = new ArrayList<>();
        for (JsonNode round : root.path("rounds")) {
            rounds.add(new Words.Exchange(round.path("question").textValue(), round.path("answer").textValue()));
        }
        return new Words(root.path("caseReference").textValue(), root.path("offence").textValue(),
                root.path("summaryOfFacts").textValue(), identifiers, root.path("necessityStatement").textValue(),
                rounds, root.path("note").textValue());
    }
}
