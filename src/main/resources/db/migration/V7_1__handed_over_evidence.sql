-- The items of the package last handed over to a country, and the SHA-256 its unit reported for
-- each on receipt: small JSON values (a list, and a map item -> hash), shown in the API,
-- the tracker and the closure report.
alter table country_assignment add column evidence_items varchar(300000);
alter table country_assignment add column reported_sha256 varchar(300000);
alter table country_assignment add column receipt_answered_at timestamp with time zone;
