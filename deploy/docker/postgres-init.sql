-- Run once by the postgres image on an empty data directory (/docker-entrypoint-initdb.d).
-- One LOGIN role and one database per service, owned by it; the password is the role name
-- (development only, as in deploy/local).
CREATE ROLE applications LOGIN PASSWORD 'applications';
CREATE DATABASE applications OWNER applications;

CREATE ROLE eligibility LOGIN PASSWORD 'eligibility';
CREATE DATABASE eligibility OWNER eligibility;

CREATE ROLE budget LOGIN PASSWORD 'budget';
CREATE DATABASE budget OWNER budget;

CREATE ROLE disbursement LOGIN PASSWORD 'disbursement';
CREATE DATABASE disbursement OWNER disbursement;

CREATE ROLE notifications LOGIN PASSWORD 'notifications';
CREATE DATABASE notifications OWNER notifications;
