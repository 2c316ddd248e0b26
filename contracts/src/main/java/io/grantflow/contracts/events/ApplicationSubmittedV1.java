package io.grantflow.contracts.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An applicant submitted an application for one programme with its facts. {@code revision} is 0
 * for the submission and n for the facts as corrected in answer to the n-th correction notice
 * (补正): eligibility evaluates each revision once, as of the first submission's date, and a
 * later revision replaces an earlier evaluation. Absent in messages published before it existed: 0.
 */
public record ApplicationSubmittedV1(
        UUID applicationId,
        String programme,
        Applicant applicant,
        Map<String, Object> facts,
        Instant submittedAt,
        int revision) {

    /** The submission itself (revision 0). */
    public ApplicationSubmittedV1(
            UUID applicationId, String programme, Applicant applicant, Map<String, Object> facts, Instant submittedAt) {
        this(applicationId, programme, applicant, facts, submittedAt, 0);
    }
}
