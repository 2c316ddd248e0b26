package io.grantflow.eligibility.domain;

import io.grantflow.eligibility.domain.catalogue.DatedValue;
import io.grantflow.eligibility.domain.catalogue.Decimals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The wording of every trace step, in Chinese and English, keyed by the step: the rules pass the
 * numbers and names as arguments ({0}, {1}, …) and never build a sentence themselves. Numbers are
 * shown without trailing zeros; a {@link Note} (or the dated value itself) says from when a
 * parameter's value is in force.
 */
public enum TraceText {
    NOT_ADMINISTERED(
            "NOT_ADMINISTERED", "该项目另行制定政策或不属补助，不在本平台办理", "Not administered here: a separate policy or not a subsidy"),
    VALIDITY_IN("G1-VALIDITY", "评估日期 {0}，有效期 {1} 至 {2}", "as of {0}, policy valid {1} to {2}"),
    VALIDITY_OUT("G1-VALIDITY", "评估日期 {0}，有效期 {1} 至 {2}：不在有效期内", "as of {0}, policy valid {1} to {2}: outside"),
    JURISDICTION_IN("G2-JURISDICTION", "所在地 {0} 在适用范围内{1}", "district {0} is inside the jurisdiction{1}"),
    JURISDICTION_OUT("G2-JURISDICTION", "所在地 {0} 不在适用范围内{1}", "district {0} is outside the jurisdiction{1}"),
    BENEFICIARY_KIND("BENEFICIARY_KIND", "申请主体类型 {0} 不在 {1}", "kind {0} not in {1}"),
    ALLOWED_VALUES("ALLOWED_VALUES", "{0} = {1} 不在 {2}", "{0} = {1} is not one of {2}"),
    REQUIRED_FACTS("REQUIRED_FACTS", "缺少 {0}", "missing {0}"),
    CONDITION_MET("CONDITION", "{0} = {1} {2} {3} 满足{4}", "{0} = {1} {2} {3}: met{4}"),
    CONDITION_NOT_MET("CONDITION", "{0} = {1} {2} {3} 不满足{4}", "{0} = {1} {2} {3}: not met{4}"),
    NO_DOUBLE_DIPPING("G3-NO_DOUBLE_DIPPING", "项目 {0} 已获 {1} 支持，不得重复享受", "project {0} is already funded by {1}"),
    ONCE("ONCE", "首次/一次性：同一事项 {0} 已获支持", "first-time/one-off: already awarded for {0}"),
    EXCLUSIVE_GROUP("EXCLUSIVE_GROUP", "不重复享受：{0} 已就同一 {1} 获支持", "exclusive group {0} already awarded for {1}"),
    ANNUAL_COUNT("ANNUAL_COUNT", "本年度已获 {0} 次，上限 {1}{2}", "{0} awards this year, at most {1}{2}"),
    DISTINCT("DISTINCT", "{0} = {1} 本年度已获支持", "{0} = {1} already awarded this year"),
    ANNUAL_CAP("BENEFICIARY_PROGRAMME_YEAR", "上限 {0}，已用 {1}，剩余 {2}", "cap {0}, used {1}, left {2}"),
    CUMULATIVE_CAP("SUBJECT_CUMULATIVE", "上限 {0}，已用 {1}，剩余 {2}", "cap {0}, used {1}, left {2}"),
    COMBINED_CAP("BENEFICIARY_PROGRAMME_TOTAL", "上限 {0}，已用 {1}，剩余 {2}", "cap {0}, used {1}, left {2}"),
    ZERO_AMOUNT("ZERO_AMOUNT", "测算金额为零", "the computed amount is zero"),
    CEILING("CEILING", "测算上限 {0} 元（向下取整到分）", "ceiling {0} (rounded down to the fen)"),
    CASE_BY_CASE("CASE_BY_CASE", "一事一议，政策未规定金额", "case by case: the text names no amount"),
    RATE("RATE", "{0} × {1} {2} = {3}{4}", "{0} × {1} {2} = {3}{4}"),
    FIXED("FIXED", "最高 {0}{1}", "at most {0}{1}"),
    CAP("CAP", "最高 {0}，取 {1}{2}", "cap {0}, giving {1}{2}"),
    TIER_NONE("TIERS", "{0} = {1} 未达到任何档次{2}", "{0} = {1} meets no tier{2}"),
    TIER("TIERS", "{0} = {1}，档次 {2}：{3}{4}", "{0} = {1}, tier {2}: {3}{4}"),
    BRACKETS("BRACKETS", "{0} = {1}{2}", "{0} = {1}{2}"),
    BRACKETS_UPLIFT("BRACKETS", "{0} = {1}，上浮 {2}{3}{4}", "{0} = {1}, uplift {2}{3}{4}"),
    PART_FIRST_ONLY("PART_FIRST_ONLY", "首次奖励部分已享受", "the first-award part was already paid"),
    PART_CONDITION("PART_CONDITION", "{0} 未满足 {1} {2}", "{0} does not meet {1} {2}"),
    PART_ONCE("PART_ONCE", "{0} 部分已享受", "{0} part already paid"),
    PART_ONCE_YEAR("PART_ONCE", "{0} 部分已享受（本年度）", "{0} part already paid this year"),
    PER("PER", "{0} × {1}（{2}）= {3}", "{0} × {1} ({2}) = {3}"),
    STAGING("STAGING", "分 {0} 期拨付{1}", "{0} instalments{1}");

    /** A value of the catalogue shown as the file writes it ("0.30", "5000000.00"), not reduced. */
    public record Written(Object value) {}

    public static Written written(Object value) {
        return new Written(value);
    }

    /**
     * From when the value a step used is in force, and whether it is a default of PROGRAMMES.md,
     * with its words in each language. One per date and flag, made once: every step names one.
     */
    public static final class Note {
        /** A literal of the rule itself: nothing to note. */
        public static final Note NONE = new Note(null, false);

        private static final Map<LocalDate, Note[]> NOTES = new ConcurrentHashMap<>();

        private final LocalDate from;
        private final boolean isDefault;
        private final String zh;
        private final String en;

        private Note(LocalDate from, boolean isDefault) {
            this.from = from;
            this.isDefault = isDefault;
            this.zh = from == null ? "" : " [" + from + " 起" + (isDefault ? "，默认值" : "") + "]";
            this.en = from == null ? "" : " [from " + from + (isDefault ? ", default" : "") + "]";
        }

        public static Note of(LocalDate from, boolean isDefault) {
            if (from == null) {
                return NONE;
            }
            Note[] pair = NOTES.computeIfAbsent(from, d -> new Note[] {new Note(d, false), new Note(d, true)});
            return pair[isDefault ? 1 : 0];
        }

        public LocalDate from() {
            return from;
        }

        public boolean isDefault() {
            return isDefault;
        }
    }

    private final String rule;
    private final Object[] zh;
    private final Object[] en;

    TraceText(String rule, String zh, String en) {
        this.rule = rule;
        this.zh = compile(zh);
        this.en = compile(en);
    }

    /** The step code the trace names (several wordings may share one). */
    public String rule() {
        return rule;
    }

    public String zh(Object... args) {
        return render(zh, args, shown(args), true);
    }

    public String en(Object... args) {
        return render(en, args, shown(args), false);
    }

    /** Both sentences of one step; each argument is shown once for the two languages. */
    public TraceStep step(String clause, Object... args) {
        String[] shown = shown(args);
        return new TraceStep(rule, clause, render(zh, args, shown, true), render(en, args, shown, false));
    }

    /** The note an argument stands for: a note, or a dated value of the catalogue; null for any other argument. */
    private static Note note(Object arg) {
        if (arg instanceof Note n) {
            return n;
        }
        return arg instanceof DatedValue<?> v ? Note.of(v.from(), v.isDefault()) : null;
    }

    /** The arguments as a reader sees them, but for notes, which each language words itself. */
    private static String[] shown(Object[] args) {
        String[] shown = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof Written w) {
                shown[i] = w.value() instanceof BigDecimal d ? d.toPlainString() : String.valueOf(w.value());
            } else if (note(arg) == null) {
                shown[i] = Decimals.show(arg);
            }
        }
        return shown;
    }

    /** Texts and argument indexes, so that rendering is a walk rather than a parse. */
    private static Object[] compile(String template) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                parts.add(template.substring(i));
                break;
            }
            int close = template.indexOf('}', open);
            if (open > i) {
                parts.add(template.substring(i, open));
            }
            parts.add(Integer.parseInt(template.substring(open + 1, close)));
            i = close + 1;
        }
        return parts.toArray();
    }

    private static String render(Object[] parts, Object[] args, String[] shown, boolean zh) {
        // pieces joined once: exact length, and no widening when a Chinese piece follows a Latin one
        String[] pieces = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Object part = parts[i];
            if (part instanceof Integer index) {
                Note note = note(args[index]);
                pieces[i] = note != null ? zh ? note.zh : note.en : shown[index];
            } else {
                pieces[i] = (String) part;
            }
        }
        return String.join("", pieces);
    }
}
