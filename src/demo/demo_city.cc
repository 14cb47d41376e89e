#include "demo/demo_city.h"

#include <array>
#include <random>
#include <string_view>

#include "access/role_repository.h"
#include "cadre/cadre_repository.h"
#include "cadre/cadre_service.h"
#include "cadre/id_number.h"
#include "org/org_repository.h"

namespace xr::demo {
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

class CityBuilder {
 public:
  CityBuilder(std::uint64_t seed, base::Date today)
      : random_(seed), id_random_(seed ^ 0x9e3779b97f4a7c15u), today_(today) {}

  DemoCity Build(int cadre_count);

 private:
  int AddUnit(int parent, std::string code, std::string name, std::string short_name, UnitType type,
              UnitLevel level);
  void AddPosts(int unit, const PostSpec& spec, Tier tier, std::string_view managing_body);
  void AddDivisions(int unit, std::initializer_list<std::string_view> names, UnitLevel level,
                    std::string_view managing_body);
  void AddCounty(int root, int index, std::string_view name, bool is_district);
  void FillCadres(int cadre_count);
  cadre::Cadre MakeCadre(const DemoPosition& position, std::string post);
  std::string FictionalIdNumber(base::YearMonth birth_month, bool male);

  std::uint64_t Next(std::uint64_t bound) { return random_() % bound; }
  template <typename T, size_t N>
  const T& Pick(const std::array<T, N>& options) {
    return options[Next(N)];
  }
  std::string ChildCode(int parent) {
    const int n = ++child_count_[size_t(parent)];
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d", n);
    return city_.units[size_t(parent)].unit.code + buf;
  }

  std::mt19937_64 random_;
  // A stream of its own for 公民身份号码, so that adding them left the rest of the city unchanged.
  std::mt19937_64 id_random_;
  base::Date today_;
  DemoCity city_;
  void AddRoles();

  // The unit holding the authority a managing-body label names for a post in `unit`.
  int ManagingUnit(std::string_view body, int unit) const;

  std::vector<int> child_count_;
  int city_organization_ = -1;
  int county_organization_ = -1;  // of the county being built
};

// Placeholder for the city organization department until it exists.
constexpr int kCityOrganization = -2;

int CityBuilder::ManagingUnit(std::string_view body, int unit) const {
  if (body == "市委管理") return kCityOrganization;
  if (body == "区委管理" || body == "县委管理") return county_organization_;
  if (body == "部门管理") return city_.units[size_t(unit)].parent_index;  // the department
  return -1;  // 省委管理: outside this tree
}

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
constexpr std::array<std::string_view, 8> kMinorities{"回族",   "满族",   "壮族", "苗族",
                                                      "土家族", "蒙古族", "畲族", "朝鲜族"};
constexpr std::array<std::string_view, 6> kDemocraticParties{
    "民盟盟员", "九三学社社员", "民进会员", "民建会员", "农工党党员", "致公党党员"};

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
  FillCadres(cadre_count);
  AddRoles();
  return std::move(city_);
}

// GB 11643-1999 in form, fictional in content: the address codes 9901xx belong to no real place
// (99 is no province), the birth date falls in `birth_month`, and the 17th digit is odd for men.
std::string CityBuilder::FictionalIdNumber(base::YearMonth birth_month, bool male) {
  static constexpr std::array<std::string_view, 4> kRegions{"990102", "990103", "990104", "990121"};
  char first17[64];
  std::snprintf(first17, sizeof first17, "%s%04d%02u%02u%02u%u",
                std::string(kRegions[id_random_() % kRegions.size()]).c_str(), birth_month.year(),
                birth_month.month(), unsigned(1 + id_random_() % 28), unsigned(id_random_() % 100),
                unsigned(2 * (id_random_() % 5) + (male ? 1 : 0)));
  return std::string(first17) + cadre::IdNumberCheckCharacter(first17);
}

cadre::Cadre CityBuilder::MakeCadre(const DemoPosition& position, std::string post) {
  cadre::Cadre c;
  const bool leader = position.name != "科员";
  c.gender = Next(100) < (leader ? 22u : 45u) ? "女" : "男";
  c.name = std::string(Pick(kSurnames)) +
           std::string(c.gender == "女" ? Pick(kFemaleGiven) : Pick(kMaleGiven));
  // Older cadres hold higher ranks: 巡视员 50–58, 调研员 42–57, 主任科员 30–55, 科员 23–34.
  const std::string& rank = position.rank;
  int min_age = 23, span = 12;
  if (rank.ends_with("巡视员"))
    min_age = 50, span = 9;
  else if (rank.ends_with("调研员"))
    min_age = 42, span = 16;
  else if (rank.ends_with("主任科员"))
    min_age = 30, span = 26;
  const int age = min_age + int(Next(std::uint64_t(span)));
  c.birth_month = *base::YearMonth::FromYm(today_.year() - age - 1, unsigned(1 + Next(12)));
  const auto roll = Next(100);
  c.ethnicity = roll < 8 ? std::string(Pick(kMinorities)) : "汉族";
  const auto party_roll = Next(100);
  c.party = party_roll < 88   ? "中共党员"
            : party_roll < 95 ? std::string(Pick(kDemocraticParties))
                              : "无党派人士";
  c.id_number = FictionalIdNumber(c.birth_month, c.gender == "男");
  c.post = std::move(post);
  c.rank = rank;
  c.managing_body = position.managing_body;
  return c;
}

// The business roles of the demo accounts: the city organization department's cadre officers see
// every cadre of the city; a district's see the cadres their district manages (管理权限); leaders
// read everything up to 机密.
void CityBuilder::AddRoles() {
  using access::Clearance;
  using access::ScopeRule;
  city_.roles = {
      {"cadre_officer",
       "干部工作人员",
       {"cadre.read", "cadre.write", "cadre.export", "org.read", "org.write"},
       ScopeRule{ScopeRule::Kind::kAll, {}},
       Clearance::kConfidential,
       false,
       false},
      {"district_officer",
       "区委组织部干部工作人员",
       {"cadre.read", "cadre.write", "org.read"},
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

void CityBuilder::FillCadres(int cadre_count) {
  // Leadership first across the whole tree, so that even a small demo has every level staffed:
  // the principal (first) seat of every unit's posts, then the other seats, then the internal
  // divisions' heads and deputies; each pass in tree order.
  int filled = 0;
  auto fill = [&](bool divisions, bool first_seat) {
    for (const DemoPosition& position : city_.positions) {
      const bool division =
          city_.units[size_t(position.unit_index)].unit.type == UnitType::kInternalDivision;
      if (division != divisions) continue;
      for (std::int64_t seat = first_seat ? 0 : 1;
           seat < (first_seat ? 1 : position.headcount) && filled < cadre_count; ++seat, ++filled) {
        const std::string& unit_name = city_.units[size_t(position.unit_index)].unit.short_name;
        DemoCadre d{position.unit_index, MakeCadre(position, unit_name + position.name),
                    position.managing_unit_index};
        d.cadre.sort_order = seat;
        city_.cadres.push_back(std::move(d));
      }
    }
  };
  fill(false, true);
  fill(false, false);
  fill(true, true);
  fill(true, false);
  // Beyond the posts: staff (科员 and 主任科员) spread over the internal divisions.
  std::vector<int> divisions;
  for (size_t i = 0; i < city_.units.size(); ++i) {
    if (city_.units[i].unit.type == UnitType::kInternalDivision) divisions.push_back(int(i));
  }
  static constexpr std::array<std::string_view, 6> kStaffRanks{
      "二级主任科员", "三级主任科员", "四级主任科员", "一级科员", "一级科员", "二级科员"};
  for (int n = 0; filled < cadre_count; ++filled, ++n) {
    const int unit = divisions[size_t(n) % divisions.size()];
    const std::string rank(Pick(kStaffRanks));
    DemoPosition staff{unit, "科员", 1, rank, "部门管理", ManagingUnit("部门管理", unit)};
    DemoCadre d{unit, MakeCadre(staff, rank), staff.managing_unit_index};
    d.cadre.sort_order = 10 + n / std::int64_t(divisions.size());
    city_.cadres.push_back(std::move(d));
  }
}

}  // namespace

DemoCity BuildDemoCity(int cadre_count, std::uint64_t seed, base::Date today) {
  return CityBuilder(seed, today).Build(cadre_count);
}

base::Result<DemoSummary> SeedDemoCity(store::Database& db, const DemoCity& city,
                                       base::Timestamp now, const access::Recorder& recorder,
                                       const access::Actor& actor, const crypto::Keyring* keyring) {
  return db.TransactValue<DemoSummary>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<DemoSummary> {
        org::OrgRepository org(tx);
        ASSIGN_OR_RETURN(std::int64_t existing, org.CountUnits());
        if (existing > 0) {
          return base::FailedPrecondition(
              "数据库中已有机构数据，演示数据只能写入空库（可换一个 --db 路径）");
        }
        std::vector<org::UnitId> ids;
        ids.reserve(city.units.size());
        for (const DemoUnit& demo : city.units) {
          org::NewUnit unit = demo.unit;
          if (demo.parent_index >= 0) unit.parent_id = ids[size_t(demo.parent_index)];
          ASSIGN_OR_RETURN(org::Unit stored, org.InsertUnit(unit));
          ids.push_back(stored.id);
        }
        for (const DemoPosition& p : city.positions) {
          RETURN_IF_ERROR(org.InsertPosition(
              {org::PositionId(), ids[size_t(p.unit_index)], p.name, p.headcount, 0}));
        }
        cadre::CadreRepository cadres(tx);
        for (const DemoCadre& d : city.cadres) {
          cadre::Cadre c = d.cadre;
          c.unit_id = ids[size_t(d.unit_index)];
          if (d.managing_unit_index >= 0) c.managing_unit_id = ids[size_t(d.managing_unit_index)];
          ASSIGN_OR_RETURN(cadre::CadreId id, cadres.Insert(c));
          if (keyring && c.id_number) {
            RETURN_IF_ERROR(
                cadre::StoreIdNumber(tx, *keyring, id, c.managing_unit_id, *c.id_number));
          }
        }
        access::RoleRepository roles(tx);
        for (const access::Role& role : city.roles) RETURN_IF_ERROR(roles.Insert(role, now));
        RETURN_IF_ERROR(recorder.Write(tx, actor, "demo.seed", "database", "demo",
                                       {{"units", std::to_string(city.units.size())},
                                        {"positions", std::to_string(city.positions.size())},
                                        {"cadres", std::to_string(city.cadres.size())}}));
        return DemoSummary{std::int64_t(city.units.size()), std::int64_t(city.positions.size()),
                           std::int64_t(city.cadres.size())};
      });
}

}  // namespace xr::demo
