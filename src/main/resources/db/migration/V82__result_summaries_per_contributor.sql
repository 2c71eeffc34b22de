-- Issue 24: results per vendor count per contributing vendor organisation (indicator_report), no longer per submitting
-- user; an indicator two vendors reported counts for both. The kept sums of the VENDOR dimension are counted again so.
delete from result_summary where dimension = 'VENDOR';

insert into result_summary (operation_id, dimension, item, routed, reported, positive)
  select i.operation_id, 'VENDOR', c.organisation, count(distinct i.id),
    count(distinct case when rr.indicator_id is not null then i.id end), count(distinct case when rr.positive = 1 then i.id end)
  from indicator i join indicator_report ir on ir.indicator_id = i.id join operation_contributor c on c.id = ir.contributor_id
  left join (select r.indicator_id, max(case when r.positive then 1 else 0 end) as positive from indicator_result r
    group by r.indicator_id) rr on rr.indicator_id = i.id
  where i.operation_id in (select s.operation_id from result_summary s)
    and exists (select 1 from indicator_country ic where ic.indicator_id = i.id)
    and not exists (select 1 from indicator_unrouted u where u.indicator_id = i.id)
  group by i.operation_id, c.organisation;
