-- Custody entries are evidence: nobody, the application's own role included, may change or remove one.
revoke update, delete, truncate on custody_event from public;
revoke update, delete, truncate on custody_event from current_user;
