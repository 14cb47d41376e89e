#include "search/field_catalog.h"

#include <algorithm>
#include <array>

#include "cadre/dictionary.h"
#include "cadre/vocabulary.h"

namespace xr::search {
namespace {

constexpr std::array<std::string_view, 4> kRankLevels{"厅局级", "县处级", "乡科级", "科员级"};
// Per rank of cadre::Ranks() (highest first), its level's index.
constexpr std::array<std::size_t, 12> kLevelOfRank{0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3};
constexpr std::array<std::string_view, 8> kEducationLadder{"研究生", "大学", "大专", "中专",
                                                           "高中",   "初中", "小学", "其他"};
constexpr std::array<std::string_view, 3> kDegreeLadder{"博士", "硕士", "学士"};

using O = Op;
const std::vector<Op> kTextOps{O::kEq, O::kNe, O::kContains, O::kStartsWith};
const std::vector<Op> kEnumOps{O::kEq, O::kNe, O::kIn, O::kNotIn};
const std::vector<Op> kNumberOps{O::kEq, O::kNe, O::kLt, O::kLe, O::kGt, O::kGe, O::kBetween};
const std::vector<Op> kCountOps{O::kAtLeast, O::kEq, O::kNe, O::kLt, O::kLe,
                                O::kGt,      O::kGe, O::kBetween};
const std::vector<Op> kMonthOps{O::kEq, O::kLt, O::kLe, O::kGt, O::kGe, O::kBetween};
const std::vector<Op> kOptionalMonthOps{O::kEq, O::kLt,      O::kLe,      O::kGt,
                                        O::kGe, O::kBetween, O::kIsEmpty, O::kNotEmpty};
const std::vector<Op> kLadderOps{O::kEq, O::kNe, O::kIn, O::kNotIn, O::kGe, O::kLe, O::kBetween};
const std::vector<Op> kBooleanOps{O::kEq};

std::vector<std::string_view> Options(std::span<const std::string_view> values) {
  return {values.begin(), values.end()};
}

std::vector<FieldSpec> BuildCatalog() {
  using T = FieldType;
  using S = FieldSource;
  const FieldParam years{"years", "近几年", T::kNumber, 3, 1, 30};
  const FieldParam from{"from", "起始日期", T::kDate, std::nullopt, 0, 0};
  const FieldParam to{"to", "截止日期", T::kDate, std::nullopt, 0, 0};
  std::vector<Op> ladder_or_empty = kLadderOps;
  ladder_or_empty.insert(ladder_or_empty.end(), {O::kIsEmpty, O::kNotEmpty});
  std::vector<Op> text_or_empty = kTextOps;
  text_or_empty.insert(text_or_empty.end(), {O::kIsEmpty, O::kNotEmpty});
  return {
      {"name", "姓名", "基本信息", T::kText, S::kColumn, "c.name", kTextOps, {}, "", "", {}},
      {"gender", "性别", "基本信息", T::kEnum, S::kColumn, "c.gender", kEnumOps, {"男", "女"},
       cadre::kDictGender, "", {}},
      {"ethnicity", "民族", "基本信息", T::kEnum, S::kColumn, "c.ethnicity", kEnumOps,
       Options(cadre::Ethnicities()), cadre::kDictEthnicity, "", {}},
      {"party", "政治面貌", "基本信息", T::kEnum, S::kColumn, "c.party", kEnumOps,
       Options(cadre::PoliticalStatuses()), cadre::kDictParty, "", {}},
      {"age", "年龄", "基本信息", T::kNumber, S::kAge, "", kNumberOps, {}, "", "岁", {}},
      {"birth_month", "出生年月", "基本信息", T::kMonth, S::kColumn, "c.birth_month", kMonthOps,
       {}, "", "", {}},
      {"native_place", "籍贯", "基本信息", T::kText, S::kColumn, "c.native_place", kTextOps, {},
       "", "", {}},
      {"party_join_month", "入党时间", "基本信息", T::kMonth, S::kNullableColumn,
       "c.party_join_month", kOptionalMonthOps, {}, "", "", {}},
      {"work_start_month", "参加工作时间", "基本信息", T::kMonth, S::kNullableColumn,
       "c.work_start_month", kOptionalMonthOps, {}, "", "", {}},
      {"professional_title", "专业技术职务", "基本信息", T::kText, S::kColumn,
       "c.professional_title", text_or_empty, {}, "", "", {}},
      {"has_photo", "有照片", "基本信息", T::kBoolean, S::kPhoto, "", kBooleanOps, {}, "", "", {}},
      {"unit", "所在单位", "职务职级", T::kUnit, S::kUnit, "", {O::kSubtree, O::kEq, O::kIn}, {},
       "", "", {}},
      {"managing_body", "管理权限", "职务职级", T::kText, S::kColumn, "c.managing_body",
       {O::kEq, O::kNe, O::kIn, O::kContains}, {}, "", "", {}},
      {"status", "人员状态", "职务职级", T::kEnum, S::kColumn, "c.status", kEnumOps,
       {"在职", "退休", "调出", "辞职", "免职", "辞退", "去世"}, "", "", {}},
      {"post_title", "现任职务", "职务职级", T::kText, S::kColumn, "c.post", text_or_empty, {}, "",
       "", {}},
      {"rank", "职级", "职务职级", T::kRank, S::kRank, "c.rank", kLadderOps,
       Options(cadre::Ranks()), "", "", {}},
      {"rank_level", "职级层次", "职务职级", T::kEnum, S::kRankLevel, "", kEnumOps,
       Options(kRankLevels), "", "", {}},
      {"years_in_post", "任现职年限", "职务职级", T::kNumber, S::kYearsInPost, "", kNumberOps, {},
       "", "年", {}},
      {"years_at_rank", "任现职级年限", "职务职级", T::kNumber, S::kYearsAtRank, "", kNumberOps,
       {}, "", "年", {}},
      {"full_time_education", "全日制学历", "学历学位", T::kEnum, S::kFullTimeEducation, "",
       ladder_or_empty, Options(kEducationLadder), "", "", {}},
      {"highest_education", "最高学历", "学历学位", T::kEnum, S::kHighestEducation, "",
       ladder_or_empty, Options(kEducationLadder), "", "", {}},
      {"degree", "最高学位", "学历学位", T::kEnum, S::kDegree, "", ladder_or_empty,
       Options(kDegreeLadder), "", "", {}},
      {"assessment_excellent_count", "年度考核优秀次数", "考核奖惩", T::kNumber,
       S::kExcellentCount, "", kCountOps, {}, "", "次", {years}},
      {"assessment_below_competent_count", "年度考核基本称职及以下次数", "考核奖惩", T::kNumber,
       S::kBelowCompetentCount, "", kCountOps, {}, "", "次", {years}},
      {"sanction_in_effect", "处分影响期内", "考核奖惩", T::kBoolean, S::kSanctionInEffect, "",
       kBooleanOps, {}, "", "", {}},
      {"training_hours", "培训学时", "考核奖惩", T::kNumber, S::kTrainingHours, "", kNumberOps, {},
       "", "学时", {from, to}},
      {"has_cadre_relative", "亲属中有干部", "家庭", T::kBoolean, S::kCadreRelative, "",
       kBooleanOps, {}, "", "", {}},
      {"fulltext", "全文（简历、奖惩、职务、专长、培训）", "全文", T::kFulltext, S::kFulltext, "",
       {O::kContains}, {}, "", "", {}},
  };
}

}  // namespace

std::string_view FieldTypeName(FieldType type) {
  static constexpr std::array<std::string_view, 9> kNames{
      "text", "number", "month", "date", "enum", "unit", "rank", "boolean", "fulltext"};
  return kNames[static_cast<std::size_t>(type)];
}

std::span<const FieldSpec> FieldCatalog() {
  static const std::vector<FieldSpec> catalog = BuildCatalog();
  return catalog;
}

const FieldSpec* FindField(std::string_view key) {
  for (const FieldSpec& spec : FieldCatalog()) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

std::string_view OpLabel(Op op) {
  static constexpr std::array<std::string_view, 15> kLabels{
      "等于", "不等于", "属于",   "不属于", "小于",       "不大于",         "大于", "不小于",
      "介于", "包含",   "开头是", "为空",   "不为空", "本单位及下级单位", "至少"};
  return kLabels[static_cast<std::size_t>(op)];
}

std::span<const std::string_view> RankLevels() { return kRankLevels; }

std::string_view RankLevelOf(std::string_view rank) {
  const auto ranks = cadre::Ranks();
  const auto it = std::find(ranks.begin(), ranks.end(), rank);
  if (it == ranks.end()) return {};
  return kRankLevels[kLevelOfRank[std::size_t(it - ranks.begin())]];
}

std::span<const std::string_view> EducationLadder() { return kEducationLadder; }

std::optional<std::size_t> EducationRung(std::string_view code) {
  if (code.empty() || code[0] < '1' || code[0] > '9') return std::nullopt;
  // First digits 1 研究生, 2 大学, 3 大专, 4 中专 (and 职业高中, 技工学校), 6 高中, 7 初中, 8 小学,
  // 9 其他.
  static constexpr std::array<std::size_t, 9> kRung{0, 1, 2, 3, 3, 4, 5, 6, 7};
  return kRung[std::size_t(code[0] - '1')];
}

std::span<const std::string_view> DegreeLadder() { return kDegreeLadder; }

std::optional<std::size_t> DegreeRung(std::string_view code) {
  if (code.empty() || code[0] < '1' || code[0] > '4') return std::nullopt;
  // 1 名誉博士 and 2 博士; 3 硕士; 4 学士.
  return code[0] <= '2' ? 0 : std::size_t(code[0] - '2');
}

}  // namespace xr::search
