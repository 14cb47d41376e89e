#include "print/rmb_content.h"

#include "cadre/form_text.h"

namespace xr::print {
namespace {

std::string JoinLines(const std::string& first, const std::string& second) {
  if (first.empty()) return second;
  if (second.empty()) return first;
  return first + "\n" + second;
}

std::string Schools(const cadre::RmbEducationTexts& education) {
  if (education.degree_school.empty() || education.degree_school == education.level_school)
    return education.level_school;
  return JoinLines(education.level_school, education.degree_school);
}

}  // namespace

RmbContent RmbContentFor(const cadre::Dossier& dossier, const cadre::RmbTexts& t, base::Date today,
                         bool has_photo, RmbRedaction redaction) {
  const base::Date age_day = cadre::RmbAgeDate(dossier, today);
  RmbContent c;
  c.name = t.name;
  c.gender = t.gender;
  if (!t.birth_month_text.empty()) {
    c.birth = t.birth_month_text;
    if (t.birth_month)
      c.birth += "\n（" + std::to_string(cadre::AgeOn(*t.birth_month, age_day)) + "岁）";
  }
  c.ethnicity = t.ethnicity;
  c.native_place = t.native_place;
  c.birth_place = t.birth_place;
  c.party_join = t.party_join;
  if (c.party_join.empty() && !dossier.party.label.empty() && dossier.party.label != "中共党员")
    c.party_join = dossier.party.label;
  c.work_start = t.work_start;
  c.health = t.health;
  c.professional_title = t.professional_title;
  c.expertise = t.expertise;
  c.full_time_level_degree = JoinLines(t.full_time.level, t.full_time.degree);
  c.full_time_school = Schools(t.full_time);
  c.in_service_level_degree = JoinLines(t.in_service.level, t.in_service.degree);
  c.in_service_school = Schools(t.in_service);
  c.current_posts = t.current_posts;
  c.proposed_post = t.proposed_post;
  c.proposed_removal = t.proposed_removal;
  c.id_number = redaction.id_number ? std::string(kRedactedMarker) : t.id_number;
  c.retirement_month = t.retirement_month;
  c.has_photo = has_photo;
  c.resume = t.resume;
  c.rewards = t.rewards;
  c.assessments = t.assessments;
  c.reason = t.reason;
  c.family_redacted = redaction.family;
  if (!redaction.family) {
    for (const cadre::RmbFamilyRow& row : t.family) {
      std::optional<int> age = cadre::RmbFamilyAge(row, age_day);
      c.family.push_back({row.relation, row.name, age ? std::to_string(*age) : std::string(),
                          row.political_status, row.employer_and_post});
    }
  }
  c.reporting_unit = t.reporting_unit;
  c.filled_by = t.filled_by;
  c.filled_date = t.filled_date;
  return c;
}

}  // namespace xr::print
