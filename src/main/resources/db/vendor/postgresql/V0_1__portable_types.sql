-- The migrations name large text and binary columns clob and blob, as H2 and the SQL standard do;
-- PostgreSQL calls them text and bytea. These two names let the same migrations run on both.
create domain clob as text;
create domain blob as bytea;
