#include "demo/demo_dossier.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "app/application.h"
#include "base/clock.h"
#include "cadre/dictionary_repository.h"
#include "cadre/dossier_rules.h"
#include "cadre/id_number.h"
#include "cadre/vocabulary.h"
#include "store/migrate.h"
#include "testing/test_database.h"

namespace xr::demo {
namespace {

using cadre::AssessmentGrade;
using cadre::Dossier;

const base::Date kToday = *base::Date::Parse("2026-11-27");
constexpr int kCityCadres = 20000;

const DemoIds& TestIds() {
  static const DemoIds ids{[](int unit) { return org::UnitId(1000 + unit); },
                           [](int cadre) { return cadre::CadreId(1 + cadre); }};
  return ids;
}

const DemoCity& City() {
  static const DemoCity city = BuildDemoCity(kCityCadres, 11, kToday);
  return city;
}

// The national code tables as the migrations seed them, from a fresh SQLite database.
const cadre::CodeTables& Tables() {
  static const cadre::CodeTables tables = [] {
    auto db = xr::testing::CreateTestDatabase(xr::testing::Engine::kSqlite);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    base::FakeClock clock(*base::Timestamp::Parse("2026-11-27T00:00:00Z"));
    EXPECT_TRUE(store::Migrate(**db, app::AllMigrations(), clock).ok());
    auto loaded = (*db)->TransactValue<cadre::CodeTables>(
        store::TxMode::kRead, [](store::Transaction& tx) { return cadre::LoadCodeTables(tx); });
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return *loaded;
  }();
  return tables;
}

// A sample of a few thousand: every 7th cadre (leaders and staff alike) and every linked one.
std::vector<int> Sample() {
  std::vector<int> sample;
  for (int i = 0; i < kCityCadres; ++i) {
    if (i % 7 == 0 || City().cadres[size_t(i)].relative >= 0) sample.push_back(i);
  }
  return sample;
}

int Months(base::YearMonth m) { return m.year() * 12 + int(m.month()) - 1; }

int RankIndex(std::string_view rank) {
  const auto ranks = cadre::Ranks();
  return int(std::find(ranks.begin(), ranks.end(), rank) - ranks.begin());
}

TEST(DemoDossierTest, IsDeterministic) {
  const DemoCity again = BuildDemoCity(kCityCadres, 11, kToday);
  for (int i : {0, 1, 57, 1234, 19999}) {
    EXPECT_EQ(BuildDemoDossier(City(), i, TestIds()), BuildDemoDossier(again, i, TestIds())) << i;
  }
  const DemoCity other = BuildDemoCity(kCityCadres, 12, kToday);
  EXPECT_NE(BuildDemoDossier(City(), 5000, TestIds()).name,
            BuildDemoDossier(other, 5000, TestIds()).name);
}

TEST(DemoDossierTest, SampleValidatesWithoutWarnings) {
  std::map<std::string, int> warning_codes;
  int validated = 0;
  for (int i : Sample()) {
    Dossier d = BuildDemoDossier(City(), i, TestIds());
    auto findings = cadre::ValidateDossier(d, Tables(), kToday);
    ASSERT_TRUE(findings.ok()) << "cadre " << i << " " << d.name << ": "
                               << findings.status().ToString();
    for (const cadre::RuleFinding& f : *findings) {
      if (warning_codes[f.code]++ == 0) {
        ADD_FAILURE() << "cadre " << i << " " << d.name << ": " << f.field << " " << f.code << " "
                      << f.message;
      }
    }
    // The codes came from the tables: every coded label is known.
    EXPECT_EQ(d.gender.code, d.gender.label == "男" ? "1" : "2");
    EXPECT_FALSE(d.ethnicity.code.empty());
    EXPECT_FALSE(d.party.code.empty());
    EXPECT_FALSE(d.health.code.empty());
    ++validated;
  }
  EXPECT_GT(validated, 2500);
}

// The parts of a dossier agree with each other and with the compact cadre it came from.
TEST(DemoDossierTest, PartsAgree) {
  for (int i : Sample()) {
    SCOPED_TRACE("cadre " + std::to_string(i));
    const DemoCadre& c = City().cadres[size_t(i)];
    const Dossier d = BuildDemoDossier(City(), i, TestIds());
    EXPECT_EQ(d.name, DemoCadreName(c));
    EXPECT_EQ(d.unit_id, org::UnitId(1000 + c.unit_index));

    // ID number: a real county (the birth place), the birth month and the gender.
    ASSERT_TRUE(d.id_number.has_value());
    auto canonical = cadre::NormalizeIdNumber(*d.id_number);
    ASSERT_TRUE(canonical.ok()) << *d.id_number;
    const auto facts = cadre::ParseIdFacts(*canonical);
    ASSERT_TRUE(facts.has_value());
    EXPECT_EQ(facts->birth_date.year(), d.birth_month.year());
    EXPECT_EQ(facts->birth_date.month(), d.birth_month.month());
    EXPECT_EQ(facts->male, d.gender.label == "男");
    const auto county = cadre::FindDivision(d.id_number->substr(0, 6));
    ASSERT_TRUE(county.has_value()) << *d.id_number;
    EXPECT_EQ(county->level, cadre::DivisionLevel::kCounty);
    EXPECT_EQ(d.birth_place.division_code, d.id_number->substr(0, 6));
    EXPECT_TRUE(cadre::FindDivision(d.native_place.division_code).has_value());
    EXPECT_FALSE(d.native_place.text.empty());

    // Education ends when work starts; the 简历 begins with it and tiles the working life.
    ASSERT_TRUE(d.work_start_month.has_value());
    base::YearMonth last_full_time;
    for (const cadre::Education& e : d.education) {
      if (e.kind == cadre::EducationKind::kFullTime) last_full_time = *e.end_month;
      EXPECT_LE(*e.start_month, *e.end_month);
    }
    EXPECT_EQ(last_full_time, *d.work_start_month);
    ASSERT_GE(d.resume.size(), 2u);
    EXPECT_EQ(d.resume.front().kind, cadre::ResumeKind::kStudy);
    EXPECT_FALSE(d.resume.back().end.has_value());  // 至今
    size_t study_lines = 0;
    for (size_t k = 0; k < d.resume.size(); ++k) {
      if (d.resume[k].kind == cadre::ResumeKind::kStudy) {
        EXPECT_EQ(k, study_lines++);  // study first
      }
      if (k > 0) {
        EXPECT_EQ(d.resume[k].start, *d.resume[k - 1].end) << "line " << k;
      }
    }
    EXPECT_EQ(d.resume[study_lines].start, *d.work_start_month);

    // One post per work line, the last one current and 主要职务, matching the cadre's own post.
    ASSERT_EQ(d.posts.size(), d.resume.size() - study_lines);
    for (size_t k = 0; k < d.posts.size(); ++k) {
      const cadre::ResumeEntry& line = d.resume[study_lines + k];
      EXPECT_EQ(d.posts[k].title, line.post);
      EXPECT_EQ(d.posts[k].unit_name, line.unit);
      EXPECT_EQ(d.posts[k].start_month, line.start);
      EXPECT_EQ(d.posts[k].end_month, line.end);
      EXPECT_EQ(d.posts[k].is_main, k + 1 == d.posts.size());
      EXPECT_FALSE(d.posts[k].document_number.empty());
    }
    EXPECT_EQ(d.posts.back().title, DemoCadreTitle(City(), c));
    EXPECT_EQ(d.posts.back().unit_id, d.unit_id);

    // Ranks climb one step at a time from the start of work, each after its minimum years.
    ASSERT_FALSE(d.ranks.empty());
    EXPECT_EQ(d.ranks.front().start_month, *d.work_start_month);
    EXPECT_EQ(RankIndex(d.ranks.back().rank), c.rank);
    EXPECT_FALSE(d.ranks.back().end_month.has_value());
    for (size_t k = 1; k < d.ranks.size(); ++k) {
      const int to = RankIndex(d.ranks[k].rank);
      EXPECT_EQ(to + 1, RankIndex(d.ranks[k - 1].rank));
      EXPECT_EQ(*d.ranks[k - 1].end_month, d.ranks[k].start_month);
      EXPECT_GE(Months(d.ranks[k].start_month) - Months(d.ranks[k - 1].start_month),
                MinMonthsInto(to));
    }
    // Only party members work in party committees and the discipline commission, and a 书记 is
    // one.
    if (d.party.label != "中共党员" && d.party.label != "中共预备党员") {
      for (const cadre::Post& p : d.posts) {
        EXPECT_FALSE(p.unit_name.starts_with("中共")) << d.party.label << " " << p.unit_name;
        EXPECT_FALSE(p.title.ends_with("书记")) << d.party.label << " " << p.title;
      }
    }
    // A staff line is titled by the rank held then.
    for (size_t k = 0; k < d.posts.size(); ++k) {
      if (RankIndex(d.posts[k].title) < 12) {
        const auto held = std::find_if(d.ranks.rbegin(), d.ranks.rend(), [&](const auto& r) {
          return r.start_month <= d.posts[k].start_month;
        });
        ASSERT_NE(held, d.ranks.rend());
        EXPECT_EQ(held->rank, d.posts[k].title);
      }
    }

    // Assessments every year from the start of work to last year, the first 不定等次.
    const int first = d.work_start_month->year();
    ASSERT_EQ(int(d.assessments.size()), std::max(0, kToday.year() - first));
    for (size_t k = 0; k < d.assessments.size(); ++k) {
      EXPECT_EQ(d.assessments[k].year, first + int(k));
    }
    if (!d.assessments.empty()) {
      EXPECT_EQ(d.assessments.front().grade, AssessmentGrade::kUngraded);
    }
    // A 嘉奖 names an 优秀 year; a 记三等功 comes after three 优秀 years in a row.
    std::set<int> excellent;
    for (const cadre::Assessment& a : d.assessments) {
      if (a.grade == AssessmentGrade::kExcellent) excellent.insert(a.year);
    }
    for (const cadre::RewardOrSanction& r : d.rewards) {
      EXPECT_LE(r.date, kToday);
      if (r.kind == "嘉奖") {
        EXPECT_TRUE(excellent.count(std::stoi(r.reason.substr(0, 4)))) << r.reason;
      } else if (r.kind == "记三等功") {
        const int year = r.date.year() - 1;
        EXPECT_TRUE(excellent.count(year) && excellent.count(year - 1) && excellent.count(year - 2))
            << r.reason;
      } else {
        // A sanction: its 影响期 passes before the next promotion.
        ASSERT_TRUE(r.is_sanction) << r.kind;
        ASSERT_TRUE(r.effect_end.has_value());
        EXPECT_GT(*r.effect_end, r.date);
        for (const cadre::RankRecord& rank : d.ranks) {
          const base::Date promoted =
              *base::Date::FromYmd(rank.start_month.year(), rank.start_month.month(), 1);
          EXPECT_FALSE(promoted > r.date && promoted <= *r.effect_end)
              << r.kind << " " << rank.rank;
        }
        EXPECT_FALSE(excellent.count(r.date.year())) << "优秀 in a year of " << r.kind;
      }
    }
    for (const cadre::Training& t : d.trainings) {
      EXPECT_LE(t.start, t.end);
      EXPECT_LE(t.end, kToday);
      EXPECT_GT(t.hours, 0);
    }

    // Family: the spouse's relation fits the gender; a linked relative names this cadre back.
    for (const cadre::FamilyMember& m : d.family) {
      if (m.relation.label == "妻子") {
        EXPECT_EQ(d.gender.label, "男");
      }
      if (m.relation.label == "丈夫") {
        EXPECT_EQ(d.gender.label, "女");
      }
      if (m.relation.label == "儿子" || m.relation.label == "女儿") {
        EXPECT_GE(Months(*m.birth_month) - Months(d.birth_month), 18 * 12) << m.name;
      }
      if (m.relation.label == "父亲" || m.relation.label == "母亲") {
        EXPECT_GE(Months(d.birth_month) - Months(*m.birth_month), 18 * 12) << m.name;
      }
    }
    if (c.relative >= 0) {
      const DemoCadre& relative = City().cadres[size_t(c.relative)];
      const auto linked = std::find_if(d.family.begin(), d.family.end(), [&](const auto& m) {
        return m.cadre_id == cadre::CadreId(1 + c.relative);
      });
      ASSERT_NE(linked, d.family.end());
      EXPECT_EQ(linked->name, DemoCadreName(relative));
      EXPECT_EQ(*linked->birth_month, relative.birth_month);
      const std::string expected =
          c.relative_link == RelativeLink::kSpouse   ? (c.male ? "妻子" : "丈夫")
          : c.relative_link == RelativeLink::kParent ? (relative.male ? "父亲" : "母亲")
                                                     : (relative.male ? "儿子" : "女儿");
      EXPECT_EQ(linked->relation.label, expected);
    }
  }
}

// What a large roster looks like: about 17% 优秀, rare 基本称职 and sanctions, some study in
// service, relatives who are cadres, and names and ID numbers that are (nearly / wholly) unique.
TEST(DemoDossierTest, ProportionsAreBelievable) {
  int graded = 0, excellent = 0, basic = 0, sanctioned = 0, in_service = 0, linked = 0, merits = 0,
      dossiers = 0;
  std::set<std::string> id_numbers;
  for (int i : Sample()) {
    const Dossier d = BuildDemoDossier(City(), i, TestIds());
    ++dossiers;
    for (const cadre::Assessment& a : d.assessments) {
      if (a.grade == AssessmentGrade::kUngraded) continue;
      ++graded;
      excellent += a.grade == AssessmentGrade::kExcellent;
      basic += a.grade == AssessmentGrade::kBasicallyCompetent;
    }
    sanctioned += std::any_of(d.rewards.begin(), d.rewards.end(),
                              [](const auto& r) { return r.is_sanction; });
    merits += std::any_of(d.rewards.begin(), d.rewards.end(),
                          [](const auto& r) { return r.kind == "记三等功"; });
    in_service += std::any_of(d.resume.begin(), d.resume.end(),
                              [](const auto& e) { return !e.during.empty(); });
    linked += std::any_of(d.family.begin(), d.family.end(),
                          [](const auto& m) { return m.cadre_id.has_value(); });
    EXPECT_TRUE(id_numbers.insert(*d.id_number).second) << *d.id_number;
  }
  EXPECT_GT(excellent * 100, graded * 14);
  EXPECT_LT(excellent * 100, graded * 21);
  EXPECT_GT(basic, 0);
  EXPECT_LT(basic * 100, graded);
  EXPECT_GT(sanctioned, 0);
  EXPECT_LT(sanctioned * 100, dossiers * 3);
  EXPECT_GT(merits, 0);
  EXPECT_GT(in_service * 100, dossiers * 15);
  EXPECT_GT(linked * 100, dossiers * 5);  // the sample holds every linked cadre
}

TEST(DemoCityTest, IdNumbersAreUniqueAndLinksAreMutual) {
  std::set<std::tuple<std::string_view, int, int, int, int>> ids;
  int spouses = 0, parents = 0;
  for (size_t i = 0; i < City().cadres.size(); ++i) {
    const DemoCadre& c = City().cadres[i];
    EXPECT_TRUE(ids.insert({City().counties[c.birth_county].code, c.birth_month.year(),
                            int(c.birth_month.month()), c.birth_day, c.id_sequence})
                    .second);
    EXPECT_EQ(c.id_sequence % 2, c.male ? 1 : 0);
    if (c.relative < 0) continue;
    const DemoCadre& r = City().cadres[size_t(c.relative)];
    EXPECT_EQ(r.relative, int(i));
    switch (c.relative_link) {
      case RelativeLink::kSpouse:
        ++spouses;
        EXPECT_EQ(r.relative_link, RelativeLink::kSpouse);
        EXPECT_NE(r.male, c.male);
        EXPECT_NE(r.unit_index, c.unit_index);
        break;
      case RelativeLink::kParent:
        ++parents;
        EXPECT_EQ(r.relative_link, RelativeLink::kChild);
        EXPECT_GE(c.birth_month.year() - r.birth_month.year(), 26);
        EXPECT_LE(c.birth_month.year() - r.birth_month.year(), 34);
        // A child bears its father's surname.
        EXPECT_EQ(c.surname, r.male ? r.surname : DemoSpouseSurname(City(), c.relative));
        break;
      case RelativeLink::kChild:
        EXPECT_EQ(r.relative_link, RelativeLink::kParent);
        break;
      case RelativeLink::kNone:
        ADD_FAILURE() << "a relative without a link";
    }
  }
  std::cout << "linked: " << spouses << " married to a cadre, " << parents
            << " children of a cadre, of " << kCityCadres << std::endl;
  EXPECT_GT(spouses, kCityCadres / 100);  // both sides counted
  EXPECT_GT(parents, kCityCadres / 1000);
}

TEST(DemoPlaceTextTest, WritesPlacesAsTheFormDoes) {
  struct Case {
    std::string_view code, text;
  };
  for (const Case& c : std::vector<Case>{{"430182", "湖南宁乡"},
                                         {"430102", "湖南长沙"},
                                         {"431129", "湖南江华"},
                                         {"110101", "北京"},
                                         {"450302", "广西桂林"},
                                         {"350427", "福建沙县"},
                                         {"350405", "福建三明"},
                                         {"433101", "湖南吉首"},
                                         {"652301", "新疆昌吉"}}) {
    const auto county = cadre::FindDivision(c.code);
    ASSERT_TRUE(county.has_value()) << c.code;
    EXPECT_EQ(DemoPlaceText(*county), c.text) << c.code << " " << county->name;
  }
}

}  // namespace
}  // namespace xr::demo
