package io.grantflow.platform.validation;

import io.grantflow.platform.text.Bilingual;

/**
 * The rules of {@link CleanText} as plain code, for text that arrives outside a bean (facts,
 * path segments). Every problem is a message in Chinese and English.
 */
public final class TextRules {
    private TextRules() {}

    /** What is wrong with {@code value}, or null when it is acceptable. */
    public static Bilingual problem(String value, int max, boolean multiline) {
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            return Bilingual.of("最多" + max + "个字符", "at most " + max + " characters");
        }
        boolean visible = false;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (c == 0) {
                return Bilingual.of("不得包含空字符（NUL）", "must not contain NUL");
            }
            if (Character.getType(c) == Character.CONTROL && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
                return Bilingual.of("不得包含控制字符", "must not contain control characters");
            }
            if (Character.getType(c) == Character.SURROGATE) {
                return Bilingual.of("包含无效的字符编码", "contains an invalid character encoding");
            }
            if (isBidiControl(c)) {
                return Bilingual.of("不得包含文字方向控制字符", "must not contain bidirectional control characters");
            }
            if (!visible && !Character.isWhitespace(c) && !Character.isSpaceChar(c) && !invisible(c)) {
                visible = true;
            }
        }
        if (!visible) {
            return Bilingual.of("不能为空或仅含空白字符", "must not be blank or only invisible characters");
        }
        return null;
    }

    /** Format characters (zero-width space and joiners, BOM, soft hyphen …) show nothing. */
    private static boolean invisible(int c) {
        return Character.getType(c) == Character.FORMAT
                || c == 0x3164
                || c == 0x115F
                || c == 0x1160
                || c == 0xFFA0
                || c == 0x2800;
    }

    private static boolean isBidiControl(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E || c == 0x200F || c == 0x061C;
    }
}
