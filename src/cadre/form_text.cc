#include "cadre/form_text.h"

#include <algorithm>
#include <charconv>
#include <climits>

#include "cadre/resume_text.h"

namespace xr::cadre {
namespace {

// GB/T 4658 code as a number; codes that are not numbers rank below every real one.
int LevelRank(const Education& entry) {
  int code = 0;
  const std::string& text = entry.level.code;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), code);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return INT_MAX;
  return code;
}

// Whether `a` is a higher education than `b` (see HighestEducation).
bool Higher(const Education& a, const Education& b) {
  const int rank_a = LevelRank(a), rank_b = LevelRank(b);
  if (rank_a != rank_b) return rank_a < rank_b;
  // No end month (still studying) counts as the latest.
  if (a.end_month != b.end_month)
    return !a.end_month || (b.end_month && *a.end_month > *b.end_month);
  return false;
}

const Education* Best(const std::vector<Education>& education, EducationKind kind,
                      bool with_degree) {
  const Education* best = nullptr;
  for (const Education& entry : education) {
    if (entry.kind != kind || (with_degree && entry.degree.label.empty())) continue;
    if (!best || !Higher(*best, entry)) best = &entry;
  }
  return best;
}

std::string FormMonthOf(base::Date date) {
  return FormMonth(*base::YearMonth::FromYm(date.year(), date.month()));
}

}  // namespace

std::optional<FormEducation> HighestEducation(const std::vector<Education>& education,
                                              EducationKind kind) {
  const Education* level = Best(education, kind, false);
  if (!level) return std::nullopt;
  FormEducation form;
  form.level = level->level.label;
  form.school_and_major = level->school_and_major;
  if (const Education* degree = Best(education, kind, true)) {
    form.degree = degree->degree.label;
    if (degree != level) form.degree_school_and_major = degree->school_and_major;
  }
  return form;
}

std::string CurrentPostsText(const std::vector<Post>& posts) {
  std::vector<const Post*> current;
  for (const Post& post : posts) {
    if (!post.end_month) current.push_back(&post);
  }
  std::stable_partition(current.begin(), current.end(), [](const Post* p) { return p->is_main; });
  std::string text;
  const Post* previous = nullptr;
  for (const Post* post : current) {
    if (previous) text += "、";
    if (!previous || previous->unit_name != post->unit_name) text += post->unit_name;
    text += post->title;
    previous = post;
  }
  return text;
}

std::string RewardsText(const std::vector<RewardOrSanction>& rewards) {
  if (rewards.empty()) return "无";
  std::vector<const RewardOrSanction*> ordered;
  for (const RewardOrSanction& r : rewards) ordered.push_back(&r);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto* a, const auto* b) { return a->date < b->date; });
  std::string text;
  for (const RewardOrSanction* r : ordered) {
    if (!text.empty()) text += "；";
    text += FormMonthOf(r->date);
    if (r->is_sanction) {
      text += "受到" + r->issuer + r->kind;
      if (r->effect_end) text += "（影响期至" + FormMonthOf(*r->effect_end) + "）";
    } else {
      if (!r->issuer.empty()) text += "被" + r->issuer;
      text += r->kind;
    }
  }
  return text + "。";
}

std::string AssessmentsText(const std::vector<Assessment>& assessments) {
  std::vector<const Assessment*> latest;
  for (const Assessment& a : assessments) latest.push_back(&a);
  std::stable_sort(latest.begin(), latest.end(),
                   [](const Assessment* a, const Assessment* b) { return a->year < b->year; });
  if (latest.size() > 3) latest.erase(latest.begin(), latest.end() - 3);
  if (latest.empty()) return "无";
  std::string text;
  for (size_t i = 0; i < latest.size(); ++i) {
    const bool run_continues = i > 0 && latest[i - 1]->grade == latest[i]->grade;
    if (i > 0) text += run_continues ? "、" : "，";
    text += std::to_string(latest[i]->year) + "年";
    const bool run_ends = i + 1 == latest.size() || latest[i + 1]->grade != latest[i]->grade;
    if (run_ends) text += "年度考核" + std::string(AssessmentGradeLabel(latest[i]->grade));
  }
  return text + "。";
}

int AgeOn(base::YearMonth birth_month, base::Date day) {
  return birth_month.FullYearsUntil(*base::YearMonth::FromYm(day.year(), day.month()));
}

}  // namespace xr::cadre
