package io.grantflow.applications.application;

import io.grantflow.applications.domain.calendar.CalendarFile;
import io.grantflow.applications.domain.calendar.CalendarFileException;
import io.grantflow.applications.domain.calendar.CalendarYear;
import io.grantflow.applications.domain.calendar.WorkingDayCalendar;
import io.grantflow.platform.text.Bilingual;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the working-day calendar shipped in the service ({@code calendar/calendars.txt} and the
 * files it lists, format in {@code services/applications/CALENDAR.md}); the parsing itself is
 * the domain's ({@link CalendarFile}). Plain Java, so the application layer can make it a bean
 * when the procedure is wired, and a test can load it without Quarkus.
 */
public final class WorkingCalendars {
    /** The list of calendar files, one name a line, relative to its folder. */
    public static final String INDEX = "calendar/calendars.txt";

    private WorkingCalendars() {}

    /** The calendar the service ships: 2025 and 2026 official, 2027 provisional until its notice is out. */
    public static WorkingDayCalendar shipped() {
        return load(WorkingCalendars.class.getClassLoader(), INDEX);
    }

    /** The years an index lists, each parsed and checked; a broken or missing file stops the load with its name and line. */
    public static WorkingDayCalendar load(ClassLoader loader, String index) {
        return WorkingDayCalendar.of(years(loader, index));
    }

    static List<CalendarYear> years(ClassLoader loader, String index) {
        String folder = index.contains("/") ? index.substring(0, index.lastIndexOf('/') + 1) : "";
        List<CalendarYear> years = new ArrayList<>();
        for (String line : lines(loader, index)) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            years.add(CalendarFile.parse(folder + name, lines(loader, folder + name)));
        }
        return years;
    }

    private static List<String> lines(ClassLoader loader, String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new CalendarFileException(resource, 0, Bilingual.of("找不到日历文件", "calendar file not found"));
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
