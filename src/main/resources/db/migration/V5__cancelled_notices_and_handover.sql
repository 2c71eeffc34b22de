-- A notice cancelled because the operation was withdrawn before it went out.
alter table notice add column cancelled_at timestamp with time zone;

-- A package is no longer marked PREPARED on its own: preparing and handing over are one step.
update country_assignment set handover_status = 'HANDED_OVER' where handover_status = 'PREPARED';
