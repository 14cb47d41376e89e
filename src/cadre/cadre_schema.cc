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
      // The full dossier (dossier.h, dossier_repository.h). The current state is relational: the
      // basic fields on `cadres` (post / rank / post_start_month kept from the current posts and
      // ranks for lists and statistics), one row per sub-record item in order; the confidential
      // parts sealed as JSON (family_sealed, personal_matters_sealed). Months "YYYY-MM" and days
      // "YYYY-MM-DD" compare bytewise. Rows written before keep version 1 and no created_at.
      {2026112900, "cadre: full dossier (basic fields, sub-records, change log)", R"sql(
ALTER TABLE cadres ADD COLUMN gender_code TEXT NOT NULL DEFAULT '';
ALTER TABLE cadres ADD COLUMN ethnicity_code TEXT NOT NULL DEFAULT '';
ALTER TABLE cadres ADD COLUMN native_place TEXT NOT NULL DEFAULT '';
ALTER TABLE cadres ADD COLUMN native_place_code TEXT NOT NULL DEFAULT '';
ALTER TABLE cadres ADD COLUMN birth_place TEXT NOT NULL DEFAULT '';
ALTER TABLE cadres ADD COLUMN birth_place_code TEXT NOT NULL DEFAULT '';
ALTER TABLE cadres ADD COLUMN party_code TEXT NOT NULL DEFAULT '';
ALTER TABLE cadres ADD COLUMN party_join_month TEXT {{BYTEWISE}};
ALTER TABLE cadres ADD COLUMN party_join_age_confirmed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cadres ADD COLUMN work_start_month TEXT {{BYTEWISE}};
ALTER TABLE cadres ADD COLUMN health TEXT NOT NULL DEFAULT '';
ALTER TABLE cadres ADD COLUMN health_code TEXT NOT NULL DEFAULT '';
ALTER TABLE cadres ADD COLUMN professional_title TEXT NOT NULL DEFAULT '';
ALTER TABLE cadres ADD COLUMN expertise TEXT NOT NULL DEFAULT '';
ALTER TABLE cadres ADD COLUMN status TEXT NOT NULL DEFAULT '在职';
ALTER TABLE cadres ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE cadres ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE cadres ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
ALTER TABLE cadres ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE cadres ADD COLUMN post_start_month TEXT {{BYTEWISE}};
ALTER TABLE cadres ADD COLUMN family_sealed TEXT;
ALTER TABLE cadres ADD COLUMN personal_matters_sealed TEXT;
CREATE INDEX cadres_post_start ON cadres(post_start_month, id);
CREATE TABLE cadre_education (
  id {{IDENTITY}},
  cadre_id BIGINT NOT NULL REFERENCES cadres(id),
  item_order INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('全日制', '在职')),
  level TEXT NOT NULL,
  level_code TEXT NOT NULL,
  degree TEXT NOT NULL,
  degree_code TEXT NOT NULL,
  school_and_major TEXT NOT NULL,
  start_month TEXT {{BYTEWISE}},
  end_month TEXT {{BYTEWISE}}
);
CREATE INDEX cadre_education_cadre ON cadre_education(cadre_id, item_order);
CREATE TABLE cadre_resume (
  id {{IDENTITY}},
  cadre_id BIGINT NOT NULL REFERENCES cadres(id),
  item_order INTEGER NOT NULL,
  parent_order INTEGER,
  start_month TEXT {{BYTEWISE}} NOT NULL,
  end_month TEXT {{BYTEWISE}},
  kind TEXT NOT NULL CHECK (kind IN ('work', 'study')),
  unit TEXT NOT NULL,
  post TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX cadre_resume_cadre ON cadre_resume(cadre_id, item_order);
CREATE TABLE cadre_posts (
  id {{IDENTITY}},
  cadre_id BIGINT NOT NULL REFERENCES cadres(id),
  item_order INTEGER NOT NULL,
  unit_id BIGINT REFERENCES units(id),
  unit_name TEXT NOT NULL,
  title TEXT NOT NULL,
  is_main INTEGER NOT NULL,
  start_month TEXT {{BYTEWISE}} NOT NULL,
  end_month TEXT {{BYTEWISE}},
  document_number TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('选任', '委任', '聘任', '考任'))
);
CREATE INDEX cadre_posts_cadre ON cadre_posts(cadre_id, item_order);
CREATE INDEX cadre_posts_unit ON cadre_posts(unit_id);
CREATE TABLE cadre_ranks (
  id {{IDENTITY}},
  cadre_id BIGINT NOT NULL REFERENCES cadres(id),
  item_order INTEGER NOT NULL,
  rank TEXT NOT NULL,
  start_month TEXT {{BYTEWISE}} NOT NULL,
  end_month TEXT {{BYTEWISE}},
  document_number TEXT NOT NULL
);
CREATE INDEX cadre_ranks_cadre ON cadre_ranks(cadre_id, item_order);
CREATE TABLE cadre_assessments (
  id {{IDENTITY}},
  cadre_id BIGINT NOT NULL REFERENCES cadres(id),
  item_order INTEGER NOT NULL,
  year INTEGER NOT NULL,
  grade TEXT NOT NULL CHECK (grade IN ('优秀', '称职', '基本称职', '不称职', '不定等次')),
  note TEXT NOT NULL
);
CREATE INDEX cadre_assessments_cadre ON cadre_assessments(cadre_id, item_order);
CREATE TABLE cadre_rewards (
  id {{IDENTITY}},
  cadre_id BIGINT NOT NULL REFERENCES cadres(id),
  item_order INTEGER NOT NULL,
  reward_date TEXT {{BYTEWISE}} NOT NULL,
  is_sanction INTEGER NOT NULL,
  kind TEXT NOT NULL,
  issuer TEXT NOT NULL,
  reason TEXT NOT NULL,
  effect_end TEXT {{BYTEWISE}}
);
CREATE INDEX cadre_rewards_cadre ON cadre_rewards(cadre_id, item_order);
CREATE TABLE cadre_trainings (
  id {{IDENTITY}},
  cadre_id BIGINT NOT NULL REFERENCES cadres(id),
  item_order INTEGER NOT NULL,
  course TEXT NOT NULL,
  hours BIGINT NOT NULL,
  start_date TEXT {{BYTEWISE}} NOT NULL,
  end_date TEXT {{BYTEWISE}} NOT NULL,
  provider TEXT NOT NULL
);
CREATE INDEX cadre_trainings_cadre ON cadre_trainings(cadre_id, item_order);
CREATE TABLE cadre_changes (
  id {{IDENTITY}},
  cadre_id BIGINT NOT NULL REFERENCES cadres(id),
  version BIGINT NOT NULL,
  at TEXT {{BYTEWISE}} NOT NULL,
  actor TEXT NOT NULL,
  changes TEXT NOT NULL,
  confidential_fields TEXT NOT NULL DEFAULT '',
  confidential_changes_sealed TEXT,
  UNIQUE (cadre_id, version)
);
)sql",
       ""},
      // Photos (JPEG/PNG as uploaded, at most 5 MB), one per cadre.
      {2026112901, "cadre: photos", R"sql(
CREATE TABLE cadre_photos (
  cadre_id BIGINT PRIMARY KEY REFERENCES cadres(id),
  content_type TEXT NOT NULL,
  bytes BLOB NOT NULL,
  updated_at TEXT NOT NULL
);
)sql",
       R"sql(
CREATE TABLE cadre_photos (
  cadre_id BIGINT PRIMARY KEY REFERENCES cadres(id),
  content_type TEXT NOT NULL,
  bytes BYTEA NOT NULL,
  updated_at TEXT NOT NULL
);
)sql"},
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
      // dossier.h AppointmentForm (拟任/拟免职务, 任免理由, 呈报单位 …) as JSON: printed on the form
      // and carried by LRMX, never queried by its parts.
      {2026112940, "cadre: appointment part of the 任免审批表 (dossier.appointment)", R"sql(
ALTER TABLE cadres ADD COLUMN appointment TEXT NOT NULL DEFAULT '{}';
)sql",
       ""},
  };
}

}  // namespace xr::cadre
