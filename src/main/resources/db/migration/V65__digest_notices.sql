-- Digests (issue 22): the coordinators' weekly digest and a unit's daily digest span operations, so such a notice
-- belongs to no one operation or process instance. It names its digest instead (kind, country, period), and a digest
-- is recorded once per recipient: running the schedule again for the same period records nothing.
alter table notice alter column operation_id drop not null;
alter table notice alter column process_instance_id drop not null;
alter table notice add column digest varchar(64);
create unique index ux_notice_digest on notice (digest, recipient);
