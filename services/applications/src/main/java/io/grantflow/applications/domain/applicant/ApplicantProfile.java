package io.grantflow.applications.domain.applicant;

import java.time.Instant;
import java.util.List;

/**
 * One applicant's file (一企一档): its unified social credit code, the kind of beneficiary it is
 * and its district (codes of the published vocabulary), its name, contacts and the bank account
 * its awards are paid to (kept here, verified by disbursement). {@code version} counts its changes.
 */
public record ApplicantProfile(
        String creditCode,
        String beneficiaryKind,
        String district,
        String name,
        List<Contact> contacts,
        BankAccount bankAccount,
        long version,
        String createdBy,
        Instant createdAt,
        String updatedBy,
        Instant updatedAt) {
    /** Someone to reach at the applicant about its applications. */
    public record Contact(String name, String title, String phone, String email) {}

    /** The account awards are paid to; absent until the applicant gives it. */
    public record BankAccount(String bankName, String accountName, String accountNumber) {
        /** The same account with every digit but the last four hidden, for listings. */
        public BankAccount masked() {
            return new BankAccount(bankName, accountName, AccountNumbers.mask(accountNumber));
        }
    }

    /** At most this many contacts. */
    public static final int MAX_CONTACTS = 5;
}
