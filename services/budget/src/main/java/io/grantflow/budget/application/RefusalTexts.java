package io.grantflow.budget.application;

import io.grantflow.budget.domain.AccountKind;
import io.grantflow.budget.domain.Refusal;
import io.grantflow.budget.persistence.LedgerStore;
import java.math.BigDecimal;

/** What a refusal says to a person, in Chinese and in English. */
public final class RefusalTexts {
    private RefusalTexts() {}

    public static String[] of(Refusal f, int fiscalYear) {
        String headroom = zh(f.unit(), f.headroom());
        String requested = zh(f.unit(), f.requested());
        String headroomEn = en(f.unit(), f.headroom());
        String requestedEn = en(f.unit(), f.requested());
        return switch (f.code()) {
            case Refusal.NO_BUDGET ->
                new String[] {
                    fiscalYear + "财年预算尚未下达（账户 " + f.account() + "）。",
                    "No budget has been set for fiscal year " + fiscalYear + " (account " + f.account() + ")."
                };
            case Refusal.CEILING_EXCEEDED ->
                new String[] {
                    "超过测算上限：上限" + headroom + "，申请" + requested + "。",
                    "Above the award's ceiling: ceiling " + headroomEn + ", requested " + requestedEn + "."
                };
            default ->
                new String[] {
                    "超过限额 " + f.account() + "：剩余额度" + headroom + "，申请" + requested + "。",
                    "Limit " + f.account() + " would be exceeded: headroom " + headroomEn + ", requested " + requestedEn
                            + "."
                };
        };
    }

    /** An amount in its unit as a decimal (yuan, or a count). */
    public static BigDecimal decimal(AccountKind.Unit unit, long units) {
        return LedgerStore.decimal(unit, units);
    }

    private static String zh(AccountKind.Unit unit, long units) {
        return unit == AccountKind.Unit.FEN ? LedgerStore.decimal(unit, units).toPlainString() + "元" : units + "次";
    }

    private static String en(AccountKind.Unit unit, long units) {
        return unit == AccountKind.Unit.FEN
                ? LedgerStore.decimal(unit, units).toPlainString() + " CNY"
                : units + (units == 1 ? " award" : " awards");
    }
}
