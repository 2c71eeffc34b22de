-- A notice cancelled because the operation was withdrawn before it went out.
alter table notice add column cancelled_at timestamp with time zone;
