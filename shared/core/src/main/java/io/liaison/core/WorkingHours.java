package io.liaison.core;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Set;

/** When a contact point that is not a 24/7 point is staffed: these days, from opens to closes, local time. */
public record WorkingHours(ZoneId timeZone, Set<DayOfWeek> days, LocalTime opens, LocalTime closes) {
    public WorkingHours {
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        days = Set.copyOf(days);
    }

    public boolean openAt(Instant at) {
        ZonedDateTime local = at.atZone(timeZone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(opens) && time.isBefore(closes);
    }
}
