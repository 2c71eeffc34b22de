-- Issue 23: a national unit's page for one operation and country, reached from every mail it is sent. Unlike an action
-- link it is used many times (it shows state and links to actions); it names the unit's address it was issued to, so
-- it stops working when the country is reassigned to another unit, when the operation is withdrawn, and some days
-- after the operation ends (takedown.units.page-validity-after-end). The token's HMAC is not stored: it is computed.
create table unit_page (
  nonce          varchar(32)   primary key,
  operation_id   bigint        not null references operation (id),
  country        varchar(2)    not null,
  recipient      varchar(254)  not null,
  language       varchar(3),
  created_at     timestamp with time zone not null,
  views          integer       not null default 0,
  last_viewed_at timestamp with time zone,
  revoked_at     timestamp with time zone,
  unique (operation_id, country, recipient)
);
