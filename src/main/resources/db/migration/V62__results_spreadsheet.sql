-- Results by spreadsheet (issue 22): a mail may carry more than one document (the national assignment brief and the
-- unit's results list), and a unit's uploaded results list waits here between its preview and its confirmation.

-- Documents sent with a notice beside its first (notice.attachment_document_id), in order.
create table notice_attachment (
  notice_id   bigint  not null references notice (id),
  position    integer not null,
  document_id bigint  not null references document (id),
  primary key (notice_id, position)
);

-- An uploaded results workbook, read and shown but not yet recorded; deleted when recorded (the file name and its
-- SHA-256 then stay in result_report) or when left unconfirmed for a day.
create table result_upload (
  id           varchar(32)   primary key,
  operation_id bigint        not null references operation (id),
  country      varchar(2)    not null,
  uploaded_by  varchar(254)  not null,
  uploaded_at  timestamp with time zone not null,
  file_name    varchar(255)  not null,
  file_sha256  varchar(64)   not null,
  size_bytes   bigint        not null,
  content      blob          not null
);
create index ix_result_upload_uploaded_at on result_upload (uploaded_at);
