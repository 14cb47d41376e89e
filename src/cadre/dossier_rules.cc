#include "cadre/dossier_rules.h"

#include <algorithm>
#include <set>

#include "cadre/divisions.h"
#include "cadre/id_number.h"
#include "cadre/resume_text.h"
#include "cadre/vocabulary.h"

namespace xr::cadre {
namespace {

using base::InvalidArgument;
using base::Status;
using base::YearMonth;

YearMonth MonthOf(base::Date date) { return YearMonth::FromYm(date.year(), date.month()).value(); }

size_t CharacterCount(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

// Blank: nothing but ASCII or ideographic (U+3000) spaces.
bool IsBlank(std::string_view text) {
  while (!text.empty()) {
    if (text.front() == ' ' || text.front() == '\t') {
      text.remove_prefix(1);
    } else if (text.starts_with("\u3000")) {
      text.remove_prefix(3);
    } else {
      return false;
    }
  }
  return true;
}

bool HasSpace(std::string_view text) {
  return text.find_first_of(" \t\r\n") != std::string_view::npos ||
         text.find("\u3000") != std::string_view::npos;
}

std::string Item(std::string_view array, size_t i) {
  return std::string(array) + "[" + std::to_string(i) + "]";
}
std::string Field(std::string_view array, size_t i, std::string_view name) {
  return Item(array, i) + "." + std::string(name);
}
// "第 2 条学历" — how messages name an entry for people.
std::string Nth(size_t i, std::string_view what) {
  return "第 " + std::to_string(i + 1) + " 条" + std::string(what);
}

// A coded value: `what` names it for people. The label must be an enabled item of `kind`; the
// national code is filled from it.
Status FillCode(Coded& value, const CodeTables& tables, std::string_view kind,
                std::string_view what, const std::string& field) {
  if (value.label.empty()) return InvalidArgument("请填写" + std::string(what), field);
  const std::optional<DictItem> item = tables.ByLabel(kind, value.label);
  if (!item) {
    return InvalidArgument(std::string(what) + "“" + value.label + "”不在字典中，请从列表中选择",
                           field);
  }
  value.code = item->code;
  return Status();
}

Status CheckDivision(const Place& place, std::string_view what, const std::string& field) {
  if (place.division_code.empty() || FindDivision(place.division_code)) return Status();
  return InvalidArgument(
      std::string(what) + "代码“" + place.division_code + "”不是有效的行政区划代码，请从列表中选择",
      field);
}

// GB/T 4762: 中共党员 (01), 中共预备党员 (02) and the eight 民主党派 (04–11) have a joining month.
bool PartyHasJoinMonth(const Coded& party) {
  static const std::set<std::string, std::less<>> kCodes = {"01", "02", "04", "05", "06",
                                                            "07", "08", "09", "10", "11"};
  return kCodes.contains(party.code);
}

// A span of months: start ≤ end ≤ this month (and start ≤ this month for an open one).
Status CheckSpan(YearMonth start, const std::optional<YearMonth>& end, YearMonth this_month,
                 std::string_view what, const std::string& start_field,
                 const std::string& end_field) {
  if (start > this_month) {
    return InvalidArgument(std::string(what) + "的开始时间不能晚于本月", start_field);
  }
  if (end && *end < start) {
    return InvalidArgument(std::string(what) + "的结束时间不能早于开始时间", end_field);
  }
  if (end && *end > this_month) {
    return InvalidArgument(std::string(what) + "的结束时间不能晚于本月", end_field);
  }
  return Status();
}

Status CheckBasics(Dossier& d, const CodeTables& tables, base::Date today) {
  const YearMonth this_month = MonthOf(today);
  const size_t name_length = CharacterCount(d.name);
  if (name_length < 2 || name_length > 20 || HasSpace(d.name)) {
    return InvalidArgument("姓名须为 2 至 20 个字，且不含空格", "name");
  }
  RETURN_IF_ERROR(FillCode(d.gender, tables, kDictGender, "性别", "gender"));
  if (d.birth_month > this_month) return InvalidArgument("出生年月不能晚于本月", "birth_month");
  const int age = d.birth_month.FullYearsUntil(this_month);
  if (age < 16) return InvalidArgument("出生年月须在 16 年以前，请核对", "birth_month");
  if (age > 100) return InvalidArgument("出生年月不能早于 100 年以前，请核对", "birth_month");
  RETURN_IF_ERROR(FillCode(d.ethnicity, tables, kDictEthnicity, "民族", "ethnicity"));
  RETURN_IF_ERROR(CheckDivision(d.native_place, "籍贯", "native_place_code"));
  RETURN_IF_ERROR(CheckDivision(d.birth_place, "出生地", "birth_place_code"));

  RETURN_IF_ERROR(FillCode(d.party, tables, kDictParty, "政治面貌", "party"));
  if (PartyHasJoinMonth(d.party) && !d.party_join_month) {
    return InvalidArgument("政治面貌为“" + d.party.label + "”时须填写入党（加入）时间",
                           "party_join_month");
  }
  if (d.party_join_month) {
    if (*d.party_join_month < d.birth_month) {
      return InvalidArgument("入党时间不能早于出生年月", "party_join_month");
    }
    if (*d.party_join_month > this_month) {
      return InvalidArgument("入党时间不能晚于本月", "party_join_month");
    }
    if (d.birth_month.FullYearsUntil(*d.party_join_month) < 18 && !d.party_join_age_confirmed) {
      return InvalidArgument(
          "入党时未满 18 岁：请核对入党时间；经核对档案确属如此的，请勾选“入党年龄已核实”",
          "party_join_month");
    }
  }
  if (d.work_start_month) {
    if (*d.work_start_month <= d.birth_month) {
      return InvalidArgument("参加工作时间须晚于出生年月", "work_start_month");
    }
    if (*d.work_start_month > this_month) {
      return InvalidArgument("参加工作时间不能晚于本月", "work_start_month");
    }
  }
  RETURN_IF_ERROR(FillCode(d.health, tables, kDictHealth, "健康状况", "health"));
  if (d.id_number) {
    ASSIGN_OR_RETURN(*d.id_number, NormalizeIdNumber(*d.id_number));
  }

  if (d.unit_id.value() <= 0) return InvalidArgument("请选择所在单位", "unit_id");
  const size_t managing_length = CharacterCount(d.managing_body);
  if (managing_length < 1 || managing_length > 30 || IsBlank(d.managing_body)) {
    return InvalidArgument("请填写管理权限（不超过 30 个字），如“市委管理”", "managing_body");
  }
  if (d.status != PersonStatus::kActive && IsBlank(d.status_reason)) {
    return InvalidArgument(
        "人员状态为“" + std::string(PersonStatusLabel(d.status)) + "”时须填写原因",
        "status_reason");
  }
  return Status();
}

Status CheckEducation(std::vector<Education>& education, const CodeTables& tables,
                      YearMonth this_month) {
  for (size_t i = 0; i < education.size(); ++i) {
    Education& e = education[i];
    const std::string what = Nth(i, "学历");
    RETURN_IF_ERROR(FillCode(e.level, tables, kDictEducationLevel, what + "的学历",
                             Field("education", i, "level")));
    if (e.degree.label.empty()) {
      e.degree.code.clear();
    } else {
      RETURN_IF_ERROR(FillCode(e.degree, tables, kDictDegree, what + "的学位",
                               Field("education", i, "degree")));
    }
    if (e.start_month && *e.start_month > this_month) {
      return InvalidArgument(what + "的入学时间不能晚于本月", Field("education", i, "start_month"));
    }
    if (e.end_month && e.start_month && *e.end_month < *e.start_month) {
      return InvalidArgument(what + "的毕业时间不能早于入学时间",
                             Field("education", i, "end_month"));
    }
    if (e.end_month && *e.end_month > this_month) {
      return InvalidArgument(what + "的毕业时间不能晚于本月", Field("education", i, "end_month"));
    }
  }
  return Status();
}

Status CheckResume(const std::vector<ResumeEntry>& resume, YearMonth this_month) {
  std::optional<size_t> open;
  for (size_t i = 0; i < resume.size(); ++i) {
    const ResumeEntry& entry = resume[i];
    const std::string what = Nth(i, "简历");
    RETURN_IF_ERROR(CheckSpan(entry.start, entry.end, this_month, what, Field("resume", i, "start"),
                              Field("resume", i, "end")));
    if (IsBlank(entry.unit) && IsBlank(entry.post)) {
      return InvalidArgument(what + "须填写单位或职务", Field("resume", i, "unit"));
    }
    if (!entry.end) {
      if (open) {
        return InvalidArgument("简历中只能有一条“至今”的经历（" + Nth(*open, "") + "已是）",
                               Field("resume", i, "end"));
      }
      open = i;
    }
    for (size_t j = 0; j < entry.during.size(); ++j) {
      const ResumeEntry& during = entry.during[j];
      const std::string path = Item("resume", i) + "." + Item("during", j);
      RETURN_IF_ERROR(CheckSpan(during.start, during.end, this_month,
                                what + "的第 " + std::to_string(j + 1) + " 条“其间”经历",
                                path + ".start", path + ".end"));
      if (!during.during.empty()) {
        return InvalidArgument("“其间”经历不能再含“其间”经历", path + ".during");
      }
    }
  }
  return Status();
}

Status CheckPosts(const std::vector<Post>& posts, YearMonth this_month) {
  std::optional<size_t> main;
  bool any_current = false;
  for (size_t i = 0; i < posts.size(); ++i) {
    const Post& post = posts[i];
    const std::string what = Nth(i, "职务");
    const size_t length = CharacterCount(post.title);
    if (length < 1 || length > 100 || IsBlank(post.title)) {
      return InvalidArgument(what + "须填写职务名称（不超过 100 个字）",
                             Field("posts", i, "title"));
    }
    if (post.start_month > this_month) {
      return InvalidArgument(what + "的任职时间不能晚于本月", Field("posts", i, "start_month"));
    }
    if (post.end_month && *post.end_month < post.start_month) {
      return InvalidArgument(what + "的免职时间不能早于任职时间", Field("posts", i, "end_month"));
    }
    if (post.end_month && *post.end_month > this_month) {
      return InvalidArgument(what + "的免职时间不能晚于本月", Field("posts", i, "end_month"));
    }
    if (post.end_month) continue;
    any_current = true;
    if (post.is_main) {
      if (main) {
        return InvalidArgument("现任职务中只能有一个主要职务（" + Nth(*main, "职务") + "已是）",
                               Field("posts", i, "is_main"));
      }
      main = i;
    }
  }
  if (any_current && !main) return InvalidArgument("请在现任职务中指定一个主要职务", "posts");
  return Status();
}

Status CheckRanks(const std::vector<RankRecord>& ranks, YearMonth this_month) {
  std::optional<size_t> current;
  for (size_t i = 0; i < ranks.size(); ++i) {
    const RankRecord& rank = ranks[i];
    const std::string what = Nth(i, "职级");
    if (!Contains(Ranks(), rank.rank)) {
      return InvalidArgument(what + "“" + rank.rank + "”不是综合管理类公务员职级，请从列表中选择",
                             Field("ranks", i, "rank"));
    }
    RETURN_IF_ERROR(CheckSpan(rank.start_month, rank.end_month, this_month, what,
                              Field("ranks", i, "start_month"), Field("ranks", i, "end_month")));
    if (!rank.end_month) {
      if (current) {
        return InvalidArgument("只能有一个现任职级（" + Nth(*current, "职级") + "已是）",
                               Field("ranks", i, "end_month"));
      }
      current = i;
    }
  }
  return Status();
}

Status CheckAssessments(const std::vector<Assessment>& assessments, YearMonth birth_month,
                        base::Date today) {
  std::set<int> years;
  for (size_t i = 0; i < assessments.size(); ++i) {
    const int year = assessments[i].year;
    const std::string field = Field("assessments", i, "year");
    if (year > today.year()) return InvalidArgument("考核年度不能晚于今年", field);
    if (year < birth_month.year() + 16) {
      return InvalidArgument("考核年度 " + std::to_string(year) + " 早于年满 16 岁的年份", field);
    }
    if (!years.insert(year).second) {
      return InvalidArgument(std::to_string(year) + " 年度的考核结果重复，每年只能有一条", field);
    }
  }
  return Status();
}

Status CheckRewards(const std::vector<RewardOrSanction>& rewards, base::Date today) {
  for (size_t i = 0; i < rewards.size(); ++i) {
    const RewardOrSanction& r = rewards[i];
    const std::string what = Nth(i, "奖惩");
    if (IsBlank(r.kind)) {
      return InvalidArgument(what + "须填写奖惩名称（如嘉奖、记三等功、警告）",
                             Field("rewards", i, "kind"));
    }
    if (r.date > today)
      return InvalidArgument(what + "的日期不能晚于今天", Field("rewards", i, "date"));
    if (r.effect_end && !r.is_sanction) {
      return InvalidArgument(what + "是奖励，不能填写影响期", Field("rewards", i, "effect_end"));
    }
    if (r.effect_end && *r.effect_end < r.date) {
      return InvalidArgument(what + "的影响期结束日期不能早于处分日期",
                             Field("rewards", i, "effect_end"));
    }
  }
  return Status();
}

Status CheckTrainings(const std::vector<Training>& trainings) {
  for (size_t i = 0; i < trainings.size(); ++i) {
    const Training& t = trainings[i];
    const std::string what = Nth(i, "培训");
    if (IsBlank(t.course)) {
      return InvalidArgument(what + "须填写培训班名称", Field("trainings", i, "course"));
    }
    if (t.hours < 1 || t.hours > 10000) {
      return InvalidArgument(what + "的学时须为 1 至 10000 的整数", Field("trainings", i, "hours"));
    }
    if (t.end < t.start) {
      return InvalidArgument(what + "的结束日期不能早于开始日期", Field("trainings", i, "end"));
    }
  }
  return Status();
}

Status CheckFamily(std::vector<FamilyMember>& family, const CodeTables& tables,
                   YearMonth this_month) {
  for (size_t i = 0; i < family.size(); ++i) {
    FamilyMember& member = family[i];
    const std::string what = Nth(i, "家庭成员");
    RETURN_IF_ERROR(FillCode(member.relation, tables, kDictRelation, what + "的称谓",
                             Field("family", i, "relation")));
    const size_t length = CharacterCount(member.name);
    if (length < 1 || length > 20 || IsBlank(member.name)) {
      return InvalidArgument(what + "须填写姓名（不超过 20 个字）", Field("family", i, "name"));
    }
    if (member.birth_month && *member.birth_month > this_month) {
      return InvalidArgument(what + "的出生年月不能晚于本月", Field("family", i, "birth_month"));
    }
    if (member.political_status.label.empty()) {
      member.political_status.code.clear();
    } else {
      RETURN_IF_ERROR(FillCode(member.political_status, tables, kDictParty, what + "的政治面貌",
                               Field("family", i, "political_status")));
    }
    if (member.id_number) {
      auto normalized = NormalizeIdNumber(*member.id_number);
      if (!normalized.ok()) {
        return InvalidArgument(what + "的" + normalized.status().message(),
                               Field("family", i, "id_number"));
      }
      member.id_number = *std::move(normalized);
    }
  }
  return Status();
}

// Minimum full years in the rank below before reaching `rank_index` (Ranks(), highest first):
// 一级/二级巡视员 4, 一级调研员 3, every other step 2 (职务与职级并行规定 第18条; RULES.md §2).
int MinimumYearsInto(size_t rank_index) {
  if (rank_index <= 1) return 4;
  if (rank_index == 2) return 3;
  return 2;
}

void AddRankFindings(const std::vector<RankRecord>& ranks, std::vector<RuleFinding>& findings) {
  const auto ladder = Ranks();
  std::vector<size_t> order(ranks.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return ranks[a].start_month < ranks[b].start_month; });
  auto index_of = [&](const RankRecord& r) -> std::optional<size_t> {
    const auto it = std::find(ladder.begin(), ladder.end(), r.rank);
    if (it == ladder.end()) return std::nullopt;
    return size_t(it - ladder.begin());
  };
  for (size_t k = 1; k < order.size(); ++k) {
    const RankRecord& previous = ranks[order[k - 1]];
    const RankRecord& next = ranks[order[k]];
    const auto from = index_of(previous), to = index_of(next);
    // Only a promotion by one step is measured: lateral records and the 2019 套转 are not.
    if (!from || !to || *to + 1 != *from) continue;
    const int required = MinimumYearsInto(*to);
    const int years = previous.start_month.FullYearsUntil(next.start_month);
    if (years >= required) continue;
    findings.push_back({Field("ranks", order[k], "start_month"), "RANK_YEARS_SHORT",
                        "晋升" + next.rank + "前任" + previous.rank + "仅 " +
                            std::to_string(years) + " 年，不足 " + std::to_string(required) +
                            " 年的最低任职年限，请核对"});
  }
}

}  // namespace

base::Result<std::vector<RuleFinding>> ValidateDossier(Dossier& dossier, const CodeTables& tables,
                                                       base::Date today) {
  const YearMonth this_month = MonthOf(today);
  RETURN_IF_ERROR(CheckBasics(dossier, tables, today));
  RETURN_IF_ERROR(CheckEducation(dossier.education, tables, this_month));
  RETURN_IF_ERROR(CheckResume(dossier.resume, this_month));
  RETURN_IF_ERROR(CheckPosts(dossier.posts, this_month));
  RETURN_IF_ERROR(CheckRanks(dossier.ranks, this_month));
  RETURN_IF_ERROR(CheckAssessments(dossier.assessments, dossier.birth_month, today));
  RETURN_IF_ERROR(CheckRewards(dossier.rewards, today));
  RETURN_IF_ERROR(CheckTrainings(dossier.trainings));
  RETURN_IF_ERROR(CheckFamily(dossier.family, tables, this_month));
  return DossierWarnings(dossier, today);
}

std::vector<RuleFinding> DossierWarnings(const Dossier& d, base::Date /*today*/) {
  std::vector<RuleFinding> findings;
  if (d.id_number) {
    if (const std::optional<IdNumberFacts> facts = ParseIdFacts(*d.id_number)) {
      const YearMonth id_month = MonthOf(facts->birth_date);
      if (id_month != d.birth_month) {
        findings.push_back({"id_number", "ID_BIRTH_MISMATCH",
                            "公民身份号码中的出生年月（" + FormMonth(id_month) + "）与出生年月（" +
                                FormMonth(d.birth_month) +
                                "）不一致，请以最早形成的档案材料为准核对"});
      }
      if ((d.gender.label == "男" || d.gender.label == "女") &&
          d.gender.label != facts->gender_label()) {
        findings.push_back({"id_number", "ID_GENDER_MISMATCH",
                            "公民身份号码第 17 位表示的性别（" +
                                std::string(facts->gender_label()) + "）与性别（" + d.gender.label +
                                "）不一致，请核对"});
      }
    }
  }
  if (d.party_join_month && d.party_join_age_confirmed &&
      d.birth_month.FullYearsUntil(*d.party_join_month) < 18) {
    findings.push_back(
        {"party_join_month", "PARTY_JOIN_UNDER_18", "入党时未满 18 岁（已核实档案）"});
  }
  if (d.work_start_month && d.birth_month.FullYearsUntil(*d.work_start_month) < 16) {
    findings.push_back(
        {"work_start_month", "WORK_START_UNDER_16", "参加工作时未满 16 岁，请核对参加工作时间"});
  }
  for (RuleFinding& finding : ResumeFindings(d.resume)) findings.push_back(std::move(finding));
  for (size_t i = 0; i < d.posts.size(); ++i) {
    if (d.work_start_month && d.posts[i].start_month < *d.work_start_month) {
      findings.push_back({Field("posts", i, "start_month"), "POST_BEFORE_WORK_START",
                          Nth(i, "职务") + "的任职时间早于参加工作时间，请核对"});
    }
  }
  AddRankFindings(d.ranks, findings);
  const bool holds_post =
      std::any_of(d.posts.begin(), d.posts.end(), [](const Post& p) { return !p.end_month; });
  if (d.status != PersonStatus::kActive && holds_post) {
    findings.push_back({"status", "NOT_ACTIVE_WITH_CURRENT_POST",
                        "人员状态为“" + std::string(PersonStatusLabel(d.status)) +
                            "”，但仍有现任职务，请填写免职时间"});
  }
  return findings;
}

}  // namespace xr::cadre
