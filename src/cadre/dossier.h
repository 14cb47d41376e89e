#pragma once
// The full dossier of one cadre: the 干部任免审批表 record (RULES.md §4) and its sub-records.
// This is the unit of the cadre information base: created, changed field by field with history
// (dossier_history.h), read as it stood on a past day, validated by dossier_rules.h.
//
// Field names in comments are the JSON / API names (docs/api.md, "Cadre dossier"); a coded field
// carries the label as written on the form and the national code beside it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "cadre/cadre.h"
#include "org/unit.h"

namespace xr::cadre {

// A value from a code table (dictionary.h): `label` as written on the form (男, 汉族,
// 中共党员); `code` the national code (GB/T 2261.1 "1", GB/T 3304 "01", …), filled from the
// dictionary when the label is known, empty otherwise.
struct Coded {
  std::string label;
  std::string code;
  friend bool operator==(const Coded&, const Coded&) = default;
};

// 籍贯 / 出生地: the form's text (辽宁大连) and, when picked from the list, the GB/T 2260
// division code (6 digits).
struct Place {
  std::string text;
  std::string division_code;
  friend bool operator==(const Place&, const Place&) = default;
};

// 人员状态. Only kActive cadres hold posts; every other status needs `status_reason`.
enum class PersonStatus { kActive, kRetired, kTransferredOut, kResigned, kRemoved, kDismissed, kDeceased };
// 在职 退休 调出 辞职 免职 辞退 去世
std::string_view PersonStatusLabel(PersonStatus status);
std::optional<PersonStatus> PersonStatusFromLabel(std::string_view label);

// education[]
enum class EducationKind { kFullTime, kInService };  // 全日制 / 在职
struct Education {
  EducationKind kind = EducationKind::kFullTime;  // "kind": "全日制" | "在职"
  Coded level;                 // "level": 学历 (研究生, 大学, 大专, 中专, 高中…), "level_code"
  Coded degree;                // "degree": 学位 (法学学士, 工学硕士…; may be empty), "degree_code"
  std::string school_and_major;  // "school_and_major": 院校系及专业
  std::optional<base::YearMonth> start_month;  // "start_month"
  std::optional<base::YearMonth> end_month;    // "end_month" (graduation)
  friend bool operator==(const Education&, const Education&) = default;
};

// resume[]: one line of 简历. `during` holds the 其间 entries nested in this span (one level).
enum class ResumeKind { kWork, kStudy };  // "work" | "study"
struct ResumeEntry {
  base::YearMonth start;                  // "start"
  std::optional<base::YearMonth> end;     // "end"; null = 至今 (the current post)
  ResumeKind kind = ResumeKind::kWork;    // "kind"
  std::string unit;                       // "unit": 单位 (or school for study)
  std::string post;                       // "post": 职务 (or 专业/学习 for study)
  std::string note;                       // "note": appended as written
  std::vector<ResumeEntry> during;        // "during": 其间 entries (their own `during` is empty)
  friend bool operator==(const ResumeEntry&, const ResumeEntry&) = default;
};

// posts[]: 职务 held, current (end empty) and past. Exactly one current post is 主要职务 when
// any is current.
enum class AppointmentMethod { kElected, kAppointed, kEmployed, kExamined };  // 选任 委任 聘任 考任
std::string_view AppointmentMethodLabel(AppointmentMethod method);
std::optional<AppointmentMethod> AppointmentMethodFromLabel(std::string_view label);
struct Post {
  std::optional<org::UnitId> unit_id;        // "unit_id": the unit in the tree, when it is one
  std::string unit_name;                     // "unit_name": as written (filled from the tree)
  std::string title;                         // "title": 职务名称 (办公室主任)
  bool is_main = false;                      // "is_main": 主要职务
  base::YearMonth start_month;               // "start_month": 任职时间
  std::optional<base::YearMonth> end_month;  // "end_month": 免职时间; null = current
  std::string document_number;               // "document_number": 任职文号
  AppointmentMethod method = AppointmentMethod::kAppointed;  // "method"
  friend bool operator==(const Post&, const Post&) = default;
};

// ranks[]: 职级 on the 职务与职级并行 ladder (vocabulary.h Ranks()), current (end empty) and past.
struct RankRecord {
  std::string rank;                          // "rank"
  base::YearMonth start_month;               // "start_month": 任职级时间
  std::optional<base::YearMonth> end_month;  // "end_month"
  std::string document_number;               // "document_number"
  friend bool operator==(const RankRecord&, const RankRecord&) = default;
};

// assessments[]: 年度考核, one per year.
enum class AssessmentGrade { kExcellent, kCompetent, kBasicallyCompetent, kIncompetent, kUngraded };
// 优秀 称职 基本称职 不称职 不定等次
std::string_view AssessmentGradeLabel(AssessmentGrade grade);
std::optional<AssessmentGrade> AssessmentGradeFromLabel(std::string_view label);
struct Assessment {
  int year = 0;                              // "year"
  AssessmentGrade grade = AssessmentGrade::kCompetent;  // "grade"
  std::string note;                          // "note"
  friend bool operator==(const Assessment&, const Assessment&) = default;
};

// rewards[]: 奖惩. A sanction (is_sanction) may carry the end of its 影响期.
struct RewardOrSanction {
  base::Date date;                        // "date"
  bool is_sanction = false;               // "is_sanction"
  std::string kind;                       // "kind": 嘉奖, 记三等功, 警告, 记过, 诫勉…
  std::string issuer;                     // "issuer": 批准机关
  std::string reason;                     // "reason"
  std::optional<base::Date> effect_end;   // "effect_end": 影响期 end (sanctions only)
  friend bool operator==(const RewardOrSanction&, const RewardOrSanction&) = default;
};

// trainings[]
struct Training {
  std::string course;            // "course"
  std::int64_t hours = 0;        // "hours": 学时, whole hours
  base::Date start;              // "start"
  base::Date end;                // "end"
  std::string provider;          // "provider": 培训机构
  friend bool operator==(const Training&, const Training&) = default;
};

// family[]: 家庭主要成员及重要社会关系 — confidential (cadre_fields.h).
struct FamilyMember {
  Coded relation;                              // "relation": 称谓 GB/T 4761 (妻子, 儿子…)
  std::string name;                            // "name"
  std::optional<base::YearMonth> birth_month;  // "birth_month"
  Coded political_status;                      // "political_status": GB/T 4762
  std::string employer_and_post;               // "employer_and_post": 工作单位及职务
  std::optional<std::string> id_number;        // "id_number": canonical when given
  std::optional<CadreId> cadre_id;             // "cadre_id": the relative's own dossier
  friend bool operator==(const FamilyMember&, const FamilyMember&) = default;
};

// personal_matters: 个人有关事项 — confidential.
struct PersonalMatters {
  bool spouse_or_children_emigrated = false;  // "spouse_or_children_emigrated": 配偶子女移居国(境)外
  bool family_in_business = false;            // "family_in_business": 配偶子女经商办企业
  std::string note;                           // "note"
  friend bool operator==(const PersonalMatters&, const PersonalMatters&) = default;
};

// appointment: the parts of the 干部任免审批表 that belong to the appointment being proposed rather
// than to the person (RULES.md §4.1 page 2; LRMX NiRenZhiWu … TianBiaoRen). Free text as
// written; the form prints them and LRMX carries them.
struct AppointmentForm {
  std::string proposed_post;       // "proposed_post": 拟任职务
  std::string proposed_removal;    // "proposed_removal": 拟免职务
  std::string reason;              // "reason": 任免理由
  std::string reporting_unit;      // "reporting_unit": 呈报单位
  // "age_reference_date": 计算年龄时间 — the ages on the form are computed at it; null = the
  // day the form is printed or exported.
  std::optional<base::Date> age_reference_date;
  std::optional<base::Date> filled_date;  // "filled_date": 填表时间 (the form shows 年月)
  std::string filled_by;                  // "filled_by": 填表人
  std::string retirement_limit_text;      // "retirement_limit_text": 改革前任职年龄界限
  friend bool operator==(const AppointmentForm&, const AppointmentForm&) = default;
};

struct Dossier {
  CadreId id;                   // "id" (output only)
  std::int64_t version = 0;     // "version": optimistic concurrency, +1 per change

  // 基本信息
  std::string name;                                 // "name"
  Coded gender;                                     // "gender" / "gender_code" (GB/T 2261.1)
  base::YearMonth birth_month;                      // "birth_month" YYYY-MM
  Coded ethnicity;                                  // "ethnicity" / "ethnicity_code" (GB/T 3304)
  Place native_place;                               // "native_place" / "native_place_code": 籍贯
  Place birth_place;                                // "birth_place" / "birth_place_code": 出生地
  Coded party;                                      // "party" / "party_code" (GB/T 4762)
  std::optional<base::YearMonth> party_join_month;  // "party_join_month": 入党/加入时间
  // "party_join_age_confirmed": 入党时不满 18 岁 has been checked against the archive.
  bool party_join_age_confirmed = false;
  std::optional<base::YearMonth> work_start_month;  // "work_start_month": 参加工作时间
  Coded health;                                     // "health" / "health_code": 健康状况
  std::string professional_title;                   // "professional_title": 专业技术职务
  std::string expertise;                            // "expertise": 熟悉专业有何专长
  std::optional<std::string> id_number;  // "id_number": confidential; canonical 18 characters
  bool has_photo = false;                // "has_photo" (output only; the photo has its endpoint)

  // Placement and authority
  org::UnitId unit_id;                    // "unit_id": 所在单位
  std::string unit_name;                  // "unit_name" (output only)
  std::string managing_body;              // "managing_body": 管理权限 as shown (市委管理)
  std::optional<org::UnitId> managing_unit_id;  // "managing_unit_id"
  std::int64_t sort_order = 0;            // "sort_order": 班子排序 within the unit
  PersonStatus status = PersonStatus::kActive;  // "status"
  std::string status_reason;              // "status_reason": required unless 在职

  std::vector<Education> education;
  std::vector<ResumeEntry> resume;
  std::vector<Post> posts;
  std::vector<RankRecord> ranks;
  std::vector<Assessment> assessments;
  std::vector<RewardOrSanction> rewards;
  std::vector<Training> trainings;
  std::vector<FamilyMember> family;          // confidential
  PersonalMatters personal_matters;          // confidential
  AppointmentForm appointment;               // "appointment"

  friend bool operator==(const Dossier&, const Dossier&) = default;
};

}  // namespace xr::cadre
