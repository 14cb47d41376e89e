#include "cadre/dossier_repository.h"

#include <algorithm>
#include <cstddef>
#include <set>

#include "cadre/dossier_json.h"
#include "cadre/text_index.h"
#include "crypto/sealed.h"
#include "store/multi_row_insert.h"

namespace xr::cadre {
namespace {

constexpr std::string_view kCadres = "cadres";
constexpr std::string_view kChanges = "cadre_changes";
constexpr std::string_view kChangesSealed = "confidential_changes_sealed";

std::string_view EducationKindLabel(EducationKind kind) {
  return kind == EducationKind::kInService ? "在职" : "全日制";
}
std::string_view ResumeKindName(ResumeKind kind) {
  return kind == ResumeKind::kStudy ? "study" : "work";
}

base::Result<std::optional<base::YearMonth>> OptionalMonth(const store::Row& row, size_t column) {
  if (row.IsNull(column)) return std::optional<base::YearMonth>();
  ASSIGN_OR_RETURN(base::YearMonth month, base::YearMonth::Parse(row.Text(column)));
  return std::optional<base::YearMonth>(month);
}

// 现任职务 as lists show it: the titles of the current posts, the main one first.
std::optional<std::string> CurrentPostText(const std::vector<Post>& posts) {
  if (posts.empty()) return std::nullopt;
  std::vector<const Post*> current;
  for (const Post& p : posts) {
    if (!p.end_month) current.push_back(&p);
  }
  std::stable_partition(current.begin(), current.end(), [](const Post* p) { return p->is_main; });
  std::string text;
  for (const Post* p : current) text += (text.empty() ? "" : "、") + p->title;
  return text;
}

// The current rank (the latest started of those without an end).
std::optional<std::string> CurrentRank(const std::vector<RankRecord>& ranks) {
  if (ranks.empty()) return std::nullopt;
  const RankRecord* current = nullptr;
  for (const RankRecord& r : ranks) {
    if (!r.end_month && (!current || current->start_month <= r.start_month)) current = &r;
  }
  return current ? current->rank : std::string();
}

// 任职时间 of the current main post, for sorting lists by it.
std::optional<base::YearMonth> PostStartMonth(const std::vector<Post>& posts) {
  for (const Post& p : posts) {
    if (p.is_main && !p.end_month) return p.start_month;
  }
  return std::nullopt;
}

constexpr std::string_view kSelect =
    "SELECT c.id, c.version, c.name, c.gender, c.gender_code, c.birth_month, c.ethnicity, "
    "c.ethnicity_code, c.native_place, c.native_place_code, c.birth_place, c.birth_place_code, "
    "c.party, c.party_code, c.party_join_month, c.party_join_age_confirmed, c.work_start_month, "
    "c.health, c.health_code, c.professional_title, c.expertise, c.unit_id, u.name, "
    "c.managing_body, c.managing_unit_id, c.sort_order, c.status, c.status_reason, "
    "c.id_number_sealed, c.family_sealed, c.personal_matters_sealed, "
    "CASE WHEN EXISTS (SELECT 1 FROM cadre_photos p WHERE p.cadre_id = c.id) THEN 1 ELSE 0 END, "
    "c.appointment "
    "FROM cadres c JOIN units u ON u.id = c.unit_id ";

base::Result<StoredDossier> ReadDossier(const store::Row& row) {
  StoredDossier stored;
  Dossier& d = stored.dossier;
  d.id = row.Id<CadreId>(0);
  d.version = row.Int(1);
  d.name = row.Text(2);
  d.gender = {row.Text(3), row.Text(4)};
  ASSIGN_OR_RETURN(d.birth_month, base::YearMonth::Parse(row.Text(5)));
  d.ethnicity = {row.Text(6), row.Text(7)};
  d.native_place = {row.Text(8), row.Text(9)};
  d.birth_place = {row.Text(10), row.Text(11)};
  d.party = {row.Text(12), row.Text(13)};
  ASSIGN_OR_RETURN(d.party_join_month, OptionalMonth(row, 14));
  d.party_join_age_confirmed = row.Bool(15);
  ASSIGN_OR_RETURN(d.work_start_month, OptionalMonth(row, 16));
  d.health = {row.Text(17), row.Text(18)};
  d.professional_title = row.Text(19);
  d.expertise = row.Text(20);
  d.unit_id = row.Id<org::UnitId>(21);
  d.unit_name = row.Text(22);
  d.managing_body = row.Text(23);
  if (!row.IsNull(24)) d.managing_unit_id = row.Id<org::UnitId>(24);
  d.sort_order = row.Int(25);
  auto status = PersonStatusFromLabel(row.Text(26));
  if (!status) return base::Internal("干部档案中的人员状态无法识别：" + row.Text(26));
  d.status = *status;
  d.status_reason = row.Text(27);
  stored.id_number_sealed = row.OptionalText(28);
  stored.family_sealed = row.OptionalText(29);
  stored.personal_matters_sealed = row.OptionalText(30);
  d.has_photo = row.Bool(31);
  ASSIGN_OR_RETURN(nlohmann::json appointment, ParseJsonText(row.Text(32), "appointment"));
  ASSIGN_OR_RETURN(d.appointment, DecodeAppointment(appointment));
  return stored;
}

std::vector<std::string> SplitNames(const std::string& text) {
  std::vector<std::string> names;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) names.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return names;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ",") + name;
  return text;
}

std::string ScopeOfUnit(std::optional<org::UnitId> managing_unit_id) {
  std::optional<std::int64_t> unit;
  if (managing_unit_id) unit = managing_unit_id->value();
  return crypto::ScopeForManagingUnit(unit);
}

}  // namespace

store::Params DossierBasicValues(const Dossier& d) {
  return {d.name,
          d.gender.label,
          d.gender.code,
          d.birth_month,
          d.ethnicity.label,
          d.ethnicity.code,
          d.native_place.text,
          d.native_place.division_code,
          d.birth_place.text,
          d.birth_place.division_code,
          d.party.label,
          d.party.code,
          d.party_join_month,
          d.party_join_age_confirmed,
          d.work_start_month,
          d.health.label,
          d.health.code,
          d.professional_title,
          d.expertise,
          d.unit_id,
          d.managing_body,
          d.managing_unit_id,
          d.sort_order,
          PersonStatusLabel(d.status),
          d.status_reason,
          CurrentPostText(d.posts),
          CurrentRank(d.ranks),
          PostStartMonth(d.posts),
          DumpJson(EncodeAppointment(d.appointment))};
}

base::Status DossierRepository::CheckUnits(const Dossier& d) {
  if (d.gender.label != "男" && d.gender.label != "女") {
    return base::InvalidArgument("性别应为男或女", "gender");
  }
  auto exists = [&](org::UnitId unit) -> base::Result<bool> {
    ASSIGN_OR_RETURN(std::int64_t n,
                     tx_.QueryInt("SELECT COUNT(*) FROM units WHERE id = ?", {unit}));
    return n > 0;
  };
  ASSIGN_OR_RETURN(bool unit_exists, exists(d.unit_id));
  if (!unit_exists) return base::NotFound("所在单位不存在", "unit_id");
  if (d.managing_unit_id) {
    ASSIGN_OR_RETURN(bool managing_exists, exists(*d.managing_unit_id));
    if (!managing_exists) return base::NotFound("管理单位不存在", "managing_unit_id");
  }
  std::set<std::int64_t> checked{d.unit_id.value()};
  for (size_t i = 0; i < d.posts.size(); ++i) {
    const auto& unit = d.posts[i].unit_id;
    if (!unit || !checked.insert(unit->value()).second) continue;
    ASSIGN_OR_RETURN(bool post_unit_exists, exists(*unit));
    if (!post_unit_exists) {
      return base::NotFound("任职单位不存在", "posts[" + std::to_string(i) + "].unit_id");
    }
  }
  return base::Status::Ok();
}

base::Status DossierRepository::WriteItems(CadreId id, const Dossier& d) {
  // One multi-row INSERT per table rather than one statement per item: on PostgreSQL each
  // statement is a round trip, and they were most of an LRMX import's time (docs/benchmarks.md).
  store::MultiRowInsert education(
      "cadre_education",
      "cadre_id, item_order, kind, level, level_code, degree, degree_code, "
      "school_and_major, start_month, end_month");
  for (size_t i = 0; i < d.education.size(); ++i) {
    const Education& e = d.education[i];
    education.Add({id, std::int64_t(i), EducationKindLabel(e.kind), e.level.label, e.level.code,
                   e.degree.label, e.degree.code, e.school_and_major, e.start_month, e.end_month});
  }
  RETURN_IF_ERROR(education.Write(tx_));

  store::MultiRowInsert resume(
      "cadre_resume",
      "cadre_id, item_order, parent_order, start_month, end_month, kind, unit, post, "
      "note");
  auto add_resume = [&](const ResumeEntry& e, std::int64_t order,
                        std::optional<std::int64_t> parent) {
    resume.Add({id, order, parent, e.start, e.end, ResumeKindName(e.kind), e.unit, e.post, e.note});
  };
  for (size_t i = 0; i < d.resume.size(); ++i) {
    add_resume(d.resume[i], std::int64_t(i), std::nullopt);
    for (size_t j = 0; j < d.resume[i].during.size(); ++j) {
      add_resume(d.resume[i].during[j], std::int64_t(j), std::int64_t(i));
    }
  }
  RETURN_IF_ERROR(resume.Write(tx_));

  store::MultiRowInsert posts(
      "cadre_posts",
      "cadre_id, item_order, unit_id, unit_name, title, is_main, start_month, "
      "end_month, document_number, method");
  for (size_t i = 0; i < d.posts.size(); ++i) {
    const Post& p = d.posts[i];
    posts.Add({id, std::int64_t(i), p.unit_id, p.unit_name, p.title, p.is_main, p.start_month,
               p.end_month, p.document_number, AppointmentMethodLabel(p.method)});
  }
  RETURN_IF_ERROR(posts.Write(tx_));

  store::MultiRowInsert ranks(
      "cadre_ranks", "cadre_id, item_order, rank, start_month, end_month, document_number");
  for (size_t i = 0; i < d.ranks.size(); ++i) {
    const RankRecord& r = d.ranks[i];
    ranks.Add({id, std::int64_t(i), r.rank, r.start_month, r.end_month, r.document_number});
  }
  RETURN_IF_ERROR(ranks.Write(tx_));

  store::MultiRowInsert assessments("cadre_assessments", "cadre_id, item_order, year, grade, note");
  for (size_t i = 0; i < d.assessments.size(); ++i) {
    const Assessment& a = d.assessments[i];
    assessments.Add({id, std::int64_t(i), a.year, AssessmentGradeLabel(a.grade), a.note});
  }
  RETURN_IF_ERROR(assessments.Write(tx_));

  store::MultiRowInsert rewards(
      "cadre_rewards",
      "cadre_id, item_order, reward_date, is_sanction, kind, issuer, reason, effect_end");
  for (size_t i = 0; i < d.rewards.size(); ++i) {
    const RewardOrSanction& w = d.rewards[i];
    rewards.Add(
        {id, std::int64_t(i), w.date, w.is_sanction, w.kind, w.issuer, w.reason, w.effect_end});
  }
  RETURN_IF_ERROR(rewards.Write(tx_));

  store::MultiRowInsert trainings(
      "cadre_trainings", "cadre_id, item_order, course, hours, start_date, end_date, provider");
  for (size_t i = 0; i < d.trainings.size(); ++i) {
    const Training& t = d.trainings[i];
    trainings.Add({id, std::int64_t(i), t.course, t.hours, t.start, t.end, t.provider});
  }
  return trainings.Write(tx_);
}

base::Status DossierRepository::LoadItems(Dossier& d) {
  const store::Params id{d.id};
  ASSIGN_OR_RETURN(store::Rows education,
                   tx_.Query("SELECT kind, level, level_code, degree, degree_code, "
                             "school_and_major, start_month, end_month FROM cadre_education "
                             "WHERE cadre_id = ? ORDER BY item_order",
                             id));
  for (const store::Row& row : education) {
    Education e;
    e.kind = row.Text(0) == "在职" ? EducationKind::kInService : EducationKind::kFullTime;
    e.level = {row.Text(1), row.Text(2)};
    e.degree = {row.Text(3), row.Text(4)};
    e.school_and_major = row.Text(5);
    ASSIGN_OR_RETURN(e.start_month, OptionalMonth(row, 6));
    ASSIGN_OR_RETURN(e.end_month, OptionalMonth(row, 7));
    d.education.push_back(std::move(e));
  }

  // Top-level entries first (parent_order NULL sorts first on neither engine reliably, so two
  // passes over one ordered result).
  ASSIGN_OR_RETURN(store::Rows resume,
                   tx_.Query("SELECT parent_order, item_order, start_month, end_month, kind, "
                             "unit, post, note FROM cadre_resume WHERE cadre_id = ? "
                             "ORDER BY item_order",
                             id));
  auto read_resume = [](const store::Row& row) -> base::Result<ResumeEntry> {
    ResumeEntry e;
    ASSIGN_OR_RETURN(e.start, base::YearMonth::Parse(row.Text(2)));
    ASSIGN_OR_RETURN(e.end, OptionalMonth(row, 3));
    e.kind = row.Text(4) == "study" ? ResumeKind::kStudy : ResumeKind::kWork;
    e.unit = row.Text(5);
    e.post = row.Text(6);
    e.note = row.Text(7);
    return e;
  };
  for (const store::Row& row : resume) {
    if (!row.IsNull(0)) continue;
    ASSIGN_OR_RETURN(ResumeEntry e, read_resume(row));
    d.resume.push_back(std::move(e));
  }
  for (const store::Row& row : resume) {
    if (row.IsNull(0)) continue;
    const std::int64_t parent = row.Int(0);
    if (parent < 0 || parent >= std::int64_t(d.resume.size())) {
      return base::Internal("简历其间经历的上级条目不存在");
    }
    ASSIGN_OR_RETURN(ResumeEntry e, read_resume(row));
    d.resume[size_t(parent)].during.push_back(std::move(e));
  }

  ASSIGN_OR_RETURN(store::Rows posts,
                   tx_.Query("SELECT unit_id, unit_name, title, is_main, start_month, "
                             "end_month, document_number, method FROM cadre_posts "
                             "WHERE cadre_id = ? ORDER BY item_order",
                             id));
  for (const store::Row& row : posts) {
    Post p;
    if (!row.IsNull(0)) p.unit_id = row.Id<org::UnitId>(0);
    p.unit_name = row.Text(1);
    p.title = row.Text(2);
    p.is_main = row.Bool(3);
    ASSIGN_OR_RETURN(p.start_month, base::YearMonth::Parse(row.Text(4)));
    ASSIGN_OR_RETURN(p.end_month, OptionalMonth(row, 5));
    p.document_number = row.Text(6);
    auto method = AppointmentMethodFromLabel(row.Text(7));
    if (!method) return base::Internal("任职方式无法识别：" + row.Text(7));
    p.method = *method;
    d.posts.push_back(std::move(p));
  }

  ASSIGN_OR_RETURN(store::Rows ranks,
                   tx_.Query("SELECT rank, start_month, end_month, document_number "
                             "FROM cadre_ranks WHERE cadre_id = ? ORDER BY item_order",
                             id));
  for (const store::Row& row : ranks) {
    RankRecord r;
    r.rank = row.Text(0);
    ASSIGN_OR_RETURN(r.start_month, base::YearMonth::Parse(row.Text(1)));
    ASSIGN_OR_RETURN(r.end_month, OptionalMonth(row, 2));
    r.document_number = row.Text(3);
    d.ranks.push_back(std::move(r));
  }

  ASSIGN_OR_RETURN(store::Rows assessments,
                   tx_.Query("SELECT year, grade, note FROM cadre_assessments "
                             "WHERE cadre_id = ? ORDER BY item_order",
                             id));
  for (const store::Row& row : assessments) {
    Assessment a;
    a.year = int(row.Int(0));
    auto grade = AssessmentGradeFromLabel(row.Text(1));
    if (!grade) return base::Internal("考核等次无法识别：" + row.Text(1));
    a.grade = *grade;
    a.note = row.Text(2);
    d.assessments.push_back(std::move(a));
  }

  ASSIGN_OR_RETURN(store::Rows rewards,
                   tx_.Query("SELECT reward_date, is_sanction, kind, issuer, reason, effect_end "
                             "FROM cadre_rewards WHERE cadre_id = ? ORDER BY item_order",
                             id));
  for (const store::Row& row : rewards) {
    RewardOrSanction w;
    ASSIGN_OR_RETURN(w.date, base::Date::Parse(row.Text(0)));
    w.is_sanction = row.Bool(1);
    w.kind = row.Text(2);
    w.issuer = row.Text(3);
    w.reason = row.Text(4);
    if (!row.IsNull(5)) {
      ASSIGN_OR_RETURN(w.effect_end, base::Date::Parse(row.Text(5)));
    }
    d.rewards.push_back(std::move(w));
  }

  ASSIGN_OR_RETURN(store::Rows trainings,
                   tx_.Query("SELECT course, hours, start_date, end_date, provider "
                             "FROM cadre_trainings WHERE cadre_id = ? ORDER BY item_order",
                             id));
  for (const store::Row& row : trainings) {
    Training t;
    t.course = row.Text(0);
    t.hours = row.Int(1);
    ASSIGN_OR_RETURN(t.start, base::Date::Parse(row.Text(2)));
    ASSIGN_OR_RETURN(t.end, base::Date::Parse(row.Text(3)));
    t.provider = row.Text(4);
    d.trainings.push_back(std::move(t));
  }
  return base::Status::Ok();
}

base::Result<CadreId> DossierRepository::Insert(const Dossier& d, base::Timestamp at) {
  RETURN_IF_ERROR(CheckUnits(d));
  // A new record without posts (or ranks) lists them as "".
  static const std::string sql = [] {
    std::string columns, values;
    for (std::string_view column : kDossierBasicColumns) {
      columns += std::string(column) + ", ";
      values += column == "post" || column == "rank" ? "COALESCE(?, ''), " : "?, ";
    }
    return "INSERT INTO cadres (" + columns + "version, created_at, updated_at) VALUES (" + values +
           "1, ?, ?) RETURNING id";
  }();
  store::Params params = DossierBasicValues(d);
  params.insert(params.end(), {at, at});
  ASSIGN_OR_RETURN(std::int64_t id, tx_.QueryInt(sql, params));
  RETURN_IF_ERROR(WriteItems(CadreId(id), d));
  RETURN_IF_ERROR(IndexNewDossier(tx_, CadreId(id), d));
  return CadreId(id);
}

base::Result<StoredDossier> DossierRepository::Load(CadreId id, const ScopePredicate& scope) {
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  ASSIGN_OR_RETURN(store::Row row, tx_.QueryOne(std::string(kSelect) + "WHERE c.id = ?" +
                                                    (scope.sql.empty() ? "" : " AND " + scope.sql),
                                                params, "干部不存在"));
  ASSIGN_OR_RETURN(StoredDossier stored, ReadDossier(row));
  RETURN_IF_ERROR(LoadItems(stored.dossier));
  return stored;
}

base::Result<bool> DossierRepository::Visible(CadreId id, const ScopePredicate& scope) {
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  ASSIGN_OR_RETURN(std::int64_t n,
                   tx_.QueryInt("SELECT COUNT(*) FROM cadres c JOIN units u ON u.id = c.unit_id "
                                "WHERE c.id = ?" +
                                    (scope.sql.empty() ? std::string() : " AND " + scope.sql),
                                params));
  return n > 0;
}

base::Result<bool> DossierRepository::WouldBeVisible(const Dossier& d,
                                                     const ScopePredicate& scope) {
  if (scope.sql.empty()) return true;
  store::Params params{d.unit_id, d.managing_unit_id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  // The scope's predicate over the one row the record would be (scopes test c.id, c.unit_id,
  // c.managing_unit_id and the unit's path).
  ASSIGN_OR_RETURN(std::int64_t n,
                   tx_.QueryInt("SELECT COUNT(*) FROM (SELECT CAST(NULL AS BIGINT) AS id, "
                                "CAST(? AS BIGINT) AS unit_id, CAST(? AS BIGINT) AS "
                                "managing_unit_id) c JOIN units u ON u.id = c.unit_id WHERE " +
                                    scope.sql,
                                params));
  return n > 0;
}

base::Result<std::int64_t> DossierRepository::Replace(const Dossier& d,
                                                      std::int64_t expected_version,
                                                      base::Timestamp at) {
  RETURN_IF_ERROR(CheckUnits(d));
  static const std::string sql = [] {
    std::string sets;
    for (std::string_view column : kDossierBasicColumns) {
      const std::string c(column);
      sets +=
          column == "post" || column == "rank" ? c + " = COALESCE(?, " + c + "), " : c + " = ?, ";
    }
    return "UPDATE cadres SET " + sets +
           "version = version + 1, updated_at = ? WHERE id = ? AND version = ?";
  }();
  store::Params params = DossierBasicValues(d);
  params.insert(params.end(), {at, d.id, expected_version});
  ASSIGN_OR_RETURN(std::int64_t changed, tx_.Execute(sql, params));
  if (changed != 1) {
    return base::Aborted("VERSION_CONFLICT: 该档案已被他人修改，请查看对方的修改后重新提交");
  }
  // The full-text index follows the texts: what they held before the rewrite is taken away.
  ASSIGN_OR_RETURN(const std::vector<std::string> old_bigrams, StoredBigrams(tx_, d.id));
  for (std::string_view table : {"cadre_education", "cadre_resume", "cadre_posts", "cadre_ranks",
                                 "cadre_assessments", "cadre_rewards", "cadre_trainings"}) {
    RETURN_IF_ERROR(
        tx_.ExecuteDeferred("DELETE FROM " + std::string(table) + " WHERE cadre_id = ?", {d.id}));
  }
  RETURN_IF_ERROR(WriteItems(d.id, d));
  RETURN_IF_ERROR(ReindexDossier(tx_, d.id, old_bigrams, d));
  return expected_version + 1;
}

base::Status DossierRepository::SetSealed(CadreId id, const SealedParts& parts,
                                          const SearchKeys* search_keys) {
  auto changed =
      search_keys == nullptr
          ? tx_.Execute(
                "UPDATE cadres SET id_number_sealed = ?, family_sealed = ?, "
                "personal_matters_sealed = ? WHERE id = ?",
                {parts.id_number, parts.family, parts.personal_matters, id})
          : tx_.Execute(
                "UPDATE cadres SET id_number_sealed = ?, family_sealed = ?, "
                "personal_matters_sealed = ?, name_sort_key = ?, name_initials = ?, "
                "id_number_index = ? WHERE id = ?",
                {parts.id_number, parts.family, parts.personal_matters, search_keys->name_sort_key,
                 search_keys->name_initials, search_keys->id_number_index, id});
  if (!changed.ok()) {
    return search_keys == nullptr ? changed.status() : SearchKeyWriteError(changed.status());
  }
  if (*changed != 1) return base::NotFound("干部不存在");
  return base::Status::Ok();
}

base::Status DossierRepository::RecordCreation(CadreId id, base::Timestamp at,
                                               std::string_view actor) {
  ASSIGN_OR_RETURN(
      std::int64_t changed,
      tx_.Execute("UPDATE cadres SET created_at = ?, updated_at = ? WHERE id = ?", {at, at, id}));
  if (changed != 1) return base::NotFound("干部不存在");
  return AddChange(id, {1, at, std::string(actor), {}, {}});
}

base::Status DossierRepository::AddChange(CadreId id, const NewChange& change) {
  return tx_.ExecuteDeferred(
      "INSERT INTO cadre_changes (cadre_id, version, at, actor, changes, confidential_fields) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {id, change.version, change.at, change.actor, ChangesToJson(change.changes),
       JoinNames(change.confidential_fields)});
}

base::Result<std::int64_t> DossierRepository::AppendChange(CadreId id, const NewChange& change) {
  return tx_.QueryInt(
      "INSERT INTO cadre_changes (cadre_id, version, at, actor, changes, confidential_fields) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {id, change.version, change.at, change.actor, ChangesToJson(change.changes),
       JoinNames(change.confidential_fields)});
}

base::Status DossierRepository::SetChangeSealed(std::int64_t change_id, const std::string& sealed) {
  ASSIGN_OR_RETURN(
      std::int64_t changed,
      tx_.Execute("UPDATE cadre_changes SET confidential_changes_sealed = ? WHERE id = ?",
                  {sealed, change_id}));
  if (changed != 1) return base::NotFound("变更记录不存在");
  return base::Status::Ok();
}

base::Result<std::vector<StoredChange>> DossierRepository::Changes(
    CadreId id, std::int64_t since_version, std::optional<base::Timestamp> at_or_after) {
  std::string sql =
      "SELECT id, version, at, actor, changes, confidential_fields, confidential_changes_sealed "
      "FROM cadre_changes WHERE cadre_id = ? AND version > ?";
  store::Params params{id, since_version};
  if (at_or_after) {
    // RFC 3339 text in one fixed form (UTC, six fraction digits) orders like the instants.
    sql += " AND at >= ?";
    params.emplace_back(*at_or_after);
  }
  ASSIGN_OR_RETURN(store::Rows rows, tx_.Query(sql + " ORDER BY version DESC", params));
  std::vector<StoredChange> changes;
  changes.reserve(rows.size());
  for (const store::Row& row : rows) {
    StoredChange c;
    c.id = row.Int(0);
    c.version = row.Int(1);
    ASSIGN_OR_RETURN(c.at, base::Timestamp::Parse(row.Text(2)));
    c.actor = row.Text(3);
    ASSIGN_OR_RETURN(c.changes, ChangesFromJson(row.Text(4)));
    c.confidential_fields = SplitNames(row.Text(5));
    c.confidential_changes_sealed = row.OptionalText(6);
    changes.push_back(std::move(c));
  }
  return changes;
}

base::Result<std::optional<StoredPhoto>> DossierRepository::Photo(CadreId id) {
  ASSIGN_OR_RETURN(
      store::Rows rows,
      tx_.Query("SELECT content_type, bytes FROM cadre_photos WHERE cadre_id = ?", {id}));
  if (rows.empty()) return std::optional<StoredPhoto>();
  store::Blob bytes = rows[0].Bytes(1);
  return std::optional<StoredPhoto>(
      StoredPhoto{rows[0].Text(0), std::string(bytes.bytes.begin(), bytes.bytes.end())});
}

base::Status DossierRepository::SetPhoto(CadreId id, const StoredPhoto& photo, base::Timestamp at) {
  store::Blob bytes{std::vector<std::uint8_t>(photo.bytes.begin(), photo.bytes.end())};
  return tx_.ExecuteDeferred(
      "INSERT INTO cadre_photos (cadre_id, content_type, bytes, updated_at) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (cadre_id) DO UPDATE SET "
      "content_type = excluded.content_type, bytes = excluded.bytes, "
      "updated_at = excluded.updated_at",
      {id, photo.content_type, std::move(bytes), at});
}

namespace {

// StoreConfidential for the dossier stored as `id` (InsertDossier has `d` without its new id).
base::Status SealAndStore(store::Transaction& tx, crypto::DataKeys& keys, CadreId id,
                          const Dossier& d, WithSearchKeys with_search_keys) {
  auto context = [&](std::string_view column) {
    return crypto::FieldContext(kCadres, column, id.value());
  };
  SealedParts parts;
  // The first part finds (or creates) the scope's key; the others are sealed with the key it
  // names rather than asking the database for the scope's key again each.
  ASSIGN_OR_RETURN(parts.family,
                   keys.Seal(ScopeOfUnit(d.managing_unit_id), context("family_sealed"),
                             DumpJson(EncodeFamily(d.family))));
  ASSIGN_OR_RETURN(const std::int64_t key_id, crypto::SealedKeyId(*parts.family));
  if (d.id_number) {
    ASSIGN_OR_RETURN(parts.id_number,
                     keys.SealWith(key_id, context("id_number_sealed"), *d.id_number));
  }
  ASSIGN_OR_RETURN(parts.personal_matters,
                   keys.SealWith(key_id, context("personal_matters_sealed"),
                                 DumpJson(EncodePersonalMatters(d.personal_matters))));
  if (with_search_keys == WithSearchKeys::kNo) return DossierRepository(tx).SetSealed(id, parts);
  ASSIGN_OR_RETURN(const SearchKeys search_keys, ComputeSearchKeys(keys, d.name, d.id_number));
  return DossierRepository(tx).SetSealed(id, parts, &search_keys);
}

}  // namespace

base::Status StoreConfidential(store::Transaction& tx, const crypto::Keyring& keyring,
                               const Dossier& dossier) {
  crypto::DataKeys keys(tx, keyring);
  return SealAndStore(tx, keys, dossier.id, dossier, WithSearchKeys::kNo);
}

base::Status StoreConfidential(store::Transaction& tx, crypto::DataKeys& keys,
                               const Dossier& dossier, WithSearchKeys search_keys) {
  return SealAndStore(tx, keys, dossier.id, dossier, search_keys);
}

base::Status OpenConfidential(store::Transaction& tx, const crypto::Keyring& keyring,
                              StoredDossier& stored) {
  crypto::DataKeys keys(tx, keyring);
  return OpenConfidential(keys, stored);
}

base::Status OpenConfidential(crypto::DataKeys& keys, StoredDossier& stored) {
  Dossier& d = stored.dossier;
  auto open = [&](std::string_view column, const std::string& sealed) {
    return keys.Open(crypto::FieldContext(kCadres, column, d.id.value()), sealed);
  };
  if (stored.id_number_sealed) {
    ASSIGN_OR_RETURN(d.id_number, open("id_number_sealed", *stored.id_number_sealed));
  }
  if (stored.family_sealed) {
    ASSIGN_OR_RETURN(std::string text, open("family_sealed", *stored.family_sealed));
    ASSIGN_OR_RETURN(nlohmann::json family, ParseJsonText(text, "family"));
    ASSIGN_OR_RETURN(d.family, DecodeFamily(family));
  }
  if (stored.personal_matters_sealed) {
    ASSIGN_OR_RETURN(std::string text,
                     open("personal_matters_sealed", *stored.personal_matters_sealed));
    ASSIGN_OR_RETURN(nlohmann::json matters, ParseJsonText(text, "personal_matters"));
    ASSIGN_OR_RETURN(d.personal_matters, DecodePersonalMatters(matters));
  }
  return base::Status::Ok();
}

base::Result<std::int64_t> AppendDossierChange(store::Transaction& tx,
                                               const crypto::Keyring& keyring, CadreId id,
                                               std::optional<org::UnitId> managing_unit_id,
                                               std::int64_t version, base::Timestamp at,
                                               std::string_view actor,
                                               const FieldChanges& changes) {
  crypto::DataKeys keys(tx, keyring);
  return AppendDossierChange(tx, keys, id, managing_unit_id, version, at, actor, changes);
}

base::Result<std::int64_t> AppendDossierChange(store::Transaction& tx, crypto::DataKeys& keys,
                                               CadreId id,
                                               std::optional<org::UnitId> managing_unit_id,
                                               std::int64_t version, base::Timestamp at,
                                               std::string_view actor,
                                               const FieldChanges& changes) {
  NewChange change{version, at, std::string(actor), {}, {}};
  FieldChanges confidential;
  for (const JsonFieldChange& c : changes) {
    if (IsDossierConfidentialKey(c.field)) {
      change.confidential_fields.push_back(c.field);
      confidential.push_back(c);
    } else {
      change.changes.push_back(c);
    }
  }
  DossierRepository repository(tx);
  ASSIGN_OR_RETURN(std::int64_t change_id, repository.AppendChange(id, change));
  if (!confidential.empty()) {
    ASSIGN_OR_RETURN(std::string sealed,
                     keys.Seal(ScopeOfUnit(managing_unit_id),
                               crypto::FieldContext(kChanges, kChangesSealed, change_id),
                               ChangesToJson(confidential)));
    RETURN_IF_ERROR(repository.SetChangeSealed(change_id, sealed));
  }
  return change_id;
}

base::Result<FieldChanges> OpenConfidentialChanges(store::Transaction& tx,
                                                   const crypto::Keyring& keyring,
                                                   const StoredChange& change) {
  if (!change.confidential_changes_sealed) return FieldChanges{};
  crypto::DataKeys keys(tx, keyring);
  ASSIGN_OR_RETURN(std::string text,
                   keys.Open(crypto::FieldContext(kChanges, kChangesSealed, change.id),
                             *change.confidential_changes_sealed));
  return ChangesFromJson(text);
}

std::string ChangeLogActor(const access::Actor& actor) {
  if (actor.display_name.empty() || actor.display_name == actor.username) return actor.username;
  return actor.display_name + "（" + actor.username + "）";
}

base::Result<CadreId> InsertDossier(store::Transaction& tx, const crypto::Keyring& keyring,
                                    const Dossier& dossier, base::Timestamp at,
                                    std::string_view actor) {
  crypto::DataKeys keys(tx, keyring);
  return InsertDossier(tx, keys, dossier, at, actor);
}

base::Result<CadreId> InsertDossier(store::Transaction& tx, crypto::DataKeys& keys,
                                    const Dossier& dossier, base::Timestamp at,
                                    std::string_view actor, WithSearchKeys search_keys) {
  DossierRepository repository(tx);
  ASSIGN_OR_RETURN(CadreId id, repository.Insert(dossier, at));
  RETURN_IF_ERROR(SealAndStore(tx, keys, id, dossier, search_keys));
  RETURN_IF_ERROR(repository.AddChange(id, {1, at, std::string(actor), {}, {}}));
  return id;
}

}  // namespace xr::cadre
