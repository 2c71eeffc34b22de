-- Issue 24: results "per vendor" are per vendor organisation, the one whose tip brought the indicator (the tip's
-- operation's vendor), no longer per submitting user; the kept sums (V66, result/ResultSummaries) are counted again so.
delete from result_summary where dimension = 'VENDOR';

insert into result_summary (operation_id, dimension, item, routed, reported, positive)
  select i.operation_id, 'VENDOR', tov.vendor, count(*), count(rr.indicator_id), coalesce(sum(rr.positive), 0)
  from indicator i join tip t on t.id = i.tip_id join operation tov on tov.id = t.operation_id
  left join (select r.indicator_id, max(case when r.positive then 1 else 0 end) as positive from indicator_result r group by r.indicator_id) rr
    on rr.indicator_id = i.id
  where exists (select 1 from indicator_country ic where ic.indicator_id = i.id)
    and not exists (select 1 from indicator_unrouted u where u.indicator_id = i.id)
  group by i.operation_id, tov.vendor;
