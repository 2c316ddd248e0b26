-- What the catalogue last published per programme (ProgrammePublishedV1 on the compacted topic
-- eligibility.catalogue.events): a programme is published again only when its content changed.
CREATE TABLE catalogue_publication (
    code          VARCHAR(44)  PRIMARY KEY,
    content_hash  VARCHAR(64)  NOT NULL,
    published_at  TIMESTAMPTZ  NOT NULL
);
