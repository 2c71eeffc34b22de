-- Whether the vendor agreed to be named in the documents sent to national units (the tip's "attribution").
alter table operation add column attribution boolean default false not null;
