-- Work that every node of a cluster schedules at the same time (the nightly custody check) runs on
-- one node only: the node whose row for that run is written first does it, the others skip.
-- Rows are kept as the record of when and where each run took place.
create table scheduled_run (
  job_name   varchar(64)  not null,
  slot       timestamp with time zone not null,
  node       varchar(255) not null,
  started_at timestamp with time zone not null,
  primary key (job_name, slot)
);
