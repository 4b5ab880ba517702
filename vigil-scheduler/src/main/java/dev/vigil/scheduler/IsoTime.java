package dev.vigil.scheduler;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pacemaker's ISO 8601 date-times: calendar ({@code 2005-02-20}), ordinal ({@code 2005-051})
 * and week ({@code 2005-W07-7}) dates, an optional time after {@code T} or a space, and an
 * optional offset ({@code Z}, {@code +02:00}). Times without an offset are UTC.
 */
final class IsoTime {
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\s*(\\d{4})(?:-?(?:W(\\d{2})(?:-?(\\d))?|(\\d{2})-?(\\d{2})|(\\d{3})))?"
                    + "(?:[T ](\\d{2})(?::?(\\d{2})(?::?(\\d{2}))?)?)?"
                    + "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?\\s*");

    private IsoTime() {
    }

    /**
     * Seconds since the epoch.
     *
     * @throws IllegalArgumentException naming the text when it is not a date-time
     */
    static long parseEpochSeconds(String text) {
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO 8601 date-time");
        }
        int year = Integer.parseInt(m.group(1));
        LocalDate date;
        if (m.group(2) != null) {
            int week = Integer.parseInt(m.group(2));
            int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            date = LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                    .with(DayOfWeek.of(day));
        } else if (m.group(4) != null) {
            date = LocalDate.of(year, Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
        } else if (m.group(6) != null) {
            date = LocalDate.ofYearDay(year, Integer.parseInt(m.group(6)));
        } else {
            date = LocalDate.of(year, 1, 1);
        }
        int hour = m.group(7) == null ? 0 : Integer.parseInt(m.group(7));
        int minute = m.group(8) == null ? 0 : Integer.parseInt(m.group(8));
        int second = m.group(9) == null ? 0 : Integer.parseInt(m.group(9));
        ZoneOffset offset = ZoneOffset.UTC;
        if (m.group(10) != null && !m.group(10).equals("Z")) {
            String o = m.group(10);
            int hours = Integer.parseInt(o.substring(1, 3));
            String rest = o.substring(3).replace(":", "");
            int minutes = rest.isEmpty() ? 0 : Integer.parseInt(rest);
            int sign = o.charAt(0) == '-' ? -1 : 1;
            offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        LocalDateTime local = LocalDateTime.of(date, hour == 24 ? LocalTime.MIDNIGHT : LocalTime.of(hour, minute, second));
        if (hour == 24) {
            local = local.plusDays(1);
        }
        return OffsetDateTime.of(local, offset).toEpochSecond();
    }

    /** Adds a duration given as fields (years, months, weeks, days, hours, minutes, seconds). */
    static long plus(long epochSeconds, Map<String, String> duration) {
        OffsetDateTime t = OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
        for (Map.Entry<String, String> field : duration.entrySet()) {
            if (field.getKey().equals("id")) {
                continue;
            }
            long n = Long.parseLong(field.getValue().trim());
            t = switch (field.getKey().toLowerCase(Locale.ROOT)) {
                case "years" -> t.plusYears(n);
                case "months" -> t.plusMonths(n);
                case "weeks" -> t.plusWeeks(n);
                case "days" -> t.plusDays(n);
                case "hours" -> t.plusHours(n);
                case "minutes" -> t.plusMinutes(n);
                case "seconds" -> t.plusSeconds(n);
                default -> t;
            };
        }
        return t.toEpochSecond();
    }

    /** Whether the time matches every field of a date_spec (each a value or a range {@code a-b}). */
    static boolean matchesSpec(long epochSeconds, Map<String, String> spec) {
        OffsetDateTime t = OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
        for (Map.Entry<String, String> field : spec.entrySet()) {
            long value;
            switch (field.getKey()) {
                case "years" -> value = t.getYear();
                case "months" -> value = t.getMonthValue();
                case "monthdays" -> value = t.getDayOfMonth();
                case "hours" -> value = t.getHour();
                case "minutes" -> value = t.getMinute();
                case "seconds" -> value = t.getSecond();
                case "yeardays" -> value = t.getDayOfYear();
                case "weekdays" -> value = t.getDayOfWeek().getValue();
                case "weekyears" -> value = t.get(IsoFields.WEEK_BASED_YEAR);
                case "weeks" -> value = t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                case "moon" -> value = moonPhase(t);
                default -> {
                    continue;
                }
            }
            if (!inRange(value, field.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean inRange(long value, String range) {
        String r = range.trim();
        int dash = r.indexOf('-', 1);
        if (dash < 0) {
            return value == Long.parseLong(r);
        }
        String low = r.substring(0, dash).trim();
        String high = r.substring(dash + 1).trim();
        return (low.isEmpty() || value >= Long.parseLong(low)) && (high.isEmpty() || value <= Long.parseLong(high));
    }

    /** Phase of the moon 0..7 (0 new, 4 full), as the classic date_spec "moon" field defines it. */
    private static long moonPhase(OffsetDateTime t) {
        double days = (t.toEpochSecond() / 86400.0) - 6.8; // 1970-01-07 was close to a new moon
        double lunation = 29.530588853;
        double phase = (days % lunation + lunation) % lunation;
        return Math.round(phase / lunation * 8) % 8;
    }
}
