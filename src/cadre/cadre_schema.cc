#include "cadre/cadre_schema.h"

namespace xr::cadre {

std::vector<store::Migration> Migrations() {
  return {
      {2026112703, "cadre: basic record", R"sql(
CREATE TABLE cadres (
  id {{IDENTITY}},
  name TEXT NOT NULL,
  gender TEXT NOT NULL CHECK (gender IN ('男', '女')),
  birth_month TEXT NOT NULL,
  ethnicity TEXT NOT NULL,
  party TEXT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  post TEXT NOT NULL,
  rank TEXT NOT NULL,
  managing_body TEXT NOT NULL,
  sort_order BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX cadres_unit ON cadres(unit_id, sort_order);
CREATE INDEX cadres_name ON cadres(name);
)sql",
       ""},
      {2026112805, "cadre: managing unit (管理权限) for the managed-by data scope", R"sql(
ALTER TABLE cadres ADD COLUMN managing_unit_id BIGINT REFERENCES units(id);
CREATE INDEX cadres_managing_unit ON cadres(managing_unit_id);
)sql",
       ""},
      // 公民身份号码, only as sealed text "v1:<data key id>:<base64>" (crypto/sealed.h).
      {2026112831, "cadre: id_number sealed with the managing unit's data key", R"sql(
ALTER TABLE cadres ADD COLUMN id_number_sealed TEXT;
)sql",
       ""},
  };
}

}  // namespace xr::cadre
