-- MUTUAL_ASSISTANCE (17 characters) did not fit the follow-up columns of V70.
alter table provider_request alter column follow_up set data type varchar(32);
alter table provider_request_step alter column step_value set data type varchar(32);
