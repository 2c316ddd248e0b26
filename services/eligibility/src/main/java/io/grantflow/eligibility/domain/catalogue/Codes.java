package io.grantflow.eligibility.domain.catalogue;

import java.util.AbstractList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;

/**
 * A list of codes as the catalogue orders them (districts, beneficiary kinds, an enum's values),
 * read-only, whose {@code contains} is a hash look-up: every evaluation asks it.
 */
public final class Codes extends AbstractList<String> implements RandomAccess {
    private final List<String> codes;
    private final Set<String> lookup;

    private Codes(Collection<String> codes) {
        this.codes = List.copyOf(codes);
        this.lookup = new HashSet<>(this.codes);
    }

    public static Codes of(Collection<String> codes) {
        return codes instanceof Codes c ? c : new Codes(codes);
    }

    @Override
    public String get(int index) {
        return codes.get(index);
    }

    @Override
    public int size() {
        return codes.size();
    }

    @Override
    public boolean contains(Object code) {
        return lookup.contains(code);
    }
}
