#include "cadre/rmb_text.h"

#include <algorithm>
#include <cstdio>

#include "cadre/form_text.h"
#include "cadre/resume_text.h"
#include "cadre/retirement.h"
#include "store/multi_row_insert.h"

namespace xr::cadre {
namespace {

std::string MonthText(const std::optional<base::YearMonth>& month) {
  return month ? FormMonth(*month) : std::string();
}

std::string DayText(const std::optional<base::Date>& day) {
  if (!day) return {};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d.%02u.%02u", day->year(), day->month(), day->day());
  return buffer;
}

RmbEducationTexts EducationTexts(const std::vector<Education>& education, EducationKind kind) {
  std::optional<FormEducation> highest = HighestEducation(education, kind);
  if (!highest) return {};
  return {highest->level, highest->degree, highest->school_and_major,
          highest->degree_school_and_major};
}

// Element name → member, for the text elements of RmbTexts.
struct TextMember {
  std::string_view element;
  std::string RmbTexts::*member;
  std::string RmbEducationTexts::*education_member;
  RmbEducationTexts RmbTexts::*education;
};

constexpr TextMember kTextMembers[] = {
    {"XingMing", &RmbTexts::name, nullptr, nullptr},
    {"XingBie", &RmbTexts::gender, nullptr, nullptr},
    {"MinZu", &RmbTexts::ethnicity, nullptr, nullptr},
    {"JiGuan", &RmbTexts::native_place, nullptr, nullptr},
    {"ChuShengDi", &RmbTexts::birth_place, nullptr, nullptr},
    {"JianKangZhuangKuang", &RmbTexts::health, nullptr, nullptr},
    {"ZhuanYeJiShuZhiWu", &RmbTexts::professional_title, nullptr, nullptr},
    {"ShuXiZhuanYeYouHeZhuanChang", &RmbTexts::expertise, nullptr, nullptr},
    {"QuanRiZhiJiaoYu_XueLi", nullptr, &RmbEducationTexts::level, &RmbTexts::full_time},
    {"QuanRiZhiJiaoYu_XueWei", nullptr, &RmbEducationTexts::degree, &RmbTexts::full_time},
    {"QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", nullptr, &RmbEducationTexts::level_school,
     &RmbTexts::full_time},
    {"QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", nullptr, &RmbEducationTexts::degree_school,
     &RmbTexts::full_time},
    {"ZaiZhiJiaoYu_XueLi", nullptr, &RmbEducationTexts::level, &RmbTexts::in_service},
    {"ZaiZhiJiaoYu_XueWei", nullptr, &RmbEducationTexts::degree, &RmbTexts::in_service},
    {"ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", nullptr, &RmbEducationTexts::level_school,
     &RmbTexts::in_service},
    {"ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", nullptr, &RmbEducationTexts::degree_school,
     &RmbTexts::in_service},
    {"XianRenZhiWu", &RmbTexts::current_posts, nullptr, nullptr},
    {"NiRenZhiWu", &RmbTexts::proposed_post, nullptr, nullptr},
    {"NiMianZhiWu", &RmbTexts::proposed_removal, nullptr, nullptr},
    {"JianLi", &RmbTexts::resume, nullptr, nullptr},
    {"JiangChengQingKuang", &RmbTexts::rewards, nullptr, nullptr},
    {"NianDuKaoHeJieGuo", &RmbTexts::assessments, nullptr, nullptr},
    {"RenMianLiYou", &RmbTexts::reason, nullptr, nullptr},
    {"ChengBaoDanWei", &RmbTexts::reporting_unit, nullptr, nullptr},
    {"TianBiaoRen", &RmbTexts::filled_by, nullptr, nullptr},
    {"ShenFenZheng", &RmbTexts::id_number, nullptr, nullptr},
    {"GaiGeQianRenZhiNianLingJieXian", &RmbTexts::retirement_limit_text, nullptr, nullptr},
};

const TextMember* FindMember(std::string_view element) {
  for (const TextMember& m : kTextMembers)
    if (m.element == element) return &m;
  return nullptr;
}

}  // namespace

RmbTexts GenerateRmbTexts(const Dossier& d) {
  RmbTexts t;
  t.name = d.name;
  t.gender = d.gender.label;
  t.birth_month = d.birth_month;
  t.birth_month_text = FormMonth(d.birth_month);
  t.ethnicity = d.ethnicity.label;
  t.native_place = d.native_place.text;
  t.birth_place = d.birth_place.text;
  t.party_join = MonthText(d.party_join_month);
  t.work_start = MonthText(d.work_start_month);
  t.health = d.health.label;
  t.professional_title = d.professional_title;
  t.expertise = d.expertise;
  t.full_time = EducationTexts(d.education, EducationKind::kFullTime);
  t.in_service = EducationTexts(d.education, EducationKind::kInService);
  t.current_posts = CurrentPostsText(d.posts);
  t.proposed_post = d.appointment.proposed_post;
  t.proposed_removal = d.appointment.proposed_removal;
  t.resume = ResumeText(d.resume);
  t.rewards = RewardsText(d.rewards);
  t.assessments = AssessmentsText(d.assessments);
  t.reason = d.appointment.reason;
  for (const FamilyMember& member : d.family)
    t.family.push_back({member.relation.label, member.name, member.birth_month,
                        member.political_status.label, member.employer_and_post});
  t.reporting_unit = d.appointment.reporting_unit;
  t.age_reference_date = DayText(d.appointment.age_reference_date);
  t.filled_date = d.appointment.filled_date
                      ? FormMonth(*base::YearMonth::FromYm(d.appointment.filled_date->year(),
                                                           d.appointment.filled_date->month()))
                      : std::string();
  t.filled_by = d.appointment.filled_by;
  t.id_number = d.id_number.value_or("");
  t.retirement_month = MonthText(RetirementMonthOf(d));
  t.retirement_limit_text = d.appointment.retirement_limit_text;
  return t;
}

const std::string* RmbTextOf(const RmbTexts& texts, std::string_view element) {
  const TextMember* m = FindMember(element);
  if (m == nullptr) return nullptr;
  if (m->member != nullptr) return &(texts.*(m->member));
  return &((texts.*(m->education)).*(m->education_member));
}

std::string* RmbTextOf(RmbTexts& texts, std::string_view element) {
  return const_cast<std::string*>(RmbTextOf(static_cast<const RmbTexts&>(texts), element));
}

std::vector<KeptText> KeptTextsFor(
    const Dossier& imported, const std::vector<std::pair<std::string, std::string>>& written) {
  RmbTexts generated = GenerateRmbTexts(imported);
  std::vector<KeptText> kept;
  for (std::string_view element : kRmbDerivedElements) {
    std::string as_written;
    for (const auto& [name, text] : written)
      if (name == element) as_written = text;
    const std::string& as_generated = *RmbTextOf(generated, element);
    if (as_written != as_generated)
      kept.push_back({std::string(element), std::move(as_written), as_generated});
  }
  return kept;
}

std::string KeptOr(const std::vector<KeptText>& kept, std::string_view element,
                   const std::string& generated) {
  for (const KeptText& k : kept)
    if (k.element == element) return k.as_generated == generated ? k.as_written : generated;
  return generated;
}

RmbTexts ApplyKeptTexts(RmbTexts generated, const std::vector<KeptText>& kept) {
  for (const KeptText& k : kept) {
    std::string* text = RmbTextOf(generated, k.element);
    if (text != nullptr && *text == k.as_generated) *text = k.as_written;
  }
  return generated;
}

base::Date RmbAgeDate(const Dossier& dossier, base::Date today) {
  return dossier.appointment.age_reference_date.value_or(today);
}

std::optional<int> RmbFamilyAge(const RmbFamilyRow& row, base::Date day) {
  if (!row.birth_month) return std::nullopt;
  if (row.employer_and_post.find("去世") != std::string::npos ||
      row.employer_and_post.find("已故") != std::string::npos)
    return std::nullopt;
  return AgeOn(*row.birth_month, day);
}

base::Status AddKeptTexts(store::Transaction& tx, CadreId id, const std::vector<KeptText>& kept) {
  // One statement for a form's dozen elements.
  store::MultiRowInsert rows("cadre_kept_texts", "cadre_id, element, as_written, as_generated");
  for (const KeptText& k : kept) rows.Add({id, k.element, k.as_written, k.as_generated});
  return rows.Write(tx);
}

base::Status StoreKeptTexts(store::Transaction& tx, CadreId id, const std::vector<KeptText>& kept) {
  RETURN_IF_ERROR(tx.ExecuteDeferred("DELETE FROM cadre_kept_texts WHERE cadre_id = ?", {id}));
  return AddKeptTexts(tx, id, kept);
}

base::Result<std::vector<KeptText>> LoadKeptTexts(store::Transaction& tx, CadreId id) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   tx.Query("SELECT element, as_written, as_generated FROM cadre_kept_texts "
                            "WHERE cadre_id = ? ORDER BY element",
                            {id}));
  std::vector<KeptText> kept;
  kept.reserve(rows.size());
  for (const store::Row& row : rows) kept.push_back({row.Text(0), row.Text(1), row.Text(2)});
  return kept;
}

base::Result<RmbTexts> LoadRmbTexts(store::Transaction& tx, const Dossier& dossier) {
  ASSIGN_OR_RETURN(std::vector<KeptText> kept, LoadKeptTexts(tx, dossier.id));
  return ApplyKeptTexts(GenerateRmbTexts(dossier), kept);
}

std::vector<store::Migration> KeptTextMigrations() {
  return {
      // The texts an imported form came with (rmb_text.h): per derived element, as written and
      // as the generator produced it from the imported data. The LRMX file's Version and its
      // unknown elements (ordered XML fragments), written back on export.
      {2026112980, "cadre: kept texts of imported forms, LRMX extras", R"sql(
CREATE TABLE cadre_kept_texts (
  cadre_id BIGINT NOT NULL REFERENCES cadres(id),
  element TEXT NOT NULL,
  as_written TEXT NOT NULL,
  as_generated TEXT NOT NULL,
  PRIMARY KEY (cadre_id, element)
);
CREATE TABLE cadre_lrmx_extras (
  cadre_id BIGINT PRIMARY KEY REFERENCES cadres(id),
  version TEXT NOT NULL,
  unknown_elements TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
)sql",
       ""},
  };
}

}  // namespace xr::cadre
