package io.grantflow.applications.domain.calendar;

import io.grantflow.platform.text.Bilingual;

/** A calendar file that cannot be used: names the file and the line, in Chinese and English. */
public final class CalendarFileException extends RuntimeException {
    private final String file;
    private final int line;
    private final Bilingual problem;

    public CalendarFileException(String file, int line, Bilingual problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem.en());
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem is the file as a whole (a missing key, two files of one year). */
    public int line() {
        return line;
    }

    public Bilingual problem() {
        return problem;
    }
}
