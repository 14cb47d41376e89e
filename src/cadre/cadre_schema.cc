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
      // Keys for finding and ordering (search_keys.h): 姓氏笔画 collation key (hex, compared
      // bytewise), 拼音首字母, and the blind index of the ID number — one number, one cadre.
      // Rows stored before are filled by BackfillSearchKeys (migrate and serve).
      {2026112930, "cadre: search keys (stroke order, pinyin initials, ID number index)", R"sql(
ALTER TABLE cadres ADD COLUMN name_sort_key TEXT {{BYTEWISE}};
ALTER TABLE cadres ADD COLUMN name_initials TEXT {{BYTEWISE}};
ALTER TABLE cadres ADD COLUMN id_number_index TEXT;
CREATE INDEX cadres_name_sort_key ON cadres(name_sort_key, id);
CREATE INDEX cadres_name_initials ON cadres(name_initials);
CREATE UNIQUE INDEX cadres_id_number_index ON cadres(id_number_index)
  WHERE id_number_index IS NOT NULL;
)sql",
       ""},
  };
}

}  // namespace xr::cadre
