-- The TLP at which the legal decision released the operation to national units (null until then:
-- units then read at the operation's own TLP). Kept beside the operation so that every surface a
-- unit reads marks it the same, without a look into the engine's variables.
alter table operation add column release_tlp varchar(20);
