#pragma once
// The texts of the 干部任免审批表 (RULES.md §4.1) computed from a dossier: what the form preview
// shows and what LRMX/PDF export write. Pure functions of the dossier's parts.

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "cadre/dossier.h"

namespace xr::cadre {

// One 学历学位 row of the form (全日制教育 or 在职教育).
struct FormEducation {
  std::string level;             // 学历 (大学, 硕士研究生…)
  std::string degree;            // 学位 (法学学士…; empty when none)
  std::string school_and_major;  // 毕业院校系及专业 of the 学历
  // 毕业院校系及专业 of the 学位 when it comes from another entry than the 学历 (LRMX has both).
  std::string degree_school_and_major;
  friend bool operator==(const FormEducation&, const FormEducation&) = default;
};

// The highest education of `kind`: 学历 from the entry with the highest level — the lower its
// GB/T 4658 code (level_code) the higher, entries without a numeric code lowest, ties broken by
// the later end month, then by the later entry; 学位 from the highest such entry that has one.
// nullopt when there is no entry of that kind.
std::optional<FormEducation> HighestEducation(const std::vector<Education>& education,
                                              EducationKind kind);

// 现任职务: the current posts (no end month), the 主要职务 first, then as entered, each as
// unit_name + title, joined with "、"; a post in the same unit as the one before it is written
// by its title alone (某县委常委、副县长 stays readable). Empty when there is none.
std::string CurrentPostsText(const std::vector<Post>& posts);

// 奖惩情况: "无" when none; otherwise in date order, joined with "；" and ended with "。":
//   a reward    "2019.12被大连市人民政府记三等功"   (yyyy.MM 被 issuer kind; no issuer: yyyy.MM
//   kind) a sanction  "2021.06受到市纪委党内警告处分（影响期至2022.06）"
//               (yyyy.MM 受到 issuer kind, the 影响期 end when given)
std::string RewardsText(const std::vector<RewardOrSanction>& rewards);

// 年度考核结果 for the three latest years on record, in year order; runs of consecutive years
// with the same grade share one clause, clauses joined with "，", ended with "。":
//   "2022年、2023年年度考核称职，2024年年度考核优秀。"
// "无" when there is none.
std::string AssessmentsText(const std::vector<Assessment>& assessments);

// Age in full years on `day`, as the form counts it (the birth month counts as reached).
int AgeOn(base::YearMonth birth_month, base::Date day);

}  // namespace xr::cadre
