package io.grantflow.disbursement.domain.payee;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Compares an account holder's name with a registered name as a bank would: full-width forms
 * (（）, full-width letters and digits, the ideographic space) are their half-width selves, runs of
 * white space are one space, case is ignored and the ends trimmed. Nothing else is forgiven: a
 * different character is a different name.
 */
public final class HolderNames {
    private HolderNames() {}

    public static String normalise(String name) {
        if (name == null) {
            return "";
        }
        // NFKC folds full-width brackets, letters, digits and the ideographic space to their ASCII forms
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC);
        return folded.replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
    }

    public static boolean match(String accountName, String registeredName) {
        String a = normalise(accountName);
        return !a.isEmpty() && a.equals(normalise(registeredName));
    }
}
