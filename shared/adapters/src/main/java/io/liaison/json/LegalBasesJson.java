package io.liaison.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.Binding;
import io.liaison.core.RequestService;

import java.time.LocalDate;

/** GET /legal-bases: what a requester may file to whom today, each instrument with its facts or its gaps. */
public final class LegalBasesJson {
    private LegalBasesJson() {}

    public static ObjectNode write(RequestService.LegalBases bases) {
        ObjectNode out = Json.MAPPER.createObjectNode().put("requesting", bases.requesting());
        if (bases.target() == null) out.putNull("target");
        else out.put("target", bases.target());
        out.put("date", bases.date().toString()).put("policyVersion", bases.policyVersion());
        ArrayNode targets = out.putArray("targets");
        bases.targets().forEach(targets::add);
        ArrayNode items = out.putArray("items");
        for (Binding binding : bases.bindings()) items.add(binding(binding));
        return out;
    }

    /** One instrument's binding: the facts of each side, or the gaps and the sentence filing refuses with. */
    public static ObjectNode binding(Binding binding) {
        {
            ObjectNode item = Json.MAPPER.createObjectNode().put("instrument", binding.instrument().code())
                    .put("binds", binding.bindsBothSides());
            switch (binding) {
                case Binding.Binds binds -> {
                    ArrayNode sides = item.putArray("sides");
                    for (Binding.Bound side : binds.sides()) {
                        ObjectNode s = sides.addObject().put("jurisdiction", side.jurisdiction());
                        date(s, "since", side.since());
                        date(s, "until", side.until());
                        if (side.source() == null) s.putNull("source");
                        else s.put("source", side.source());
                    }
                }
                case Binding.DoesNotBind refused -> {
                    item.put("reason", refused.reason());
                    ArrayNode gaps = item.putArray("gaps");
                    for (Binding.Gap gap : refused.gaps()) {
                        ObjectNode g = gaps.addObject();
                        if (gap.jurisdiction() == null) g.putNull("jurisdiction");
                        else g.put("jurisdiction", gap.jurisdiction());
                        g.put("text", gap.text());
                    }
                }
            }
            return item;
        }
    }

    private static void date(ObjectNode node, String name, LocalDate date) {
        if (date == null) node.putNull(name);
        else node.put(name, date.toString());
    }
}
