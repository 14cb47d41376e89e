#include "jobs/job_schema.h"

#include <string>

namespace xr::jobs {
namespace {

// One text for both engines but for the file's column type (BLOB / BYTEA). The PostgreSQL
// variant is used as written, so it is expanded here.
std::string JobsTable(std::string_view bytes_type) {
  std::string sql = R"sql(
CREATE TABLE jobs (
  id {{IDENTITY}},
  owner_user_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  done BIGINT NOT NULL DEFAULT 0,
  total BIGINT NOT NULL DEFAULT 0,
  message TEXT NOT NULL DEFAULT '',
  summary_json TEXT NOT NULL DEFAULT '{}',
  file_name TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL DEFAULT '',
  file_bytes @BYTES@,
  created_at TEXT {{BYTEWISE}} NOT NULL,
  finished_at TEXT {{BYTEWISE}},
  cancel_requested INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX jobs_owner ON jobs(owner_user_id, id);
CREATE INDEX jobs_finished ON jobs(finished_at);
CREATE INDEX jobs_state ON jobs(state);
)sql";
  sql.replace(sql.find("@BYTES@"), 7, bytes_type);
  return sql;
}

}  // namespace

// Jobs are not referenced by anything and reference nothing: owner_user_id is the account that
// started the job (0 for the console operator), kept without a foreign key so that a job row
// never blocks anything about accounts; rows expire after the retention period anyway.
// Timestamps are RFC 3339 UTC text, so they compare bytewise.
std::vector<store::Migration> Migrations() {
  return {
      {2026112960, "jobs: background jobs (progress, cancel request, result file)",
       JobsTable("BLOB"), store::ExpandDialectWords(JobsTable("BYTEA"), store::Dialect::kPostgres)},
  };
}

}  // namespace xr::jobs
