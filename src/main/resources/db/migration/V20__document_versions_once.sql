-- A document's file name carries its operation, kind, country and version: unique, so two
-- generations of the same document at the same moment cannot both take one version number.
-- Names taken twice before this (a race the database did not stop) keep their first row's name.
update document set file_name = file_name || '-' || id
  where id not in (select min(id) from document group by file_name);
create unique index ux_document_file_name on document (file_name);
