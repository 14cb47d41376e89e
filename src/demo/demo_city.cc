#include "demo/demo_city.h"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>
#include <unordered_set>

#include "cadre/vocabulary.h"
#include "demo/demo_dossier.h"
#include "demo/demo_random.h"

namespace xr::demo {

// The random streams of a cadre (MixSeed(seed, stream, index)); demo_dossier.cc draws from
// streams of its own numbered from 16.
enum : std::uint64_t { kStreamBasics = 1, kStreamPairing = 2 };

namespace {

using org::UnitLevel;
using org::UnitType;

// The three management tiers of a prefecture-level city and what they imply for a post.
enum class Tier { kCityLeadership, kCityDepartment, kCountyDepartment, kDivision };

struct PostSpec {
  std::string_view chief;   // 正职
  std::string_view deputy;  // 副职
  int deputies;
};

constexpr std::array<std::string_view, 100> kSurnames{
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹",
    "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵",
    "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤"};
constexpr std::array<std::string_view, 40> kMaleGiven{
    "伟",   "强",   "磊",   "军",   "勇",   "杰",   "涛",   "斌",   "超",   "明",
    "刚",   "平",   "辉",   "鹏",   "华",   "建国", "建华", "志强", "志刚", "海波",
    "国庆", "卫东", "文斌", "晓东", "振宇", "俊杰", "宏伟", "立新", "永刚", "春雷",
    "德明", "正阳", "浩然", "子豪", "家豪", "博文", "天宇", "世杰", "耀华", "长青"};
constexpr std::array<std::string_view, 40> kFemaleGiven{
    "芳",   "娜",   "敏",   "静",   "丽",   "艳",   "娟",   "霞",   "燕",   "玲",
    "洁",   "琳",   "萍",   "红",   "颖",   "秀英", "桂芳", "丽华", "晓燕", "海燕",
    "雪梅", "春梅", "玉兰", "慧敏", "婷婷", "文静", "佳怡", "欣怡", "梦瑶", "思雨",
    "雅琴", "晓红", "建英", "小红", "月华", "淑贞", "凤英", "美玲", "静怡", "若溪"};
// Two-character given names are also composed from a first and a second character, so that a
// large demo has the variety (and the 重名) of a real roster.
constexpr std::array<std::string_view, 20> kMaleFirst{"志", "建", "国", "海", "文", "晓", "俊",
                                                      "永", "德", "宏", "明", "家", "子", "振",
                                                      "立", "春", "学", "光", "伟", "新"};
constexpr std::array<std::string_view, 20> kMaleSecond{"华", "明", "军", "平", "强", "伟", "峰",
                                                       "斌", "涛", "林", "勇", "东", "辉", "刚",
                                                       "杰", "波", "成", "良", "飞", "鹏"};
constexpr std::array<std::string_view, 20> kFemaleFirst{"秀", "丽", "晓", "海", "雪", "春", "玉",
                                                        "慧", "婷", "文", "雅", "美", "欣", "思",
                                                        "佳", "彩", "红", "翠", "桂", "艳"};
constexpr std::array<std::string_view, 20> kFemaleSecond{"英", "华", "芳", "燕", "梅", "兰", "敏",
                                                         "静", "娟", "琳", "红", "霞", "丽", "萍",
                                                         "玲", "婷", "洁", "云", "珍", "凤"};

std::vector<std::string> ComposeGivenNames(std::span<const std::string_view> common,
                                           std::span<const std::string_view> first,
                                           std::span<const std::string_view> second) {
  std::vector<std::string> names(common.begin(), common.end());
  for (std::string_view a : first) {
    for (std::string_view b : second) {
      std::string name = std::string(a) + std::string(b);
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  return names;
}

// The province the fictional city is placed in: 湖南 (its 籍贯 and ID address codes are real).
constexpr std::string_view kHomeProvincePrefix = "43";

class CityBuilder {
 public:
  CityBuilder(std::uint64_t seed, base::Date today) : seed_(seed), today_(today) {
    city_.seed = seed;
    city_.today = today;
  }

  DemoCity Build(int cadre_count);

 private:
  int AddUnit(int parent, std::string code, std::string name, std::string short_name, UnitType type,
              UnitLevel level);
  void AddPosts(int unit, const PostSpec& spec, Tier tier, std::string_view managing_body);
  void AddDivisions(int unit, std::initializer_list<std::string_view> names, UnitLevel level,
                    std::string_view managing_body);
  void AddCounty(int root, int index, std::string_view name, bool is_district);
  void FillCadres(int cadre_count);
  void AddRoles();
  void DescribeUnits();
  void ChooseCounties();
  DemoCadre MakeCadre(int index, int unit, int position, int rank, int managing_unit);
  void PairRelatives();

  std::string ChildCode(int parent) {
    const int n = ++child_count_[size_t(parent)];
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d", n);
    return city_.units[size_t(parent)].unit.code + buf;
  }
  // The unit holding the authority a managing-body label names for a post in `unit`.
  int ManagingUnit(std::string_view body, int unit) const;

  std::uint64_t seed_;
  base::Date today_;
  DemoCity city_;
  std::vector<int> child_count_;
  int city_organization_ = -1;
  int county_organization_ = -1;                  // of the county being built
  std::unordered_set<std::uint64_t> id_numbers_;  // the first 17 digits, for uniqueness
};

// Placeholder for the city organization department until it exists.
constexpr int kCityOrganization = -2;

int CityBuilder::ManagingUnit(std::string_view body, int unit) const {
  if (body == "市委管理") return kCityOrganization;
  if (body == "区委管理" || body == "县委管理") return county_organization_;
  if (body == "部门管理") return city_.units[size_t(unit)].parent_index;  // the department
  return -1;  // 省委管理: outside this tree
}

int RankIndex(std::string_view rank) {
  const auto ranks = cadre::Ranks();
  return int(std::find(ranks.begin(), ranks.end(), rank) - ranks.begin());
}

int CityBuilder::AddUnit(int parent, std::string code, std::string name, std::string short_name,
                         UnitType type, UnitLevel level) {
  DemoUnit u;
  u.parent_index = parent;
  u.unit.code = std::move(code);
  u.unit.name = std::move(name);
  u.unit.short_name = std::move(short_name);
  u.unit.type = type;
  u.unit.level = level;
  u.unit.sort_order = parent < 0 ? 1 : child_count_[size_t(parent)];
  city_.units.push_back(std::move(u));
  child_count_.push_back(0);
  return int(city_.units.size()) - 1;
}

void CityBuilder::AddPosts(int unit, const PostSpec& spec, Tier tier,
                           std::string_view managing_body) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kRankByTier{{
      {"一级巡视员", "二级巡视员"},
      {"一级调研员", "三级调研员"},
      {"一级主任科员", "三级主任科员"},
      {"一级主任科员", "三级主任科员"},
  }};
  const auto& ranks = kRankByTier[size_t(tier)];
  city_.positions.push_back({unit, std::string(spec.chief), 1, std::string(ranks.first),
                             std::string(managing_body), ManagingUnit(managing_body, unit)});
  if (spec.deputies > 0) {
    city_.positions.push_back({unit, std::string(spec.deputy), spec.deputies,
                               std::string(ranks.second), std::string(managing_body),
                               ManagingUnit(managing_body, unit)});
  }
}

void CityBuilder::AddDivisions(int unit, std::initializer_list<std::string_view> names,
                               UnitLevel level, std::string_view managing_body) {
  for (std::string_view name : names) {
    const int division = AddUnit(unit, ChildCode(unit),
                                 city_.units[size_t(unit)].unit.short_name + std::string(name),
                                 std::string(name), UnitType::kInternalDivision, level);
    AddPosts(division, {"科长", "副科长", 1}, Tier::kDivision, managing_body);
  }
}

void CityBuilder::AddCounty(int root, int index, std::string_view name, bool is_district) {
  const std::string n(name);
  const std::string body = is_district ? "区委管理" : "县委管理";
  const std::string kind = is_district ? "区" : "县";
  const int county = AddUnit(root, ChildCode(root), n, n, UnitType::kRegion, UnitLevel::kCounty);
  const int committee = AddUnit(county, ChildCode(county), "中共" + n + "委员会", n + "委",
                                UnitType::kPartyCommittee, UnitLevel::kCounty);
  AddPosts(committee, {"书记", "副书记", 2}, Tier::kCityDepartment, "市委管理");
  const int organization =
      AddUnit(committee, ChildCode(committee), "中共" + n + "委组织部", kind + "委组织部",
              UnitType::kPartyCommittee, UnitLevel::kCounty);
  county_organization_ = organization;
  if (index == 0) city_.district_organization_code = city_.units[size_t(organization)].unit.code;
  AddPosts(organization, {"部长", "副部长", 2}, Tier::kCountyDepartment, body);
  AddDivisions(organization, {"干部科", "组织科"}, UnitLevel::kCounty, "部门管理");
  const int government = AddUnit(county, ChildCode(county), n + "人民政府", n + "政府",
                                 UnitType::kGovernment, UnitLevel::kCounty);
  AddPosts(government, {is_district ? "区长" : "县长", is_district ? "副区长" : "副县长", 4},
           Tier::kCityDepartment, "市委管理");
  for (std::string_view department :
       {"教育局", "财政局", "农业农村局", "民政局", "人力资源和社会保障局"}) {
    const int unit = AddUnit(government, ChildCode(government), n + std::string(department),
                             std::string(department), UnitType::kGovernment, UnitLevel::kCounty);
    AddPosts(unit, {"局长", "副局长", 2}, Tier::kCountyDepartment, body);
    AddDivisions(unit, {"办公室", "业务股"}, UnitLevel::kCounty, "部门管理");
  }
  static constexpr std::array<std::array<std::string_view, 5>, 5> kTownships{{
      {"东华街道", "新民街道", "解放街道", "湖滨街道", "城南街道"},
      {"西湖街道", "北山街道", "翠苑街道", "文新街道", "古荡街道"},
      {"青山镇", "石门镇", "龙泉乡", "桃源镇", "白云乡"},
      {"临江镇", "沙洲镇", "芦溪乡", "枫林镇", "双河镇"},
      {"白石镇", "松岭乡", "清水镇", "梅溪镇", "高桥乡"},
  }};
  for (std::string_view township : kTownships[size_t(index) % kTownships.size()]) {
    const bool street = township.ends_with("街道");
    const int unit = AddUnit(county, ChildCode(county), n + std::string(township),
                             std::string(township), UnitType::kTownship, UnitLevel::kTownship);
    AddPosts(unit, {street ? "党工委书记" : "党委书记", street ? "办事处副主任" : "副镇长", 3},
             Tier::kCountyDepartment, body);
  }
}

DemoCity CityBuilder::Build(int cadre_count) {
  const int root = AddUnit(-1, "JH", "江华市", "江华市", UnitType::kRegion, UnitLevel::kMunicipal);
  struct Top {
    std::string_view name, short_name;
    UnitType type;
    PostSpec posts;
  };
  static constexpr std::array<Top, 7> kLeadership{{
      {"中共江华市委员会", "市委", UnitType::kPartyCommittee, {"书记", "副书记", 2}},
      {"江华市人民代表大会常务委员会",
       "市人大常委会",
       UnitType::kPeoplesCongress,
       {"主任", "副主任", 4}},
      {"江华市人民政府", "市政府", UnitType::kGovernment, {"市长", "副市长", 5}},
      {"中国人民政治协商会议江华市委员会", "市政协", UnitType::kCppcc, {"主席", "副主席", 4}},
      {"中共江华市纪律检查委员会 江华市监察委员会",
       "市纪委监委",
       UnitType::kDiscipline,
       {"书记", "副书记", 3}},
      {"江华市中级人民法院", "市中级法院", UnitType::kCourt, {"院长", "副院长", 3}},
      {"江华市人民检察院", "市检察院", UnitType::kProcuratorate, {"检察长", "副检察长", 3}},
  }};
  std::array<int, 7> top{};
  for (size_t i = 0; i < kLeadership.size(); ++i) {
    const Top& t = kLeadership[i];
    top[i] = AddUnit(root, ChildCode(root), std::string(t.name), std::string(t.short_name), t.type,
                     UnitLevel::kMunicipal);
    AddPosts(top[i], t.posts, Tier::kCityLeadership, "省委管理");
  }
  for (std::string_view department :
       {"市委办公室", "市委组织部", "市委宣传部", "市委统战部", "市委政法委员会"}) {
    const int unit =
        AddUnit(top[0], ChildCode(top[0]), "中共江华" + std::string(department),
                std::string(department), UnitType::kPartyCommittee, UnitLevel::kMunicipal);
    const bool office = department.ends_with("办公室") || department.ends_with("委员会");
    AddPosts(unit,
             office ? PostSpec{department.ends_with("委员会") ? "书记" : "主任",
                               department.ends_with("委员会") ? "副书记" : "副主任", 3}
                    : PostSpec{"部长", "副部长", 3},
             Tier::kCityDepartment, "市委管理");
    AddDivisions(unit, {"办公室", "干部科", "综合科"}, UnitLevel::kMunicipal, "部门管理");
    if (department == "市委组织部") {
      city_organization_ = unit;
      city_.organization_department_code = city_.units[size_t(unit)].unit.code;
    }
  }
  for (std::string_view department :
       {"发展和改革委员会", "教育局",     "科学技术局",       "公安局",
        "民政局",           "司法局",     "财政局",           "人力资源和社会保障局",
        "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局",
        "水利局",           "农业农村局", "商务局",           "文化广电旅游局",
        "卫生健康委员会",   "应急管理局", "审计局",           "市场监督管理局",
        "统计局",           "医疗保障局"}) {
    const bool commission = department.ends_with("委员会");
    const int unit =
        AddUnit(top[2], ChildCode(top[2]), "江华市" + std::string(department),
                "市" + std::string(department), UnitType::kGovernment, UnitLevel::kMunicipal);
    AddPosts(unit, commission ? PostSpec{"主任", "副主任", 3} : PostSpec{"局长", "副局长", 3},
             Tier::kCityDepartment, "市委管理");
    AddDivisions(unit, {"办公室", "政策法规科", "业务一科", "人事科"}, UnitLevel::kMunicipal,
                 "部门管理");
  }
  struct Other {
    std::string_view name, short_name;
    UnitType type;
    PostSpec posts;
  };
  static constexpr std::array<Other, 7> kOthers{{
      {"江华市总工会", "市总工会", UnitType::kMassOrganization, {"主席", "副主席", 2}},
      {"共青团江华市委员会", "团市委", UnitType::kMassOrganization, {"书记", "副书记", 2}},
      {"江华市妇女联合会", "市妇联", UnitType::kMassOrganization, {"主席", "副主席", 2}},
      {"江华日报社", "江华日报社", UnitType::kPublicInstitution, {"社长", "副社长", 2}},
      {"江华职业技术学院", "江华职院", UnitType::kPublicInstitution, {"院长", "副院长", 3}},
      {"江华城市建设投资集团有限公司",
       "江华城投集团",
       UnitType::kStateEnterprise,
       {"董事长", "副总经理", 3}},
      {"江华水务集团有限公司",
       "江华水务集团",
       UnitType::kStateEnterprise,
       {"董事长", "副总经理", 2}},
  }};
  for (const Other& o : kOthers) {
    const int unit = AddUnit(root, ChildCode(root), std::string(o.name), std::string(o.short_name),
                             o.type, UnitLevel::kMunicipal);
    AddPosts(unit, o.posts, Tier::kCityDepartment, "市委管理");
    AddDivisions(unit, {"办公室", "业务部"}, UnitLevel::kMunicipal, "部门管理");
  }
  static constexpr std::array<std::pair<std::string_view, bool>, 5> kCounties{{{"东城区", true},
                                                                               {"西湖区", true},
                                                                               {"青山县", false},
                                                                               {"临江县", false},
                                                                               {"白石县", false}}};
  for (size_t i = 0; i < kCounties.size(); ++i)
    AddCounty(root, int(i), kCounties[i].first, kCounties[i].second);
  for (DemoPosition& position : city_.positions) {
    if (position.managing_unit_index == kCityOrganization)
      position.managing_unit_index = city_organization_;
  }
  DescribeUnits();
  ChooseCounties();
  FillCadres(cadre_count);
  PairRelatives();
  AddRoles();
  return std::move(city_);
}

void CityBuilder::AddRoles() {
  using access::Clearance;
  using access::ScopeRule;
  city_.roles = {
      {"cadre_officer",
       "干部工作人员",
       {"cadre.read", "cadre.write", "cadre.export", "org.read", "org.write", "statistics.manage"},
       ScopeRule{ScopeRule::Kind::kAll, {}},
       Clearance::kConfidential,
       false,
       false},
      {"district_officer",
       "区委组织部干部工作人员",
       {"cadre.read", "cadre.write", "org.read", "statistics.manage"},
       ScopeRule{ScopeRule::Kind::kManagedBy, {city_.district_organization_code}},
       Clearance::kInternal,
       false,
       false},
      {"leader",
       "领导",
       {"cadre.read", "org.read"},
       ScopeRule{ScopeRule::Kind::kAll, {}},
       Clearance::kSecret,
       false,
       false},
  };
}

void CityBuilder::DescribeUnits() {
  const size_t n = city_.units.size();
  city_.unit_texts.resize(n);
  city_.department_of.resize(n);
  city_.county_of.assign(n, -1);
  for (size_t i = 0; i < n; ++i) {
    const DemoUnit& u = city_.units[i];
    const bool division = u.unit.type == UnitType::kInternalDivision;
    // An internal division is written after its department's full name (江华市财政局办公室).
    city_.unit_texts[i] =
        division ? city_.unit_texts[size_t(u.parent_index)] + u.unit.short_name : u.unit.name;
    city_.department_of[i] = division ? u.parent_index : int(i);
    if (division) city_.divisions.push_back(int(i));
    if (u.unit.type == UnitType::kRegion && u.unit.level == UnitLevel::kCounty) {
      city_.county_of[i] = int(i);
    } else if (u.parent_index >= 0) {
      city_.county_of[i] = city_.county_of[size_t(u.parent_index)];
    }
  }
  for (size_t p = 0; p < city_.positions.size(); ++p) {
    const int level = LevelOfPostRank(RankIndex(city_.positions[p].rank));
    if (level > 0) city_.positions_by_level[size_t(level)].push_back(int(p));
  }
}

void CityBuilder::ChooseCounties() {
  std::vector<cadre::Division> elsewhere;
  for (const cadre::Division& d : cadre::Divisions()) {
    if (d.level != cadre::DivisionLevel::kCounty) continue;
    // Taiwan, Hong Kong and Macao have no county codes of GB/T 2260 in use on ID numbers here.
    if (d.code.starts_with("71") || d.code.starts_with("81") || d.code.starts_with("82")) continue;
    // The standard's placeholder for a city's own districts, and zones that are nobody's
    // birthplace on a form (经济技术开发区, 管理区 …).
    if (d.name == "市辖区" || d.name.find("开发区") != std::string_view::npos ||
        d.name.find("管理区") != std::string_view::npos ||
        d.name.find("示范区") != std::string_view::npos ||
        d.name.find("试验区") != std::string_view::npos ||
        d.name.find("产业园") != std::string_view::npos) {
      continue;
    }
    if (d.code.starts_with(kHomeProvincePrefix)) {
      city_.counties.push_back(d);
    } else {
      elsewhere.push_back(d);
    }
  }
  city_.home_county_count = int(city_.counties.size());
  city_.counties.insert(city_.counties.end(), elsewhere.begin(), elsewhere.end());
}

DemoCadre CityBuilder::MakeCadre(int index, int unit, int position, int rank, int managing_unit) {
  DemoRandom random(MixSeed(seed_, kStreamBasics, std::uint64_t(index)));
  DemoCadre c;
  c.unit_index = unit;
  c.position_index = position;
  c.managing_unit_index = managing_unit;
  c.rank = std::uint8_t(rank);
  c.male = !random.Percent(position >= 0 ? 22 : 45);
  c.surname = std::uint8_t(random.Below(kSurnames.size()));
  c.given = std::uint16_t(random.Below(DemoGivenNames(c.male).size()));
  // Older cadres hold higher ranks: 巡视员 50–58, 调研员 42–57, 主任科员 30–55, 科员 23–34;
  // never younger than the ladder allows after a university degree (22) and a year's margin.
  const std::string_view rank_name = cadre::Ranks()[size_t(rank)];
  int min_age = 23, span = 12;
  if (rank_name.ends_with("巡视员")) {
    min_age = 50, span = 9;
  } else if (rank_name.ends_with("调研员")) {
    min_age = 42, span = 16;
  } else if (rank_name.ends_with("主任科员")) {
    min_age = 30, span = 26;
  }
  int required = 0;
  for (int k = rank; k < 10; ++k) required += MinMonthsInto(k);
  const int age =
      std::max(min_age + int(random.Below(std::uint64_t(span))), 23 + required / 12 + 1);
  c.birth_month =
      *base::YearMonth::FromYm(today_.year() - age - 1, unsigned(random.Between(1, 12)));
  const int days_in_month =
      unsigned(std::chrono::year_month_day_last(
                   std::chrono::year(c.birth_month.year()),
                   std::chrono::month_day_last(std::chrono::month(c.birth_month.month())))
                   .day());
  c.birth_day = std::uint8_t(random.Between(1, days_in_month));
  // 出生地: mostly the home province; 籍贯 mostly the same county, else one of the same province.
  const int home = city_.home_county_count;
  const int all = int(city_.counties.size());
  c.birth_county = std::uint16_t(random.Percent(85) || home == all
                                     ? random.Below(std::uint64_t(home))
                                     : home + int(random.Below(std::uint64_t(all - home))));
  c.native_county = c.birth_county;
  if (random.Percent(25)) {
    const std::string_view province = city_.counties[c.birth_county].code.substr(0, 2);
    for (int attempt = 0; attempt < 8; ++attempt) {
      const auto other = std::uint16_t(random.Below(std::uint64_t(all)));
      if (city_.counties[other].code.starts_with(province)) {
        c.native_county = other;
        break;
      }
    }
  }
  // The ID number must be unique: on a clash, the next 顺序码 of the same parity.
  int sequence = int(random.Below(500)) * 2 + (c.male ? 1 : 0);
  const std::uint64_t address = std::stoull(std::string(city_.counties[c.birth_county].code));
  const std::uint64_t date =
      std::uint64_t(c.birth_month.year()) * 10000 + c.birth_month.month() * 100 + c.birth_day;
  for (int attempt = 0; attempt < 500; ++attempt, sequence = (sequence + 2) % 1000) {
    if (id_numbers_.insert((address * 100000000 + date) * 1000 + std::uint64_t(sequence)).second)
      break;
  }
  c.id_sequence = std::uint16_t(sequence);
  return c;
}

void CityBuilder::FillCadres(int cadre_count) {
  city_.cadres.reserve(size_t(cadre_count));
  id_numbers_.reserve(size_t(cadre_count));
  // Leadership first across the whole tree, so that even a small demo has every level staffed:
  // the principal (first) seat of every unit's posts, then the other seats, then the internal
  // divisions' heads and deputies; each pass in tree order.
  int filled = 0;
  auto fill = [&](bool divisions, bool first_seat) {
    for (size_t p = 0; p < city_.positions.size(); ++p) {
      const DemoPosition& position = city_.positions[p];
      const bool division =
          city_.units[size_t(position.unit_index)].unit.type == UnitType::kInternalDivision;
      if (division != divisions) continue;
      for (std::int64_t seat = first_seat ? 0 : 1;
           seat < (first_seat ? 1 : position.headcount) && filled < cadre_count; ++seat, ++filled) {
        DemoCadre d = MakeCadre(filled, position.unit_index, int(p), RankIndex(position.rank),
                                position.managing_unit_index);
        d.sort_order = std::int32_t(seat);
        city_.cadres.push_back(d);
      }
    }
  };
  fill(false, true);
  fill(false, false);
  fill(true, true);
  fill(true, false);
  // Beyond the posts: staff (科员 and 主任科员) spread over the internal divisions.
  static constexpr std::array<std::string_view, 6> kStaffRanks{
      "二级主任科员", "三级主任科员", "四级主任科员", "一级科员", "一级科员", "二级科员"};
  const auto& divisions = city_.divisions;
  for (int n = 0; filled < cadre_count; ++filled, ++n) {
    const int unit = divisions[size_t(n) % divisions.size()];
    DemoRandom random(MixSeed(seed_, kStreamBasics, ~std::uint64_t(filled)));
    const int rank = RankIndex(kStaffRanks[random.Below(kStaffRanks.size())]);
    DemoCadre d = MakeCadre(filled, unit, -1, rank, city_.units[size_t(unit)].parent_index);
    d.sort_order = std::int32_t(10 + n / int(divisions.size()));
    city_.cadres.push_back(d);
  }
}

// Links about 1.5% of cadres as married couples and 0.4% as parent and child, so that a family
// table sometimes names another cadre. Couples: opposite sexes, the husband at most 6 years
// older or 2 younger, both at least 26, not in the same unit (回避). Parent and child: 26–34
// years apart; a child takes its father's surname. Each cadre has at most one such link.
void CityBuilder::PairRelatives() {
  const int today_year = today_.year();
  // Waiting cadres by sex and birth year (spouses), and by birth year (parents and children).
  std::map<std::pair<bool, int>, std::vector<int>> single;
  std::map<int, std::vector<int>> parents, children;
  auto take = [](std::vector<int>& pool) {
    const int i = pool.back();
    pool.pop_back();
    return i;
  };
  auto link = [&](int a, RelativeLink a_sees_b, int b, RelativeLink b_sees_a) {
    city_.cadres[size_t(a)].relative = b;
    city_.cadres[size_t(a)].relative_link = a_sees_b;
    city_.cadres[size_t(b)].relative = a;
    city_.cadres[size_t(b)].relative_link = b_sees_a;
  };
  for (int i = 0; i < int(city_.cadres.size()); ++i) {
    DemoCadre& c = city_.cadres[size_t(i)];
    DemoRandom random(MixSeed(seed_, kStreamPairing, std::uint64_t(i)));
    const int born = c.birth_month.year();
    const int roll = int(random.Below(1000));
    if (roll < 20 && today_year - born >= 27) {
      // Look for a spouse among those waiting: the husband born 6 years before to 2 after.
      int partner = -1;
      for (int offset = -2; offset <= 6 && partner < 0; ++offset) {
        const int year = c.male ? born + offset : born - offset;
        auto it = single.find({!c.male, year});
        if (it == single.end() || it->second.empty()) continue;
        if (city_.cadres[size_t(it->second.back())].unit_index == c.unit_index) continue;
        partner = take(it->second);
      }
      if (partner >= 0) {
        link(i, RelativeLink::kSpouse, partner, RelativeLink::kSpouse);
      } else {
        single[{c.male, born}].push_back(i);
      }
    } else if (roll >= 20 && roll < 36) {
      const int age = today_year - born;
      if (age <= 36) {
        int parent = -1;
        for (int gap = 26; gap <= 34 && parent < 0; ++gap) {
          auto it = parents.find(born - gap);
          if (it != parents.end() && !it->second.empty()) parent = take(it->second);
        }
        if (parent >= 0) {
          link(i, RelativeLink::kParent, parent, RelativeLink::kChild);
        } else {
          children[born].push_back(i);
        }
      } else if (age >= 50) {
        int child = -1;
        for (int gap = 26; gap <= 34 && child < 0; ++gap) {
          auto it = children.find(born + gap);
          if (it != children.end() && !it->second.empty()) child = take(it->second);
        }
        if (child >= 0) {
          link(i, RelativeLink::kChild, child, RelativeLink::kParent);
        } else {
          parents[born].push_back(i);
        }
      }
    }
  }
  // A child bears its father's surname: the cadre's own when he is the father, else that of
  // the cadre's husband (drawn for her dossier by DemoSpouseSurname).
  for (DemoCadre& c : city_.cadres) {
    if (c.relative_link != RelativeLink::kParent) continue;
    const DemoCadre& parent = city_.cadres[size_t(c.relative)];
    c.surname = parent.male ? parent.surname : std::uint8_t(DemoSpouseSurname(city_, c.relative));
  }
}

}  // namespace

std::span<const std::string_view> DemoSurnames() { return kSurnames; }

std::span<const std::string> DemoGivenNames(bool male) {
  static const std::vector<std::string> kMale =
      ComposeGivenNames(kMaleGiven, kMaleFirst, kMaleSecond);
  static const std::vector<std::string> kFemale =
      ComposeGivenNames(kFemaleGiven, kFemaleFirst, kFemaleSecond);
  return male ? kMale : kFemale;
}

std::string DemoCadreName(const DemoCadre& cadre) {
  return std::string(kSurnames[cadre.surname]) + DemoGivenNames(cadre.male)[cadre.given];
}

std::string_view DemoCadreTitle(const DemoCity& city, const DemoCadre& cadre) {
  if (cadre.position_index >= 0) return city.positions[size_t(cadre.position_index)].name;
  return cadre::Ranks()[cadre.rank];
}

std::string_view DemoManagingBody(const DemoCity& city, const DemoCadre& cadre) {
  if (cadre.position_index >= 0) return city.positions[size_t(cadre.position_index)].managing_body;
  return "部门管理";
}

int LevelOfPostRank(int rank) {
  switch (rank) {
    case 0:
      return 6;
    case 1:
      return 5;
    case 2:
      return 4;
    case 4:
      return 3;
    case 6:
      return 2;
    case 8:
      return 1;
    default:
      return 0;
  }
}

int MinMonthsInto(int rank) { return rank <= 1 ? 48 : rank == 2 ? 36 : 24; }

DemoCity BuildDemoCity(int cadre_count, std::uint64_t seed, base::Date today) {
  return CityBuilder(seed, today).Build(cadre_count);
}

}  // namespace xr::demo
