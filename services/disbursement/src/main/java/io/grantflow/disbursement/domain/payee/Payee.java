package io.grantflow.disbursement.domain.payee;

import java.util.Objects;

/**
 * Where an applicant's awards are paid (ADR 0027). The first account disbursement sees for an
 * applicant is verified by itself only when its holder is the applicant's registered name; any
 * other, and any later different account, is UNVERIFIED until someone of the department checks
 * it, and that someone is never the person who set the account (four-eyes). While UNVERIFIED no
 * payment of the applicant is sent.
 *
 * @param changes how many times the account changed since disbursement first saw it: a verifier
 *     confirms the account they looked at, and a change in between makes their confirmation stale
 */
public record Payee(
        String applicantId,
        String registeredName,
        PayeeAccount account,
        long profileVersion,
        Status status,
        String changedBy,
        String verifiedBy,
        long changes) {

    /** Who verified an account whose holder is the registered name: no person, the rule itself. */
    public static final String BY_NAME_MATCH = "system:name-match";

    public enum Status {
        VERIFIED,
        UNVERIFIED
    }

    /** What the applicant's profile said when the application cleared a payment. */
    public record Snapshot(String registeredName, PayeeAccount account, long profileVersion, String changedBy) {
        public Snapshot {
            Objects.requireNonNull(account, "account");
        }
    }

    public Payee {
        Objects.requireNonNull(applicantId, "applicantId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(status, "status");
    }

    /** The first account seen for an applicant: verified by its name, or waiting for a person. */
    public static Payee firstSeen(String applicantId, Snapshot s) {
        boolean matches = HolderNames.match(s.account().accountName(), s.registeredName());
        return new Payee(
                applicantId,
                s.registeredName(),
                s.account(),
                s.profileVersion(),
                matches ? Status.VERIFIED : Status.UNVERIFIED,
                s.changedBy(),
                matches ? BY_NAME_MATCH : null,
                0);
    }

    /**
     * The payee after a later snapshot. An older profile version than the one recorded (answers
     * may arrive out of order) changes nothing. A different account is UNVERIFIED, whoever
     * verified the last; so is the same account once the registered name no longer matches its
     * holder and no person had verified it.
     */
    public Payee seen(Snapshot s) {
        if (s.profileVersion() < profileVersion) {
            return this;
        }
        if (!account.sameAs(s.account())) {
            return new Payee(
                    applicantId,
                    s.registeredName(),
                    s.account(),
                    s.profileVersion(),
                    Status.UNVERIFIED,
                    s.changedBy(),
                    null,
                    changes + 1);
        }
        boolean byName = BY_NAME_MATCH.equals(verifiedBy);
        if (status == Status.VERIFIED && byName && !HolderNames.match(account.accountName(), s.registeredName())) {
            return new Payee(
                    applicantId,
                    s.registeredName(),
                    account,
                    s.profileVersion(),
                    Status.UNVERIFIED,
                    s.changedBy(),
                    null,
                    changes + 1);
        }
        return new Payee(
                applicantId, s.registeredName(), account, s.profileVersion(), status, changedBy, verifiedBy, changes);
    }

    /**
     * A person's verification of the account number they looked at. Refused to the person who
     * set the account, and when the account is no longer the one they looked at; a verified
     * account verified again stays as it is.
     */
    public Payee verify(String verifier, String confirmedNumber) {
        Objects.requireNonNull(verifier, "verifier");
        if (!account.accountNumber().equals(confirmedNumber)) {
            throw new PayeeException(
                    PayeeException.ACCOUNT_CHANGED,
                    "所核对的账号与现有收款账户不一致（输错，或账户此后已变更），请重新核对",
                    "The number you checked is not the payee's account (mistyped, or the account changed since)."
                            + " Check it again");
        }
        if (status == Status.VERIFIED) {
            return this;
        }
        if (verifier.equals(changedBy)) {
            throw new PayeeException(
                    PayeeException.SAME_PERSON,
                    "变更收款账户的人不能核验该账户（双人复核）",
                    "The person who changed the account may not verify it (four-eyes)");
        }
        return new Payee(
                applicantId, registeredName, account, profileVersion, Status.VERIFIED, changedBy, verifier, changes);
    }

    public boolean verified() {
        return status == Status.VERIFIED;
    }
}
