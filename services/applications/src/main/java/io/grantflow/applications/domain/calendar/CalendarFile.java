package io.grantflow.applications.domain.calendar;

import io.grantflow.platform.text.Bilingual;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one calendar file (format: {@code services/applications/CALENDAR.md}): {@code key=value}
 * lines ({@code year}, {@code status}, {@code source_zh}, {@code source_en}, {@code published}),
 * then the header {@code from,to,kind,name_zh,name_en} and one row per entry. Blank lines and
 * lines starting with {@code #} are comments.
 *
 * <p>Plain text, read here by hand, so the domain needs no parser library. Every mistake a
 * typist can make when copying a notice is refused with the file and the line: a date that is
 * not a date, a range backwards or longer than any holiday, a make-up working day that is not a
 * Saturday or Sunday (it would change nothing, so it is a typo), a day listed twice, a date
 * outside the year (a notice may reach into the December before or the January after), and a
 * make-up working day in a provisional year (those come only from a notice: none is invented).
 */
public final class CalendarFile {
    static final String HEADER = "from,to,kind,name_zh,name_en";
    private static final Set<String> KEYS = Set.of("year", "status", "source_zh", "source_en", "published");
    /** Longest run of days off a notice has given (the 2026 Spring Festival is 9); anything longer is a typo. */
    private static final int LONGEST_ENTRY_DAYS = 15;

    private static final int LONGEST_TEXT = 200;

    private CalendarFile() {}

    public static CalendarYear parse(String file, List<String> lines) {
        Map<String, String> keys = new LinkedHashMap<>();
        List<CalendarEntry> entries = new ArrayList<>();
        List<Integer> entryLines = new ArrayList<>();
        boolean table = false;
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = strip(lines.get(i), i == 0);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!table) {
                if (line.equals(HEADER)) {
                    table = true;
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq < 0) {
                    throw problem(file, n, "应为“键=值”或表头 " + HEADER, "expected key=value or the header " + HEADER);
                }
                String key = line.substring(0, eq).trim();
                if (!KEYS.contains(key)) {
                    throw problem(file, n, "未知的键：" + key, "unknown key: " + key);
                }
                if (keys.put(key, line.substring(eq + 1).trim()) != null) {
                    throw problem(file, n, "键重复：" + key, "key given twice: " + key);
                }
                continue;
            }
            entries.add(entry(file, n, line));
            entryLines.add(n);
        }
        if (!table) {
            throw problem(file, 0, "缺少表头 " + HEADER, "the header " + HEADER + " is missing");
        }
        int year = year(file, keys);
        CalendarYear.Status status = status(file, keys);
        LocalDate published = published(file, keys, status);
        Bilingual source = Bilingual.of(required(file, keys, "source_zh"), required(file, keys, "source_en"));
        check(file, year, status, entries, entryLines);
        return new CalendarYear(year, status, source, published, entries, file);
    }

    private static CalendarEntry entry(String file, int n, String line) {
        String[] cells = line.split(",", -1);
        if (cells.length != 5) {
            throw problem(
                    file,
                    n,
                    "每行应有 5 列（" + HEADER + "），实有 " + cells.length + " 列；名称中不得含英文逗号",
                    "a row has 5 cells (" + HEADER + "), this one " + cells.length
                            + "; a name may not contain a comma");
        }
        LocalDate from = date(file, n, cells[0].trim(), "from");
        LocalDate to = date(file, n, cells[1].trim(), "to");
        if (to.isBefore(from)) {
            throw problem(file, n, "结束日期早于开始日期", "the range ends before it starts");
        }
        if (from.plusDays(LONGEST_ENTRY_DAYS).isBefore(to.plusDays(1))) {
            throw problem(
                    file,
                    n,
                    "一行最多 " + LONGEST_ENTRY_DAYS + " 天",
                    "a row spans at most " + LONGEST_ENTRY_DAYS + " days");
        }
        CalendarEntry.Kind kind = switch (cells[2].trim()) {
            case "holiday" -> CalendarEntry.Kind.HOLIDAY;
            case "workday" -> CalendarEntry.Kind.WORKDAY;
            default ->
                throw problem(
                        file,
                        n,
                        "kind 应为 holiday 或 workday：" + cells[2].trim(),
                        "kind must be holiday or workday: " + cells[2].trim());
        };
        String zh = text(file, n, cells[3], "name_zh");
        String en = text(file, n, cells[4], "name_en");
        if (kind == CalendarEntry.Kind.WORKDAY) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    throw problem(
                            file,
                            n,
                            "调休上班日 " + d + " 不是周六或周日（工作日本来就上班，应是录入错误）",
                            "make-up working day " + d
                                    + " is not a Saturday or Sunday (a weekday is worked anyway: a typo)");
                }
            }
        }
        return new CalendarEntry(from, to, kind, Bilingual.of(zh, en));
    }

    private static void check(
            String file, int year, CalendarYear.Status status, List<CalendarEntry> entries, List<Integer> lines) {
        // a notice may start the New Year holiday on 31 December, or end a year in January
        LocalDate first = LocalDate.of(year - 1, 12, 1);
        LocalDate last = LocalDate.of(year + 1, 1, 31);
        Map<LocalDate, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            CalendarEntry e = entries.get(i);
            int n = lines.get(i);
            if (e.from().isBefore(first) || e.to().isAfter(last)) {
                throw problem(
                        file,
                        n,
                        "日期不在 " + year + " 年（及其前后一个月）内",
                        "a date outside " + year + " (and the month either side)");
            }
            if (status == CalendarYear.Status.PROVISIONAL && e.kind() == CalendarEntry.Kind.WORKDAY) {
                throw problem(
                        file,
                        n,
                        "暂定年份不得列调休上班日：调休只来自国务院通知",
                        "a provisional year lists no make-up working day: those come only from the State Council's notice");
            }
            for (LocalDate d = e.from(); !d.isAfter(e.to()); d = d.plusDays(1)) {
                Integer before = seen.putIfAbsent(d, n);
                if (before != null) {
                    throw problem(file, n, d + " 已在第 " + before + " 行列出", d + " is already listed on line " + before);
                }
            }
        }
    }

    private static int year(String file, Map<String, String> keys) {
        String text = required(file, keys, "year");
        try {
            int year = Integer.parseInt(text);
            if (year < 2000 || year > 2100) {
                throw new NumberFormatException();
            }
            return year;
        } catch (NumberFormatException e) {
            throw problem(file, 0, "year 应为 2000–2100 的年份：" + text, "year must be a year from 2000 to 2100: " + text);
        }
    }

    private static CalendarYear.Status status(String file, Map<String, String> keys) {
        return switch (required(file, keys, "status")) {
            case "official" -> CalendarYear.Status.OFFICIAL;
            case "provisional" -> CalendarYear.Status.PROVISIONAL;
            default ->
                throw problem(file, 0, "status 应为 official 或 provisional", "status must be official or provisional");
        };
    }

    private static LocalDate published(String file, Map<String, String> keys, CalendarYear.Status status) {
        String text = keys.getOrDefault("published", "");
        if (text.isEmpty()) {
            if (status == CalendarYear.Status.OFFICIAL) {
                throw problem(
                        file,
                        0,
                        "正式年份须写明通知的发布日期（published）",
                        "an official year names the date its notice was published (published)");
            }
            return null;
        }
        return date(file, 0, text, "published");
    }

    private static String required(String file, Map<String, String> keys, String key) {
        String value = keys.get(key);
        if (value == null || value.isEmpty()) {
            throw problem(file, 0, "缺少 " + key, key + " is missing");
        }
        if (value.length() > LONGEST_TEXT) {
            throw problem(file, 0, key + " 过长", key + " is too long");
        }
        return value;
    }

    private static LocalDate date(String file, int n, String text, String what) {
        try {
            // ISO only: 2025-1-1 or 2025/01/01 are refused rather than guessed
            if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeParseException("not yyyy-MM-dd", text, 0);
            }
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw problem(file, n, what + " 不是 yyyy-MM-dd 格式的日期：" + text, what + " is not a yyyy-MM-dd date: " + text);
        }
    }

    private static String text(String file, int n, String cell, String what) {
        String text = cell.trim();
        if (text.isEmpty() || text.length() > LONGEST_TEXT) {
            throw problem(
                    file,
                    n,
                    what + " 不得为空，最多 " + LONGEST_TEXT + " 个字符",
                    what + " must not be empty and has at most " + LONGEST_TEXT + " characters");
        }
        return text;
    }

    /** Trims, and drops a byte-order mark an editor may have put at the start of the file. */
    private static String strip(String line, boolean first) {
        String s = first && line.startsWith("\uFEFF") ? line.substring(1) : line;
        return s.strip();
    }

    private static CalendarFileException problem(String file, int line, String zh, String en) {
        return new CalendarFileException(file, line, Bilingual.of(zh, en));
    }
}
