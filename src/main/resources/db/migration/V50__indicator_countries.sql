-- Where each indicator is: a row per country it is placed in (a CIDR block may span several), with who placed it
-- there (the IP table of a date, the vendor, a ccTLD hint, a coordinator). An indicator without a row is unplaced.
create table indicator_country (
  indicator_id bigint      not null references indicator (id),
  country      varchar(2)  not null,
  placed_by    varchar(16) not null,
  source_label varchar(64) not null,
  primary key (indicator_id, country)
);
create index ix_indicator_country_country on indicator_country (country, indicator_id);
