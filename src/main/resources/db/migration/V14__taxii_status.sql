-- TAXII 2.1 status resources of adds to the inbound collection, so that a client can poll them
-- after the add. The add and its status are stored in one transaction with the tip.
create table taxii_status (
  id                varchar(36)   primary key,
  requested_by      varchar(100)  not null,
  request_timestamp timestamp with time zone not null,
  operation_ref     varchar(32),
  total_count       integer       not null,
  success_count     integer       not null,
  failure_count     integer       not null,
  pending_count     integer       not null,
  -- the successes, failures and pendings lists as JSON (TAXII status-details objects)
  details           clob          not null
);
create index ix_taxii_status_requester on taxii_status (requested_by);
