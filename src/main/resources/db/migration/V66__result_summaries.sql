-- Each operation's result figures kept added up (result/ResultSummaries), so that the programme view of a period is
-- read from a few rows per operation instead of every indicator. Derived data: rewritten whole per operation at each
-- change; filled here for the operations that exist.
create table result_summary (
  operation_id bigint       not null references operation (id),
  dimension    varchar(16)  not null,
  item         varchar(100) not null,
  routed       bigint       not null,
  reported     bigint       not null,
  positive     bigint       not null,
  primary key (operation_id, dimension, item)
);

create table result_time (
  operation_id bigint      not null references operation (id),
  country      varchar(2)  not null,
  measure      varchar(16) not null,
  seconds      bigint      not null,
  results      bigint      not null,
  primary key (operation_id, country, measure, seconds)
);

insert into result_summary (operation_id, dimension, item, routed, reported, positive)
  select i.operation_id, 'COUNTRY', ic.country, count(*), count(r.indicator_id), coalesce(sum(case when r.positive then 1 else 0 end), 0)
  from indicator i join indicator_country ic on ic.indicator_id = i.id
  left join indicator_result r on r.indicator_id = ic.indicator_id and r.country = ic.country
  where not exists (select 1 from indicator_unrouted u where u.indicator_id = i.id)
  group by i.operation_id, ic.country;

insert into result_summary (operation_id, dimension, item, routed, reported, positive)
  select i.operation_id, 'TYPE', i.type, count(*), count(rr.indicator_id), coalesce(sum(rr.positive), 0)
  from indicator i
  left join (select r.indicator_id, max(case when r.positive then 1 else 0 end) as positive from indicator_result r group by r.indicator_id) rr
    on rr.indicator_id = i.id
  where exists (select 1 from indicator_country ic where ic.indicator_id = i.id)
    and not exists (select 1 from indicator_unrouted u where u.indicator_id = i.id)
  group by i.operation_id, i.type;

insert into result_summary (operation_id, dimension, item, routed, reported, positive)
  select i.operation_id, 'VENDOR', t.submitter, count(*), count(rr.indicator_id), coalesce(sum(rr.positive), 0)
  from indicator i join tip t on t.id = i.tip_id
  left join (select r.indicator_id, max(case when r.positive then 1 else 0 end) as positive from indicator_result r group by r.indicator_id) rr
    on rr.indicator_id = i.id
  where exists (select 1 from indicator_country ic where ic.indicator_id = i.id)
    and not exists (select 1 from indicator_unrouted u where u.indicator_id = i.id)
  group by i.operation_id, t.submitter;

insert into result_summary (operation_id, dimension, item, routed, reported, positive)
  select r.operation_id, 'STATUS', r.status, count(*), count(*), coalesce(sum(case when r.positive then 1 else 0 end), 0)
  from indicator_result r group by r.operation_id, r.status;

insert into result_time (operation_id, country, measure, seconds, results)
  select r.operation_id, r.country, 'FIRST_ACTION', case when r.first_action_seconds < 86400 then ((r.first_action_seconds + 30) / 60) * 60 else (r.first_action_seconds / 3600) * 3600 end, count(*)
  from indicator_result r
  group by r.operation_id, r.country, case when r.first_action_seconds < 86400 then ((r.first_action_seconds + 30) / 60) * 60 else (r.first_action_seconds / 3600) * 3600 end;

insert into result_time (operation_id, country, measure, seconds, results)
  select r.operation_id, r.country, 'TAKEDOWN', case when r.takedown_seconds < 86400 then ((r.takedown_seconds + 30) / 60) * 60 else (r.takedown_seconds / 3600) * 3600 end, count(*)
  from indicator_result r where r.takedown_seconds is not null
  group by r.operation_id, r.country, case when r.takedown_seconds < 86400 then ((r.takedown_seconds + 30) / 60) * 60 else (r.takedown_seconds / 3600) * 3600 end;
