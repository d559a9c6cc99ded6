package io.liaison.core.gate;

import io.liaison.core.DataCategory;
import io.liaison.core.Instrument;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The data the release gate decides by: who is bound by which instrument and from when, what each
 * article lets flow, which bilateral treaties exist, which transfers are covered, how long released
 * data may be kept. Dates make the decision depend on the day it is taken, as the law does.
 */
public record ReleasePolicy(
        String version,
        Map<Instrument, InstrumentTerms> instruments,
        List<Treaty> treaties,
        Set<String> europeanUnion,
        List<Transfer> transfers,
        boolean eEvidenceNotificationHolds,
        Duration retention) {

    public ReleasePolicy {
        Objects.requireNonNull(version, "version");
        instruments = Map.copyOf(instruments);
        treaties = List.copyOf(treaties);
        europeanUnion = Set.copyOf(europeanUnion);
        transfers = List.copyOf(transfers);
        Objects.requireNonNull(retention, "retention");
    }

    /**
     * An instrument: from when it is in force at all (null: not in force), its parties (a null
     * {@code since} is a party whose date the sources do not confirm), and the data each article lets flow.
     */
    public record InstrumentTerms(LocalDate inForceFrom, List<Party> parties, Map<String, ArticleTerms> articles) {
        public InstrumentTerms {
            parties = List.copyOf(parties);
            articles = Map.copyOf(articles);
        }

        public boolean binds(String jurisdiction, LocalDate date) {
            return inForceFrom != null && !date.isBefore(inForceFrom) && parties.stream().anyMatch(p ->
                    p.jurisdiction().equals(jurisdiction) && (p.since() == null || !date.isBefore(p.since())));
        }

        /** The terms of one article; "*" stands for every article (a treaty's). */
        public Optional<ArticleTerms> article(String article) {
            return Optional.ofNullable(articles.getOrDefault(article, articles.get("*")));
        }
    }

    public record Party(String jurisdiction, LocalDate since, String source) {}

    /**
     * What may be released under one article: the categories, whether only a confirmation may flow
     * (preservation), and for a category limited to some fields, those fields.
     */
    public record ArticleTerms(Set<DataCategory> categories, boolean confirmationOnly,
                               Map<DataCategory, Set<String>> onlyFields, String source) {
        public ArticleTerms {
            categories = Set.copyOf(categories);
            onlyFields = Map.copyOf(onlyFields);
        }
    }

    public record Treaty(String name, Set<String> parties, LocalDate inForceFrom, String source) {
        public Treaty {
            parties = Set.copyOf(parties);
        }

        public boolean binds(String a, String b, LocalDate date) {
            return parties.contains(a) && parties.contains(b) && inForceFrom != null && !date.isBefore(inForceFrom);
        }
    }

    /**
     * A transfer basis from data of origin {@code from} to a recipient in {@code to}, valid from
     * {@code validFrom} (null: not confirmed, so not relied on) until {@code validUntil} (null: open).
     */
    public record Transfer(String id, Set<String> from, Set<String> to, LocalDate validFrom, LocalDate validUntil,
                           String basis) {
        public Transfer {
            from = Set.copyOf(from);
            to = Set.copyOf(to);
        }

        public boolean covers(String origin, String recipient, LocalDate date) {
            return from.contains(origin) && to.contains(recipient) && validFrom != null && !date.isBefore(validFrom)
                    && (validUntil == null || !date.isAfter(validUntil));
        }
    }
}
