#include "demo/demo_dossier.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>

#include "cadre/id_number.h"
#include "cadre/vocabulary.h"
#include "demo/demo_random.h"

namespace xr::demo {
namespace {

using base::YearMonth;
using cadre::Coded;

// Random streams of a dossier (demo_city.cc uses those below 16).
enum : std::uint64_t {
  kStreamCareer = 16,
  kStreamSpouse = 17,
  kStreamChildren = 18,
  kStreamParents = 19,
  kStreamRecord = 20,
  kStreamParty = 21,
};

// Months are counted as year * 12 + month - 1 for arithmetic.
int ToMonths(YearMonth m) { return m.year() * 12 + int(m.month()) - 1; }
YearMonth ToYearMonth(int months) {
  return *YearMonth::FromYm(months / 12, unsigned(months % 12) + 1);
}
base::Date DayOf(int months, int day) {
  return *base::Date::FromYmd(months / 12, unsigned(months % 12) + 1, unsigned(day));
}

struct Major {
  std::string_view name;
  std::string_view discipline;  // 学科门类: the degree is discipline + 学士 / 硕士 / 博士
  std::string_view expertise;
  std::string_view title;  // a 专业技术职务 that goes with it ("" for none)
};
constexpr std::array<Major, 20> kMajors{{
    {"法学", "法学", "法律事务", ""},
    {"汉语言文学", "文学", "文字综合", ""},
    {"新闻学", "文学", "新闻宣传", "记者"},
    {"经济学", "经济学", "经济管理", "经济师"},
    {"财政学", "经济学", "财政管理", "经济师"},
    {"会计学", "管理学", "财务管理", "会计师"},
    {"行政管理", "管理学", "行政管理", ""},
    {"公共事业管理", "管理学", "公共管理", ""},
    {"工商管理", "管理学", "企业管理", "经济师"},
    {"思想政治教育", "法学", "党建工作", ""},
    {"历史学", "历史学", "文史研究", ""},
    {"数学与应用数学", "理学", "统计分析", "统计师"},
    {"计算机科学与技术", "工学", "信息化建设", "工程师"},
    {"土木工程", "工学", "城乡建设", "工程师"},
    {"水利水电工程", "工学", "水利工程", "工程师"},
    {"环境工程", "工学", "生态环境保护", "工程师"},
    {"农学", "农学", "农业农村工作", "农艺师"},
    {"教育学", "教育学", "教育管理", "讲师"},
    {"临床医学", "医学", "卫生健康管理", "主治医师"},
    {"哲学", "哲学", "理论研究", ""},
}};
constexpr std::array<Major, 8> kGraduateMajors{{
    {"行政管理", "管理学", "行政管理", ""},
    {"法学理论", "法学", "法律事务", ""},
    {"马克思主义理论", "法学", "理论研究", ""},
    {"区域经济学", "经济学", "经济管理", ""},
    {"产业经济学", "经济学", "经济管理", ""},
    {"宪法学与行政法学", "法学", "法律事务", ""},
    {"环境科学与工程", "工学", "生态环境保护", ""},
    {"管理科学与工程", "管理学", "公共管理", ""},
}};
constexpr std::array<std::string_view, 20> kUniversities{
    "湖南大学",     "中南大学",         "湖南师范大学", "湘潭大学",     "长沙理工大学",
    "湖南农业大学", "中南林业科技大学", "湖南科技大学", "吉首大学",     "南华大学",
    "湖南工业大学", "湖南工商大学",     "武汉大学",     "华中科技大学", "中南财经政法大学",
    "中国人民大学", "北京师范大学",     "西南政法大学", "中山大学",     "厦门大学"};
constexpr std::array<std::string_view, 8> kGraduateSchools{
    "湖南大学",     "中南大学",     "湖南师范大学",     "武汉大学",
    "中国人民大学", "华中师范大学", "中南财经政法大学", "北京大学"};
// 大专: each college with the majors it taught.
struct College {
  std::string_view name;
  std::array<std::string_view, 3> majors;  // names in kMajors
};
constexpr std::array<College, 5> kColleges{{
    {"湖南财经高等专科学校", {"会计学", "财政学", "经济学"}},
    {"湖南税务高等专科学校", {"财政学", "会计学", "经济学"}},
    {"株洲师范高等专科学校", {"汉语言文学", "教育学", "数学与应用数学"}},
    {"湖南城建高等专科学校", {"土木工程", "环境工程", "水利水电工程"}},
    {"益阳师范高等专科学校", {"汉语言文学", "思想政治教育", "历史学"}},
}};
constexpr std::array<std::string_view, 5> kMedicalSchools{"中南大学", "南华大学", "吉首大学",
                                                          "华中科技大学", "中山大学"};
constexpr std::array<std::string_view, 2> kAgriculturalSchools{"湖南农业大学", "中南林业科技大学"};
constexpr std::array<std::string_view, 5> kSecondarySchools{
    "湖南省财经学校", "湖南省农业学校", "湖南省邵阳师范学校", "湖南省衡阳财经工业学校",
    "湖南省水利水电学校"};
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kSecondaryMajors{{
    {"财会", "财务管理"},
    {"农学", "农业农村工作"},
    {"师范", "教育管理"},
    {"财政", "财政管理"},
    {"水利工程", "水利工程"},
}};

// What a department's name says its cadres know best (熟悉专业有何专长).
constexpr std::array<std::pair<std::string_view, std::string_view>, 42> kExpertiseByUnit{{
    {"财政", "财政管理"},     {"教育", "教育管理"},         {"农业", "农业农村工作"},
    {"民政", "民政工作"},     {"人力资源", "人力资源管理"}, {"组织", "组织人事工作"},
    {"宣传", "宣传思想工作"}, {"统战", "统战工作"},         {"政法", "政法工作"},
    {"纪律", "纪检监察"},     {"法院", "审判业务"},         {"检察", "检察业务"},
    {"公安", "公安管理"},     {"司法", "法律事务"},         {"发展和改革", "经济管理"},
    {"科学技术", "科技管理"}, {"自然资源", "国土资源管理"}, {"生态环境", "生态环境保护"},
    {"住房", "城乡建设"},     {"交通", "交通运输管理"},     {"水利", "水利工程"},
    {"商务", "商务经济"},     {"文化", "文化旅游"},         {"卫生", "卫生健康管理"},
    {"应急", "应急管理"},     {"审计", "审计监督"},         {"市场监督", "市场监管"},
    {"统计", "统计分析"},     {"医疗保障", "医疗保障"},     {"人民代表", "人大工作"},
    {"政治协商", "政协工作"}, {"工会", "群团工作"},         {"妇女", "群团工作"},
    {"共青团", "群团工作"},   {"日报", "新闻宣传"},         {"职业技术", "教育管理"},
    {"集团", "企业管理"},     {"街道", "基层治理"},         {"镇", "基层治理"},
    {"乡", "基层治理"},       {"办公室", "综合文字"},       {"人民政府", "经济管理"},
}};

constexpr std::array<std::string_view, 8> kSpouseJobs{
    "江华市第一人民医院医生",     "江华市实验小学教师",   "江华市第一中学教师",
    "中国建设银行江华市分行职员", "国网江华供电公司职员", "江华市中心医院护士",
    "江华市税务局干部",           "江华市自来水公司职员"};
constexpr std::array<std::string_view, 6> kAdultChildJobs{
    "长沙市一家律师事务所律师", "江华城市建设投资集团有限公司职员", "深圳市一家科技公司职员",
    "江华市人民医院医生",       "中国工商银行长沙分行职员",         "江华市第二中学教师"};
constexpr std::array<std::string_view, 4> kRetiredJobs{"退休教师", "退休干部", "退休工人",
                                                       "退休医生"};
constexpr std::array<std::string_view, 6> kDemocraticParties{
    "民盟盟员", "九三学社社员", "民进会员", "民建会员", "农工党党员", "致公党党员"};
constexpr std::array<std::string_view, 8> kMinorities{"土家族", "苗族", "侗族", "瑶族",
                                                      "白族",   "回族", "壮族", "满族"};

std::string DocumentNumber(std::string_view prefix, int year, int number) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "〔%d〕%d号", year, number);
  return std::string(prefix) + buf;
}

std::string FirstCharacter(std::string_view text) {
  // Every name here is CJK: three bytes per character in UTF-8.
  return std::string(text.substr(0, 3));
}

// Whether a unit belongs to a party committee or the discipline commission (its departments
// and their divisions included): only party members work there.
bool PartyUnit(const DemoCity& city, int unit) {
  const org::UnitType type = city.units[size_t(city.department_of[size_t(unit)])].unit.type;
  return type == org::UnitType::kPartyCommittee || type == org::UnitType::kDiscipline;
}

// Whether a post needs a party member: any post in a party unit, and the 正职 of a township,
// a people's government, congress, CPPCC, court or procuratorate. (A department's 局长 may
// belong to a democratic party, as may the deputies elsewhere.)
bool PostNeedsMember(const DemoCity& city, int position) {
  const DemoPosition& p = city.positions[size_t(position)];
  if (PartyUnit(city, p.unit_index)) return true;
  const int level = LevelOfPostRank(int(
      std::find(cadre::Ranks().begin(), cadre::Ranks().end(), p.rank) - cadre::Ranks().begin()));
  if (level % 2 != 0) return false;
  using org::UnitType;
  const org::NewUnit& unit = city.units[size_t(p.unit_index)].unit;
  return unit.type == UnitType::kTownship || unit.type == UnitType::kPeoplesCongress ||
         unit.type == UnitType::kCppcc || unit.type == UnitType::kCourt ||
         unit.type == UnitType::kProcuratorate || unit.name.ends_with("人民政府");
}

// Political status and 入党时间 of a cadre, from a stream of its own so that a relative's
// dossier can tell it without generating this one.
struct Party {
  std::string_view label;
  std::optional<YearMonth> joined;
};
Party PartyOf(const DemoCity& city, int index) {
  const DemoCadre& c = city.cadres[size_t(index)];
  DemoRandom random(MixSeed(city.seed, kStreamParty, std::uint64_t(index)));
  const int birth = ToMonths(c.birth_month);
  const int now = ToMonths(*YearMonth::FromYm(city.today.year(), city.today.month()));
  const int age = (now - birth) / 12;
  const int roll = int(random.Below(100));
  const bool must = c.position_index >= 0 ? PostNeedsMember(city, c.position_index)
                                          : PartyUnit(city, c.unit_index);
  Party party;
  if (must) {
    party.label = "中共党员";
  } else if (c.position_index >= 0 || age > 30) {
    party.label = roll < 88                            ? "中共党员"
                  : roll < 95                          ? random.Pick(kDemocraticParties)
                  : c.position_index >= 0 || roll < 98 ? "无党派人士"
                                                       : "群众";
  } else {
    party.label = roll < 70 ? "中共党员" : roll < 90 ? "共青团员" : "群众";
  }
  if (party.label == "中共党员") {
    // Most join at university or in their first years of work; never before 18.
    const int earliest = birth + 18 * 12 + 1;
    const int joined = std::min(earliest + int(random.Below(10 * 12)), now - 13);
    if (joined >= earliest) {
      party.joined = ToYearMonth(joined);
    } else {
      party.label = "中共预备党员";  // joined this last year
      party.joined = ToYearMonth(std::max(earliest, now - int(random.Below(11))));
    }
  } else if (party.label != "无党派人士" && party.label != "群众" && party.label != "共青团员") {
    const int earliest = birth + 28 * 12;
    party.joined = ToYearMonth(std::min(earliest + int(random.Below(15 * 12)), now - 1));
  }
  return party;
}

// A person in a family table.
struct Person {
  std::string name;
  bool male = true;
  int birth = 0;  // months
  std::string political;
  std::string employer_and_post;
  int surname = 0;
  std::optional<cadre::CadreId> cadre_id;
};

// 湖南省长沙市宁乡市, 北京市东城区: a county with its province and (unless it is a
// municipality's) its prefecture.
std::string FullPlaceName(const cadre::Division& county) {
  const auto province = cadre::FindDivision(std::string(county.code.substr(0, 2)) + "0000");
  const auto prefecture = cadre::FindDivision(county.parent_code);
  std::string text = province ? std::string(province->name) : "";
  if (prefecture && prefecture->name != "市辖区" && prefecture->name != "县" &&
      !prefecture->name.ends_with("行政区划")) {
    text += prefecture->name;
  }
  return text + std::string(county.name);
}

int NowMonths(const DemoCity& city) { return city.today.year() * 12 + int(city.today.month()) - 1; }

std::string CurrentPostText(const DemoCity& city, const DemoCadre& c) {
  return city.unit_texts[size_t(c.unit_index)] + std::string(DemoCadreTitle(city, c));
}

Person CadreAsRelative(const DemoCity& city, int index, const DemoIds& ids) {
  const DemoCadre& c = city.cadres[size_t(index)];
  Person p;
  p.name = DemoCadreName(c);
  p.male = c.male;
  p.birth = ToMonths(c.birth_month);
  p.political = std::string(PartyOf(city, index).label);
  p.employer_and_post = CurrentPostText(city, c);
  p.surname = c.surname;
  if (ids.cadre) p.cadre_id = ids.cadre(index);
  return p;
}

std::string GivenName(DemoRandom& random, bool male) {
  return DemoGivenNames(male)[random.Below(DemoGivenNames(male).size())];
}

// The spouse drawn for a cadre who is not married to another demo cadre. The surname is the
// first draw (DemoSpouseSurname).
Person GeneratedSpouse(const DemoCity& city, int index) {
  const DemoCadre& c = city.cadres[size_t(index)];
  DemoRandom random(MixSeed(city.seed, kStreamSpouse, std::uint64_t(index)));
  Person p;
  p.surname = int(random.Below(DemoSurnames().size()));
  p.male = !c.male;
  p.name = std::string(DemoSurnames()[size_t(p.surname)]) + GivenName(random, p.male);
  // The husband is usually the older one.
  const int years = c.male ? random.Between(0, 5) : -random.Between(0, 5);
  p.birth = ToMonths(c.birth_month) + years * 12 + random.Between(-6, 6);
  const int age = (NowMonths(city) - p.birth) / 12;
  const int roll = int(random.Below(100));
  p.political = roll < 45 ? "中共党员" : roll < 95 ? "群众" : "民盟盟员";
  if (age >= (p.male ? 60 : 55)) {
    p.employer_and_post = "江华市" + std::string(random.Pick(kRetiredJobs));
  } else if (random.Percent(8)) {
    p.employer_and_post = "个体经营";
  } else {
    p.employer_and_post = std::string(random.Pick(kSpouseJobs));
  }
  return p;
}

// Whether a cadre not linked to a cadre spouse is married: most are from their late twenties.
bool IsMarried(const DemoCity& city, int index) {
  const DemoCadre& c = city.cadres[size_t(index)];
  if (c.relative_link == RelativeLink::kSpouse || c.relative_link == RelativeLink::kChild)
    return true;
  DemoRandom random(MixSeed(city.seed, kStreamSpouse, ~std::uint64_t(index)));
  const int age = (NowMonths(city) - ToMonths(c.birth_month)) / 12;
  return age >= 25 && random.Percent(std::min(95, (age - 24) * 18));
}

std::string ChildJob(DemoRandom& random, int age) {
  if (age < 3) return "";
  if (age < 6) return "江华市机关幼儿园幼儿";
  if (age < 12) return "江华市实验小学学生";
  if (age < 18) return "江华市第一中学学生";
  if (age < 22) return std::string(random.Pick(kUniversities)) + "学生";
  return std::string(random.Pick(kAdultChildJobs));
}

std::string YoungPolitical(DemoRandom& random, int age) {
  if (age < 14) return "群众";
  if (age < 28) return random.Percent(60) ? "共青团员" : "群众";
  return random.Percent(40) ? "中共党员" : "群众";
}

}  // namespace

int DemoSpouseSurname(const DemoCity& city, int index) {
  return GeneratedSpouse(city, index).surname;
}

std::string DemoPlaceText(const cadre::Division& county) {
  auto strip = [](std::string_view name) {
    // The longest suffix first: 壮族自治区 before 自治区, 自治县 before 县.
    static constexpr std::array<std::string_view, 12> kSuffixes{
        "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州",
        "自治县",       "省",         "市",         "县",         "区",     "旗"};
    for (std::string_view suffix : kSuffixes) {
      if (name.size() > suffix.size() + 3 && name.ends_with(suffix)) {
        name.remove_suffix(suffix.size());
        break;
      }
    }
    // An autonomous county keeps its place name only (江华瑶族自治县 → 江华).
    if (const size_t people = name.find("族"); people != std::string_view::npos && people >= 6) {
      name = name.substr(0, people - 3);
      while (name.size() > 6) name.remove_suffix(3);
    }
    return std::string(name);
  };
  const auto province = cadre::FindDivision(std::string(county.code.substr(0, 2)) + "0000");
  std::string text = province ? strip(province->name) : "";
  const auto prefecture = cadre::FindDivision(county.parent_code);
  const bool municipality = county.code.starts_with("11") || county.code.starts_with("12") ||
                            county.code.starts_with("31") || county.code.starts_with("50");
  if (municipality) return text;
  // A city district is known by its city; a county or county-level city by its own name.
  if (county.name.ends_with("区") && prefecture && prefecture->name.ends_with("市")) {
    return text + strip(prefecture->name);
  }
  return text + strip(county.name);
}

namespace {

// A stretch of the working life in one post (or, for staff, one 职级 in one unit): one line of
// the 简历 and one entry of posts[].
struct Line {
  int start = 0;
  int end = 0;  // == now for the open (current) line
  int unit = 0;
  int position = -1;  // -1: staff, titled by its rank
  int rank = 0;       // the rank at the start of the line
  int level = 0;      // the leadership level of the post (0: staff)
};

struct RankSpan {
  int rank = 0;
  int start = 0;
};

class DossierBuilder {
 public:
  DossierBuilder(const DemoCity& city, int index, const DemoIds& ids)
      : city_(city),
        index_(index),
        ids_(ids),
        c_(city.cadres[size_t(index)]),
        random_(MixSeed(city.seed, kStreamCareer, std::uint64_t(index))),
        record_(MixSeed(city.seed, kStreamRecord, std::uint64_t(index))),
        now_(NowMonths(city)),
        birth_(ToMonths(c_.birth_month)) {}

  cadre::Dossier Build();

 private:
  void Basics();
  void Education();
  void Career();
  void PlaceLines();
  void Posts();
  void InServiceStudy();
  void Assessments();
  void Trainings();
  void Family();

  int PickPosition(int level, int near_unit);
  int PickStaffUnit(int near_unit);
  std::string Prefix(const Line& line) const;
  int LineAt(int month) const;  // the line holding `month`, or -1
  std::string_view DepartmentText(int unit) const {
    return city_.unit_texts[size_t(city_.department_of[size_t(unit)])];
  }
  // 江华市, or the 区/县 a unit lies in.
  std::string PlaceOf(int unit) const {
    const int county = city_.county_of[size_t(unit)];
    return county < 0 ? "江华市" : city_.units[size_t(county)].unit.name;
  }

  const DemoCity& city_;
  const int index_;
  const DemoIds& ids_;
  const DemoCadre& c_;
  DemoRandom random_;  // career, education
  DemoRandom record_;  // assessments, rewards, trainings, personal matters
  const int now_;
  const int birth_;
  cadre::Dossier d_;

  // Full-time education: the resume's study lines come from these.
  struct Study {
    std::string school;
    std::string major;
    int start = 0;
    int end = 0;
    int resume_start = 0;
  };
  std::vector<Study> studies_;
  std::string_view expertise_;
  std::string_view professional_title_;
  bool degree_student_ = false;  // 大学 or above: enters at 一级科员
  bool member_ = false;          // 中共党员 (or 预备党员): may work in party units
  int work_start_ = 0;
  std::vector<RankSpan> ranks_;
  std::vector<Line> lines_;
  std::vector<int> sanction_years_;  // years whose grade a sanction caps
};

int DossierBuilder::PickPosition(int level, int near_unit) {
  const std::vector<int>& all = city_.positions_by_level[size_t(level)];
  const int roll = int(random_.Below(100));
  if (roll < 80 && near_unit >= 0) {
    // Nearby first: the same department (half the time), else the same county or city level.
    const bool same_department = roll < 40;
    const int department = city_.department_of[size_t(near_unit)];
    const int county = city_.county_of[size_t(near_unit)];
    int chosen = -1, seen = 0;
    for (int p : all) {
      if (!member_ && PostNeedsMember(city_, p)) continue;
      const int unit = city_.positions[size_t(p)].unit_index;
      const bool near = same_department ? city_.department_of[size_t(unit)] == department
                                        : city_.county_of[size_t(unit)] == county;
      if (near && random_.Below(std::uint64_t(++seen)) == 0) chosen = p;  // reservoir sampling
    }
    if (chosen >= 0) return chosen;
  }
  // Anywhere: the first fitting one from a random place in the list.
  const size_t first = random_.Below(all.size());
  for (size_t n = 0; n < all.size(); ++n) {
    const int p = all[(first + n) % all.size()];
    if (member_ || !PostNeedsMember(city_, p)) return p;
  }
  return all[first];
}

int DossierBuilder::PickStaffUnit(int near_unit) {
  const int department = city_.department_of[size_t(near_unit)];
  if (city_.units[size_t(department)].unit.type == org::UnitType::kTownship) return department;
  if (random_.Percent(75)) {
    int chosen = -1, seen = 0;
    for (int unit : city_.divisions) {
      if (city_.department_of[size_t(unit)] == department && (member_ || !PartyUnit(city_, unit)) &&
          random_.Below(std::uint64_t(++seen)) == 0)
        chosen = unit;
    }
    if (chosen >= 0) return chosen;
  }
  const size_t first = random_.Below(city_.divisions.size());
  for (size_t n = 0; n < city_.divisions.size(); ++n) {
    const int unit = city_.divisions[(first + n) % city_.divisions.size()];
    if (member_ || !PartyUnit(city_, unit)) return unit;
  }
  return city_.divisions[first];
}

// The prefix of a document number from the body that approved the post: 湘组干 (省委),
// 江组干 (市委), 东组干 (东城区委), 江财人 (the city finance bureau for its own staff).
std::string DossierBuilder::Prefix(const Line& line) const {
  std::string_view body = "部门管理";
  if (line.position >= 0) body = city_.positions[size_t(line.position)].managing_body;
  if (body == "省委管理") return "湘组干";
  if (body == "市委管理") return "江组干";
  const int county = city_.county_of[size_t(line.unit)];
  const std::string place =
      county < 0 ? "江" : FirstCharacter(city_.units[size_t(county)].unit.name);
  if (body != "部门管理") return place + "组干";
  if (city_.units[size_t(city_.department_of[size_t(line.unit)])].unit.type ==
      org::UnitType::kTownship) {
    return place + "人社";  // township staff: the county's human resources bureau
  }
  std::string_view department =
      city_.units[size_t(city_.department_of[size_t(line.unit)])].unit.short_name;
  if (department.starts_with("市委")) {
    department.remove_prefix(6);
  } else if (department.starts_with("市")) {
    department.remove_prefix(3);
  }
  return place + FirstCharacter(department) + "人";
}

int DossierBuilder::LineAt(int month) const {
  for (size_t i = 0; i < lines_.size(); ++i) {
    if (lines_[i].start <= month && month < lines_[i].end) return int(i);
  }
  return lines_.empty() || month < lines_.front().start ? -1 : int(lines_.size()) - 1;
}

cadre::Dossier DossierBuilder::Build() {
  Basics();
  Education();
  Career();
  PlaceLines();
  Posts();
  InServiceStudy();
  Assessments();
  Trainings();
  Family();
  return std::move(d_);
}

void DossierBuilder::Basics() {
  d_.name = DemoCadreName(c_);
  d_.gender = Coded{c_.male ? "男" : "女", ""};
  d_.birth_month = c_.birth_month;
  d_.ethnicity = Coded{record_.Percent(8) ? std::string(record_.Pick(kMinorities)) : "汉族", ""};
  const cadre::Division& birth_county = city_.counties[c_.birth_county];
  const cadre::Division& native_county = city_.counties[c_.native_county];
  d_.birth_place = cadre::Place{DemoPlaceText(birth_county), std::string(birth_county.code)};
  d_.native_place = cadre::Place{DemoPlaceText(native_county), std::string(native_county.code)};
  const Party party = PartyOf(city_, index_);
  member_ = party.label == "中共党员" || party.label == "中共预备党员";
  d_.party = Coded{std::string(party.label), ""};
  d_.party_join_month = party.joined;
  const int health = int(record_.Below(100));
  d_.health = Coded{health < 88 ? "健康" : health < 98 ? "良好" : "一般", ""};
  char first17[32];
  std::snprintf(first17, sizeof first17, "%.6s%04d%02u%02u%03u", birth_county.code.data(),
                c_.birth_month.year(), c_.birth_month.month(), unsigned(c_.birth_day),
                unsigned(c_.id_sequence));
  d_.id_number = std::string(first17) + cadre::IdNumberCheckCharacter(first17);
  d_.unit_id = ids_.unit(c_.unit_index);
  d_.unit_name = city_.units[size_t(c_.unit_index)].unit.name;
  d_.managing_body = std::string(DemoManagingBody(city_, c_));
  if (c_.managing_unit_index >= 0) d_.managing_unit_id = ids_.unit(c_.managing_unit_index);
  d_.sort_order = c_.sort_order;
  d_.status = cadre::PersonStatus::kActive;
}

// Full-time education by birth cohort (older cadres more often 中专 / 大专, younger more often
// 研究生), never so long that the ladder's minimum years to the current rank no longer fit.
void DossierBuilder::Education() {
  enum Level { kSecondary, kCollege, kUniversity, kGraduate };
  const int born = c_.birth_month.year();
  const int roll = int(random_.Below(100));
  Level level = born < 1970   ? (roll < 20   ? kSecondary
                                 : roll < 55 ? kCollege
                                             : kUniversity)
                : born < 1980 ? (roll < 20   ? kCollege
                                 : roll < 85 ? kUniversity
                                             : kGraduate)
                              : (roll < 10   ? kCollege
                                 : roll < 68 ? kUniversity
                                             : kGraduate);
  if (c_.position_index >= 0 && LevelOfPostRank(c_.rank) >= 5 && level < kUniversity) {
    level = kUniversity;  // 厅局级 needs 大学 (RULES.md §1.6); it may have come in service
  }
  const int entry_age = 18 + (random_.Percent(10) ? -1 : random_.Percent(20) ? 1 : 0);
  const int entry_year = born + entry_age + (c_.birth_month.month() >= 9 ? 1 : 0);
  for (;; level = Level(int(level) - 1)) {
    const Major* chosen = &random_.Pick(kMajors);
    const College& college = random_.Pick(kColleges);
    if (level == kCollege) {
      const std::string_view name = random_.Pick(college.majors);
      chosen = &*std::find_if(kMajors.begin(), kMajors.end(),
                              [&](const Major& m) { return m.name == name; });
    }
    const Major& major = *chosen;
    const std::string_view university = major.name == "临床医学" ? random_.Pick(kMedicalSchools)
                                        : major.name == "农学" ? random_.Pick(kAgriculturalSchools)
                                                               : random_.Pick(kUniversities);
    const int years = major.name == "临床医学" ? 5 : 4;
    int graduation = 0;
    studies_.clear();
    auto study = [&](std::string_view school, std::string name, int start_year, int end_year,
                     std::string_view level_label, std::string degree) {
      Study s{std::string(school), std::move(name), start_year * 12 + 8, end_year * 12 + 6,
              start_year * 12 + 8};
      if (!studies_.empty()) s.resume_start = studies_.back().end;  // 简历 lines join up
      studies_.push_back(s);
      graduation = s.end;
      cadre::Education e;
      e.kind = cadre::EducationKind::kFullTime;
      e.level = Coded{std::string(level_label), ""};
      e.degree = Coded{std::move(degree), ""};
      e.school_and_major = s.school + s.major + "专业";
      e.start_month = ToYearMonth(s.start);
      e.end_month = ToYearMonth(s.end);
      return e;
    };
    std::vector<cadre::Education> education;
    expertise_ = major.expertise;
    professional_title_ = major.title;
    switch (level) {
      case kSecondary: {
        const auto& [name, expertise] = random_.Pick(kSecondaryMajors);
        const int start = entry_year - 3;
        education.push_back(study(random_.Pick(kSecondarySchools), std::string(name), start,
                                  start + 3, "中专", ""));
        expertise_ = expertise;
        professional_title_ = "";
        break;
      }
      case kCollege:
        education.push_back(
            study(college.name, std::string(major.name), entry_year, entry_year + 3, "大专", ""));
        break;
      case kUniversity:
        education.push_back(study(university, std::string(major.name), entry_year,
                                  entry_year + years, "大学",
                                  std::string(major.discipline) + "学士"));
        break;
      case kGraduate: {
        education.push_back(study(university, std::string(major.name), entry_year,
                                  entry_year + years, "大学",
                                  std::string(major.discipline) + "学士"));
        const Major& graduate = random_.Pick(kGraduateMajors);
        const int start = entry_year + years;
        const bool doctor = random_.Percent(6);
        education.push_back(study(random_.Pick(kGraduateSchools), std::string(graduate.name), start,
                                  start + (doctor ? 6 : 3), "研究生",
                                  std::string(graduate.discipline) + (doctor ? "博士" : "硕士")));
        break;
      }
    }
    degree_student_ = level >= kUniversity;
    const int entry_rank = std::max(degree_student_ ? 10 : 11, int(c_.rank));
    int required = 0;
    for (int k = c_.rank; k < entry_rank; ++k) required += MinMonthsInto(k);
    if (graduation + required <= now_ || level == kSecondary) {
      work_start_ = std::min(graduation, now_ - required);
      d_.education = std::move(education);
      break;
    }
  }
  d_.work_start_month = ToYearMonth(work_start_);
  // 熟悉专业有何专长: what the cadre's department does, or else what the cadre studied.
  const std::string& unit_text = city_.unit_texts[size_t(c_.unit_index)];
  std::string_view expertise = expertise_;
  if (random_.Percent(60)) {
    for (const auto& [key, value] : kExpertiseByUnit) {
      if (unit_text.find(key) != std::string::npos) {
        expertise = value;
        break;
      }
    }
  }
  d_.expertise = std::string(expertise);
  if (!professional_title_.empty() && now_ - work_start_ >= 60 && random_.Percent(12)) {
    d_.professional_title = std::string(professional_title_);
  }
}

// The 职级 ladder from the entry rank to the current one: each step takes at least its minimum
// (MinMonthsInto) and a share of the time to spare; what is left is the time in the current rank.
void DossierBuilder::Career() {
  const int entry_rank = std::max(degree_student_ ? 10 : 11, int(c_.rank));
  std::vector<int> extra;  // per step, then the current rank's tenure
  int required = 0, weights = 0;
  for (int k = entry_rank - 1; k >= c_.rank; --k) {
    required += MinMonthsInto(k);
    extra.push_back(int(random_.Below(40)));
    weights += extra.back();
  }
  extra.push_back(12 + int(random_.Below(60)));
  weights += extra.back();
  const int spare = std::max(0, now_ - work_start_ - required);
  int month = work_start_;
  ranks_.push_back({entry_rank, month});
  for (int k = entry_rank - 1, step = 0; k >= c_.rank; --k, ++step) {
    const int share = int(std::int64_t(extra[size_t(step)]) * spare / weights);
    month += MinMonthsInto(k) + share;
    ranks_.push_back({k, month});
  }
  for (size_t i = 0; i < ranks_.size(); ++i) {
    const RankSpan& r = ranks_[i];
    cadre::RankRecord record;
    record.rank = std::string(cadre::Ranks()[size_t(r.rank)]);
    record.start_month = ToYearMonth(r.start);
    if (i + 1 < ranks_.size()) record.end_month = ToYearMonth(ranks_[i + 1].start);
    d_.ranks.push_back(std::move(record));
  }
}

// Lines of the working life: staff years one line per rank, then 领导职务 as the ranks reach
// them (乡科级副职 at 三级主任科员 …), the last line the post held now. Units are chosen from
// the last line backwards, each near the next one (the same department or county, mostly).
void DossierBuilder::PlaceLines() {
  static constexpr std::array<int, 7> kThreshold{99, 8, 6, 4, 2, 1, 0};  // rank to reach a level
  const int final_level = c_.position_index >= 0 ? LevelOfPostRank(c_.rank) : 0;
  auto level_of = [&](int rank) {
    int level = 0;
    for (int l = 1; l <= final_level; ++l) {
      if (rank <= kThreshold[size_t(l)]) level = l;
    }
    return level;
  };
  // Periods of one level, in time order.
  struct Period {
    int level, start, end;
    size_t first_rank, last_rank;  // indices into ranks_
  };
  std::vector<Period> periods;
  for (size_t i = 0; i < ranks_.size(); ++i) {
    const int level = level_of(ranks_[i].rank);
    const int end = i + 1 < ranks_.size() ? ranks_[i + 1].start : now_;
    if (!periods.empty() && periods.back().level == level) {
      periods.back().end = end;
      periods.back().last_rank = i;
    } else {
      periods.push_back({level, ranks_[i].start, end, i, i});
    }
  }
  // Backwards: the last period ends in the cadre's own post.
  std::vector<Line> reversed;
  int near = c_.unit_index;
  for (size_t p = periods.size(); p-- > 0;) {
    const Period& period = periods[p];
    const bool last = p + 1 == periods.size();
    if (period.level == 0) {
      // Staff: one line per rank; a move between units at one rank boundary, sometimes.
      int unit = last ? c_.unit_index : PickStaffUnit(near);
      const size_t ranks = period.last_rank - period.first_rank + 1;
      const size_t move_at =
          ranks >= 2 && random_.Percent(35) ? period.first_rank + 1 + random_.Below(ranks - 1) : 0;
      for (size_t r = period.last_rank + 1; r-- > period.first_rank;) {
        const int end = r + 1 < ranks_.size() ? ranks_[r + 1].start : now_;
        reversed.push_back({ranks_[r].start, end, unit, -1, ranks_[r].rank, 0});
        if (r == move_at) unit = PickStaffUnit(unit);
      }
      near = unit;
      continue;
    }
    // A leadership level: one post, or two when it lasted long (a transfer at the same level).
    int position = last ? c_.position_index : PickPosition(period.level, near);
    const int length = period.end - period.start;
    int split = -1;
    if (length >= (last ? 60 : 72) && random_.Percent(40)) {
      split = period.start + 24 + int(random_.Below(std::uint64_t(length - (last ? 30 : 48))));
    }
    auto rank_at = [&](int month) {
      int rank = ranks_[period.first_rank].rank;
      for (size_t r = period.first_rank; r <= period.last_rank; ++r) {
        if (ranks_[r].start <= month) rank = ranks_[r].rank;
      }
      return rank;
    };
    const int unit = city_.positions[size_t(position)].unit_index;
    if (split >= 0) {
      reversed.push_back({split, period.end, unit, position, rank_at(split), period.level});
      position = PickPosition(period.level, unit);
      reversed.push_back({period.start, split, city_.positions[size_t(position)].unit_index,
                          position, rank_at(period.start), period.level});
    } else {
      reversed.push_back(
          {period.start, period.end, unit, position, rank_at(period.start), period.level});
    }
    near = reversed.back().unit;
  }
  lines_.assign(reversed.rbegin(), reversed.rend());
}

void DossierBuilder::Posts() {
  // Study lines first, then one line (and one post) per stretch of work.
  for (const Study& s : studies_) {
    cadre::ResumeEntry entry;
    entry.start = ToYearMonth(s.resume_start);
    entry.end = ToYearMonth(s.end);
    entry.kind = cadre::ResumeKind::kStudy;
    entry.unit = s.school;
    entry.post = s.major + "专业";
    if (&s != &studies_.front()) entry.post += "研究生";
    d_.resume.push_back(std::move(entry));
  }
  for (size_t i = 0; i < lines_.size(); ++i) {
    const Line& line = lines_[i];
    const bool current = i + 1 == lines_.size();
    const std::string title(line.position >= 0 ? city_.positions[size_t(line.position)].name
                                               : cadre::Ranks()[size_t(line.rank)]);
    cadre::ResumeEntry entry;
    entry.start = ToYearMonth(line.start);
    if (!current) entry.end = ToYearMonth(line.end);
    entry.kind = cadre::ResumeKind::kWork;
    entry.unit = city_.unit_texts[size_t(line.unit)];
    entry.post = title;
    d_.resume.push_back(std::move(entry));

    cadre::Post post;
    post.unit_id = ids_.unit(line.unit);
    post.unit_name = city_.unit_texts[size_t(line.unit)];
    post.title = title;
    post.is_main = current;
    post.start_month = ToYearMonth(line.start);
    if (!current) post.end_month = ToYearMonth(line.end);
    post.document_number = DocumentNumber(Prefix(line), line.start / 12, random_.Between(1, 180));
    // The first post of a civil servant is won by examination (录用); elected posts are those
    // of party committees, congresses, governments (not their departments), CPPCC, courts,
    // procuratorates and townships; enterprises hire.
    const org::NewUnit& unit = city_.units[size_t(line.unit)].unit;
    using org::UnitType;
    if (i == 0 && line.position < 0) {
      post.method = cadre::AppointmentMethod::kExamined;
    } else if (line.position >= 0 &&
               ((unit.type == UnitType::kPartyCommittee && !unit.name.ends_with("部") &&
                 !unit.name.ends_with("办公室") && !unit.name.ends_with("政法委员会")) ||
                unit.type == UnitType::kPeoplesCongress || unit.type == UnitType::kCppcc ||
                unit.type == UnitType::kCourt || unit.type == UnitType::kProcuratorate ||
                unit.type == UnitType::kTownship || unit.name.ends_with("人民政府"))) {
      post.method = cadre::AppointmentMethod::kElected;
    } else if (unit.type == UnitType::kStateEnterprise) {
      post.method = cadre::AppointmentMethod::kEmployed;
    } else {
      post.method = cadre::AppointmentMethod::kAppointed;
    }
    d_.posts.push_back(std::move(post));
  }
  // Each rank approved by the body that managed the cadre then.
  for (size_t i = 0; i < ranks_.size(); ++i) {
    const int line = std::max(0, LineAt(ranks_[i].start));
    d_.ranks[i].document_number =
        DocumentNumber(Prefix(lines_[size_t(line)]), ranks_[i].start / 12, random_.Between(1, 180));
  }
}

// Some study in service (在职教育): 党校 or a university's 在职研究生 course, inside one work
// line, shown as 其间 in the 简历.
void DossierBuilder::InServiceStudy() {
  const std::string& level = d_.education.back().level.label;
  const bool graduate = level == "研究生";
  const bool university = level == "大学";
  if (graduate || !random_.Percent(university ? 35 : 70)) return;
  struct Course {
    std::string_view school, major, level, degree, kind;
  };
  static constexpr std::array<Course, 4> kCourses{{
      {"中共湖南省委党校", "经济管理", "研究生", "", "在职研究生"},
      {"湖南大学", "公共管理", "研究生", "公共管理硕士", "在职研究生"},
      {"中共湖南省委党校", "经济管理", "大学", "", "在职大学"},
      {"湖南广播电视大学", "行政管理", "大学", "", "在职大学"},
  }};
  const Course& course = kCourses[university ? random_.Below(2) : 2 + random_.Below(2)];
  const int length = 34;  // September to July, three years on
  const size_t first = random_.Below(lines_.size());
  for (size_t n = 0; n < lines_.size(); ++n) {
    const size_t i = (first + n) % lines_.size();
    const Line& line = lines_[i];
    const int end_limit = std::min(line.end, now_);
    // The first September at least two years into work and a month into the line.
    int start = std::max(line.start + 1, work_start_ + 24);
    start += (8 - start % 12 + 12) % 12;
    if (start + length > end_limit) continue;
    cadre::Education e;
    e.kind = cadre::EducationKind::kInService;
    e.level = Coded{std::string(course.level), ""};
    e.degree = Coded{std::string(course.degree), ""};
    e.school_and_major = std::string(course.school) + std::string(course.major) + "专业";
    e.start_month = ToYearMonth(start);
    e.end_month = ToYearMonth(start + length);
    d_.education.push_back(std::move(e));
    cadre::ResumeEntry during;
    during.start = ToYearMonth(start);
    during.end = ToYearMonth(start + length);
    during.kind = cadre::ResumeKind::kStudy;
    during.unit = std::string(course.school);
    during.post = std::string(course.major) + "专业" + std::string(course.kind);
    d_.resume[studies_.size() + i].during.push_back(std::move(during));
    return;
  }
}

// 年度考核 and what follows from it (考核规定 2020 第19–21条): 不定等次 in the probation year,
// then mostly 称职, 优秀 at a rate of the person's own (about 17% overall), rarely 基本称职;
// each 优秀 brings a 嘉奖, three in a row a 记三等功. A rare sanction caps its year's grade.
void DossierBuilder::Assessments() {
  using cadre::AssessmentGrade;
  const int first_year = work_start_ / 12;
  const int last_year = city_.today.year() - 1;
  // The person's own chance of 优秀: 10%, 17% or 28%, about 17% over everyone.
  static constexpr std::array<int, 20> kPropensity{10, 10, 10, 10, 10, 10, 10, 17, 17, 17,
                                                   17, 17, 17, 17, 17, 28, 28, 28, 28, 28};
  const int propensity = record_.Pick(kPropensity);

  // A sanction: in a rank span long enough that its 影响期 ends before the next promotion.
  struct SanctionKind {
    std::string_view kind;
    int effect_months;
    bool not_graded;  // 记过: 不定等次 that year; the others: not 优秀
    std::string_view body;
  };
  static constexpr std::array<SanctionKind, 4> kSanctions{{
      {"诫勉", 6, false, "中共{}委组织部"},
      {"警告", 6, false, "{}监察委员会"},
      {"党内警告", 12, false, "中共{}纪律检查委员会"},
      {"记过", 12, true, "{}监察委员会"},
  }};
  static constexpr std::array<std::string_view, 5> kReasons{
      "违反中央八项规定精神，违规公款吃喝", "履行职责不力，造成不良影响", "违规发放津贴补贴",
      "工作作风不实，群众反映强烈", "违反工作纪律"};
  std::optional<int> sanction_year;
  const SanctionKind* sanction = nullptr;
  if (record_.PerMille(15)) {
    sanction = &kSanctions[record_.Below(kSanctions.size())];
    const size_t span = record_.Below(ranks_.size());
    const int start = std::max(ranks_[span].start, work_start_ + 12);
    const int end =
        span + 1 < ranks_.size() ? ranks_[span + 1].start : now_ + sanction->effect_months;
    const int room = end - start - sanction->effect_months - 1;
    if (room > 0) {
      const int month = std::min(start + int(record_.Below(std::uint64_t(room))), now_);
      const base::Date date = DayOf(month, record_.Between(1, 28));
      if (date <= city_.today) {
        const int line = std::max(0, LineAt(month));
        const int unit = lines_[size_t(line)].unit;
        cadre::RewardOrSanction s;
        s.date = date;
        s.is_sanction = true;
        s.kind = std::string(sanction->kind);
        std::string_view body = sanction->body;
        const size_t place = body.find("{}");
        s.issuer = std::string(body.substr(0, place)) + PlaceOf(unit) +
                   std::string(body.substr(place + 2));
        s.reason = std::string(record_.Pick(kReasons));
        const int effect = month + sanction->effect_months;
        s.effect_end = DayOf(effect, int(date.day()));
        d_.rewards.push_back(std::move(s));
        sanction_year = date.year();
      }
    }
  }

  int streak = 0;
  for (int year = first_year; year <= last_year; ++year) {
    cadre::Assessment a;
    a.year = year;
    if (year == first_year) {
      a.grade = AssessmentGrade::kUngraded;
      a.note = "试用期";
    } else {
      const int roll = int(record_.Below(1000));
      a.grade = roll < propensity * 10       ? AssessmentGrade::kExcellent
                : roll < propensity * 10 + 6 ? AssessmentGrade::kBasicallyCompetent
                                             : AssessmentGrade::kCompetent;
    }
    if (sanction_year == year) {
      if (sanction->not_graded) {
        a.grade = AssessmentGrade::kUngraded;
        a.note = "受记过处分";
      } else if (a.grade == AssessmentGrade::kExcellent) {
        a.grade = AssessmentGrade::kCompetent;
      }
    }
    const bool excellent = a.grade == AssessmentGrade::kExcellent;
    streak = excellent ? streak + 1 : 0;
    if (excellent) {
      const base::Date date =
          DayOf((year + 1) * 12 + record_.Between(0, 2), record_.Between(1, 28));
      if (date <= city_.today) {
        const int line = std::max(0, LineAt(year * 12 + 11));
        const int unit = lines_[size_t(line)].unit;
        cadre::RewardOrSanction r;
        r.date = date;
        r.kind = "嘉奖";
        const int position = lines_[size_t(line)].position;
        r.issuer = position >= 0 && city_.positions[size_t(position)].managing_body == "省委管理"
                       ? "中共湖南省委"
                       : std::string(DepartmentText(unit));
        r.reason = std::to_string(year) + "年度考核被确定为优秀等次";
        d_.rewards.push_back(std::move(r));
        if (streak == 3) {
          cadre::RewardOrSanction merit;
          merit.date = date;
          merit.kind = "记三等功";
          merit.issuer = PlaceOf(unit) + "人民政府";
          merit.reason = std::to_string(year - 2) + "—" + std::to_string(year) +
                         "年连续三年年度考核被确定为优秀等次";
          d_.rewards.push_back(std::move(merit));
          streak = 0;
        }
      }
    }
    d_.assessments.push_back(std::move(a));
  }
  std::stable_sort(d_.rewards.begin(), d_.rewards.end(),
                   [](const auto& a, const auto& b) { return a.date < b.date; });
}

void DossierBuilder::Trainings() {
  auto add = [&](std::string course, int month, int days, int hours, std::string provider) {
    const base::Date start = DayOf(month, record_.Between(1, 20));
    const base::Date end = start.AddDays(days - 1);
    if (end > city_.today) return;
    d_.trainings.push_back({std::move(course), hours, start, end, std::move(provider)});
  };
  const int first_unit = lines_.front().unit;
  const int county = city_.county_of[size_t(first_unit)];
  const std::string local_school =
      county < 0 ? "中共江华市委党校" : "中共" + city_.units[size_t(county)].unit.name + "委党校";
  if (work_start_ >= 1994 * 12) {
    add("新录用公务员初任培训班", work_start_ + record_.Between(2, 8), 10, 80, local_school);
  }
  // A course on taking up each level of leadership, within the first year.
  int last_level = 0;
  for (const Line& line : lines_) {
    if (line.position < 0) continue;
    const int level = line.level;
    if (level <= last_level) continue;
    last_level = level;
    const int month = line.start + record_.Between(2, 10);
    if (level <= 2) {
      add("乡科级领导干部任职培训班", month, 14, 100, "中共江华市委党校");
    } else if (level <= 4) {
      add("县处级领导干部任职培训班", month, 30, 200, "中共湖南省委党校");
    } else {
      add("厅局级领导干部进修班", month, 60, 360, "中共中央党校（国家行政学院）");
    }
  }
  if (c_.position_index >= 0 && (now_ - birth_) / 12 <= 50 && record_.Percent(15)) {
    add("中青年干部培训班", std::max(work_start_ + 60, now_ - 60 - int(record_.Below(60))), 75, 450,
        "中共湖南省委党校");
  }
  if (work_start_ <= 2022 * 12 + 9 && record_.Percent(40)) {
    add("学习贯彻党的二十大精神专题培训班", 2022 * 12 + 11, 5, 40, local_school);
  }
  const int year = city_.today.year() - 1;
  if (work_start_ <= year * 12) {
    const base::Date start = *base::Date::FromYmd(year, 1, 1);
    const base::Date end = *base::Date::FromYmd(year, 12, 31);
    d_.trainings.push_back({std::to_string(year) + "年度干部网络学习",
                            std::int64_t(50 + record_.Below(51)), start, end, "江华干部网络学院"});
  }
  std::stable_sort(d_.trainings.begin(), d_.trainings.end(),
                   [](const auto& a, const auto& b) { return a.start < b.start; });
}

void DossierBuilder::Family() {
  auto add = [&](const Person& p, std::string relation) {
    cadre::FamilyMember m;
    m.relation = Coded{std::move(relation), ""};
    m.name = p.name;
    m.birth_month = ToYearMonth(p.birth);
    m.political_status = Coded{p.political, ""};
    m.employer_and_post = p.employer_and_post;
    m.cadre_id = p.cadre_id;
    d_.family.push_back(std::move(m));
  };
  // Spouse and, through the couple, children: a couple of cadres draws its children once, from
  // the stream of its first member, so that both dossiers list the same ones.
  std::optional<Person> spouse;
  int couple = index_;
  if (c_.relative_link == RelativeLink::kSpouse) {
    spouse = CadreAsRelative(city_, c_.relative, ids_);
    couple = std::min(index_, c_.relative);
  } else if (IsMarried(city_, index_)) {
    spouse = GeneratedSpouse(city_, index_);
  }
  if (spouse) add(*spouse, c_.male ? "妻子" : "丈夫");

  if (spouse) {
    const DemoCadre& first = city_.cadres[size_t(couple)];
    const int father_surname = c_.male ? c_.surname : spouse->surname;
    DemoRandom random(MixSeed(city_.seed, kStreamChildren, std::uint64_t(couple)));
    const int roll = int(random.Below(100));
    int count = roll < 10 ? 0 : roll < 72 ? 1 : 2;
    int born = ToMonths(first.birth_month) + random.Between(25, 32) * 12 + random.Between(0, 11);
    std::vector<Person> children;
    if (c_.relative_link == RelativeLink::kChild) {
      children.push_back(CadreAsRelative(city_, c_.relative, ids_));
      born = children.back().birth + random.Between(2, 6) * 12;
      count = random.Percent(25) ? 1 : 0;
    }
    for (int n = 0; n < count; ++n, born += random.Between(2, 6) * 12 + random.Between(0, 11)) {
      if (born > now_ - 1) break;
      Person child;
      child.male = random.Percent(52);
      child.surname = father_surname;
      child.name =
          std::string(DemoSurnames()[size_t(father_surname)]) + GivenName(random, child.male);
      child.birth = born;
      const int age = (now_ - born) / 12;
      child.political = YoungPolitical(random, age);
      child.employer_and_post = ChildJob(random, age);
      children.push_back(std::move(child));
    }
    std::sort(children.begin(), children.end(),
              [](const Person& a, const Person& b) { return a.birth < b.birth; });
    for (const Person& child : children) add(child, child.male ? "儿子" : "女儿");
  }

  // Parents: a linked parent cadre and its spouse, or drawn.
  Person father, mother;
  if (c_.relative_link == RelativeLink::kParent) {
    const Person parent = CadreAsRelative(city_, c_.relative, ids_);
    // The parent cadre is married (IsMarried), to the spouse drawn for it.
    const Person other = GeneratedSpouse(city_, c_.relative);
    father = parent.male ? parent : other;
    mother = parent.male ? other : parent;
  } else {
    DemoRandom random(MixSeed(city_.seed, kStreamParents, std::uint64_t(index_)));
    const cadre::Division& home = city_.counties[c_.native_county];
    const std::string place = FullPlaceName(home);
    auto draw = [&](bool male, int surname, int birth) {
      Person p;
      p.male = male;
      p.surname = surname;
      p.name = std::string(DemoSurnames()[size_t(surname)]) + GivenName(random, male);
      p.birth = birth;
      const int age = (now_ - birth) / 12;
      const int death = age >= 90 ? 90 : age >= 80 ? 50 : age >= 70 ? 20 : age >= 60 ? 6 : 2;
      const int roll = int(random.Below(100));
      p.political = roll < 35 ? "中共党员" : "群众";
      if (random.Percent(death)) {
        p.employer_and_post = "已去世";
      } else if (random.Percent(50)) {
        p.employer_and_post = place + "农民";
      } else if (age >= (male ? 60 : 55)) {
        p.employer_and_post = place + std::string(random.Pick(kRetiredJobs));
      } else {
        p.employer_and_post = place + "个体经营";
      }
      return p;
    };
    const int father_birth = birth_ - random.Between(24, 34) * 12 - random.Between(0, 11);
    father = draw(true, c_.surname, father_birth);
    const int mother_birth =
        std::min(father_birth + random.Between(0, 4) * 12 + random.Between(0, 11), birth_ - 240);
    mother = draw(false, int(random.Below(DemoSurnames().size())), mother_birth);
  }
  if (!father.name.empty()) add(father, "父亲");
  if (!mother.name.empty()) add(mother, "母亲");

  DemoRandom random(MixSeed(city_.seed, kStreamRecord, ~std::uint64_t(index_)));
  if (random.PerMille(30)) {
    d_.personal_matters.family_in_business = true;
    d_.personal_matters.note = spouse && random.Percent(60) ? "配偶经营个体工商户（餐饮）"
                                                            : "兄弟在长沙市经营一家建材公司";
  }
  const bool adult_child = std::any_of(d_.family.begin(), d_.family.end(), [&](const auto& m) {
    return (m.relation.label == "儿子" || m.relation.label == "女儿") && !m.cadre_id &&
           ToMonths(*m.birth_month) <= now_ - 22 * 12;
  });
  if (adult_child && random.PerMille(40)) {
    d_.personal_matters.spouse_or_children_emigrated = true;
    const std::string note = "子女定居加拿大";
    d_.personal_matters.note =
        d_.personal_matters.note.empty() ? note : d_.personal_matters.note + "；" + note;
  }
}

}  // namespace

cadre::Dossier BuildDemoDossier(const DemoCity& city, int index, const DemoIds& ids) {
  return DossierBuilder(city, index, ids).Build();
}

}  // namespace xr::demo
