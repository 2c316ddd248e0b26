-- Who last set or changed the profile's bank account, apart from who last edited the profile:
-- disbursement's four-eyes verification refuses this person (ADR 0027). Rows from before this
-- column take their last editor, the best that is known of them.
ALTER TABLE applicant_profile ADD COLUMN bank_account_changed_by VARCHAR(200);
UPDATE applicant_profile SET bank_account_changed_by = updated_by WHERE bank_account_number IS NOT NULL;
