-- The policy catalogue as the eligibility service publishes it (ProgrammePublishedV1, compacted
-- topic eligibility.catalogue.events): the latest word per programme code. Services that check
-- codes and facts against the catalogue read it from here; the others leave it empty.
CREATE TABLE programme_directory (
    code              VARCHAR(44)  PRIMARY KEY,
    catalogue_version VARCHAR(64)  NOT NULL,
    name_zh           VARCHAR(200) NOT NULL,
    name_en           VARCHAR(200) NOT NULL,
    administered      BOOLEAN      NOT NULL,
    departments       TEXT         NOT NULL,   -- JSON array of department codes
    beneficiary_kinds TEXT         NOT NULL,   -- JSON array
    flags             TEXT         NOT NULL,   -- JSON array
    facts_schema      TEXT         NOT NULL,   -- JSON Schema of an application's facts
    published_at      TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);
