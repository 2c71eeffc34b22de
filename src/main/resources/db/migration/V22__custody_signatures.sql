-- Each custody entry written from now on carries the signature of its chain head, made with the custody key that
-- lives outside the database (docs/custody.md, "Anchoring"). Entries written before have none: the first start signs
-- and publishes the head they end in, as "adopted".
alter table custody_event add column signature varchar(200);
alter table custody_event add column key_id varchar(16);
