#include "org/tree_rules.h"

#include <gtest/gtest.h>

namespace xr::org {
namespace {

// 江华市 (/1/) ─ 市政府 (/1/2/) ─ 财政局 (/1/2/5/) ─ 办公室 (/1/2/5/9/)
//             └ 市委 (/1/3/)
Unit MakeUnit(std::int64_t id, std::optional<std::int64_t> parent, std::string path,
              std::string name, bool abolished = false) {
  Unit unit;
  unit.id = UnitId(id);
  if (parent) unit.parent_id = UnitId(*parent);
  unit.code = "JH" + std::to_string(id);
  unit.name = std::move(name);
  unit.short_name = unit.name;
  unit.type = UnitType::kGovernment;
  unit.level = UnitLevel::kMunicipal;
  unit.path = std::move(path);
  if (abolished) {
    unit.abolished_on = *base::Date::Parse("2026-01-01");
    unit.abolish_reason = "机构改革";
  }
  return unit;
}

const Unit kCity = MakeUnit(1, std::nullopt, "/1/", "江华市");
const Unit kGovernment = MakeUnit(2, 1, "/1/2/", "江华市人民政府");
const Unit kCommittee = MakeUnit(3, 1, "/1/3/", "中共江华市委员会");
const Unit kFinance = MakeUnit(5, 2, "/1/2/5/", "江华市财政局");
const Unit kOffice = MakeUnit(9, 5, "/1/2/5/9/", "江华市财政局办公室");
const Unit kUnit50 = MakeUnit(50, 1, "/1/50/", "江华市第五十单位");
const Unit kAbolished = MakeUnit(7, 1, "/1/7/", "江华市已撤销局", true);

TEST(CheckMoveTest, RefusesItsOwnSubtreeAbolishedUnitsAndParents) {
  struct Case {
    const char* what;
    Unit unit;
    std::optional<Unit> parent;
    base::StatusCode code;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"under a sibling", kFinance, kCommittee, base::StatusCode::kOk, ""},
      {"to the top", kFinance, std::nullopt, base::StatusCode::kOk, ""},
      {"up two levels", kOffice, kCity, base::StatusCode::kOk, ""},
      // "/1/5" is not a prefix of "/1/50/": a path prefix is always cut at a '/'.
      {"under /1/50/ from /1/5/", MakeUnit(5, 1, "/1/5/", "五"), kUnit50, base::StatusCode::kOk,
       ""},
      {"under itself", kFinance, kFinance, base::StatusCode::kInvalidArgument, "parent_id"},
      {"under its child", kGovernment, kFinance, base::StatusCode::kInvalidArgument, "parent_id"},
      {"under its grandchild", kGovernment, kOffice, base::StatusCode::kInvalidArgument,
       "parent_id"},
      {"the root under its descendant", kCity, kOffice, base::StatusCode::kInvalidArgument,
       "parent_id"},
      {"under an abolished unit", kFinance, kAbolished, base::StatusCode::kFailedPrecondition,
       "parent_id"},
      {"an abolished unit", kAbolished, kGovernment, base::StatusCode::kFailedPrecondition, "unit"},
  };
  for (const Case& c : cases) {
    const base::Status status = CheckMove(c.unit, c.parent);
    EXPECT_EQ(status.code(), c.code) << c.what << ": " << status.ToString();
    EXPECT_EQ(status.field(), c.field) << c.what;
    if (!status.ok()) {
      EXPECT_FALSE(status.message().empty()) << c.what;
    }
  }
}

std::vector<UnitId> Ids(std::initializer_list<std::int64_t> values) {
  std::vector<UnitId> ids;
  for (std::int64_t v : values) ids.push_back(UnitId(v));
  return ids;
}

TEST(CheckChildrenOrderTest, AcceptsExactlyAPermutationOfTheCurrentChildren) {
  struct Case {
    const char* what;
    std::vector<UnitId> current;
    std::vector<UnitId> requested;
    bool ok;
  };
  const std::vector<Case> cases = {
      {"same order", Ids({2, 3, 4}), Ids({2, 3, 4}), true},
      {"reversed", Ids({2, 3, 4}), Ids({4, 3, 2}), true},
      {"no children, empty list", {}, {}, true},
      {"one missing", Ids({2, 3, 4}), Ids({4, 2}), false},
      {"one extra", Ids({2, 3}), Ids({2, 3, 9}), false},
      {"a stranger instead", Ids({2, 3}), Ids({2, 9}), false},
      {"a duplicate", Ids({2, 3, 4}), Ids({2, 3, 3, 4}), false},
      {"a duplicate replacing one", Ids({2, 3, 4}), Ids({2, 3, 3}), false},
      {"empty list for children", Ids({2}), {}, false},
  };
  for (const Case& c : cases) {
    const base::Status status = CheckChildrenOrder(c.current, c.requested);
    EXPECT_EQ(status.ok(), c.ok) << c.what << ": " << status.ToString();
    if (!c.ok) {
      EXPECT_EQ(status.code(), base::StatusCode::kInvalidArgument) << c.what;
      EXPECT_EQ(status.field(), "ids") << c.what;
    }
  }
}

TEST(InsertAtTest, PlacesTheUnitAtItsIndexOnce) {
  struct Case {
    const char* what;
    std::vector<UnitId> siblings;
    std::int64_t moved;
    std::optional<std::int64_t> index;
    std::vector<UnitId> expected;
  };
  const std::vector<Case> cases = {
      {"appended by default", Ids({2, 3}), 9, std::nullopt, Ids({2, 3, 9})},
      {"first", Ids({2, 3}), 9, 0, Ids({9, 2, 3})},
      {"between", Ids({2, 3}), 9, 1, Ids({2, 9, 3})},
      {"past the end is last", Ids({2, 3}), 9, 99, Ids({2, 3, 9})},
      {"into no siblings", {}, 9, 0, Ids({9})},
      {"same parent moves down", Ids({2, 3, 4}), 2, 2, Ids({3, 4, 2})},
      {"same parent moves up", Ids({2, 3, 4}), 4, 0, Ids({4, 2, 3})},
  };
  for (const Case& c : cases) {
    auto order = InsertAt(c.siblings, UnitId(c.moved), c.index);
    ASSERT_TRUE(order.ok()) << c.what;
    EXPECT_EQ(*order, c.expected) << c.what;
  }
  EXPECT_EQ(InsertAt(Ids({2}), UnitId(9), -1).status().field(), "index");
}

TEST(PlaceAmongTest, KeepsSiblingNumbersWhereTheOrderAllows) {
  using Numbers = std::vector<std::pair<UnitId, std::int64_t>>;
  const Numbers dense = {{UnitId(2), 1}, {UnitId(3), 2}, {UnitId(4), 3}};
  const Numbers sparse = {{UnitId(2), 10}, {UnitId(3), 20}, {UnitId(4), 30}};
  struct Case {
    const char* what;
    Numbers others;
    size_t at;
    std::optional<std::int64_t> current;
    std::int64_t sort_order;
    Numbers renumbered;
  };
  const std::vector<Case> cases = {
      {"appended to dense", dense, 3, std::nullopt, 4, {}},
      {"appended to sparse", sparse, 3, std::nullopt, 31, {}},
      {"into an empty parent", {}, 0, std::nullopt, 1, {}},
      {"first of dense shifts all",
       dense,
       0,
       std::nullopt,
       1,
       {{UnitId(2), 2}, {UnitId(3), 3}, {UnitId(4), 4}}},
      {"between dense shifts the rest",
       dense,
       1,
       std::nullopt,
       2,
       {{UnitId(3), 3}, {UnitId(4), 4}}},
      {"between sparse fits", sparse, 1, std::nullopt, 11, {}},
      {"first of sparse fits", sparse, 0, std::nullopt, 1, {}},
      {"same parent, already in place", sparse, 1, 15, 15, {}},
      {"same parent, out of place", sparse, 0, 25, 1, {}},
      {"collision stops at the first gap",
       {{UnitId(2), 1}, {UnitId(3), 2}, {UnitId(4), 9}},
       0,
       std::nullopt,
       1,
       {{UnitId(2), 2}, {UnitId(3), 3}}},
  };
  for (const Case& c : cases) {
    const Placement placement = PlaceAmong(c.others, c.at, c.current);
    EXPECT_EQ(placement.sort_order, c.sort_order) << c.what;
    EXPECT_EQ(placement.renumbered, c.renumbered) << c.what;
  }
}

std::string Repeat(std::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

TEST(CheckAbolishTest, NeedsAReasonNoLiveChildrenAndALiveUnit) {
  const Abolition ok{*base::Date::Parse("2026-11-27"), "机构改革，职能并入市发展改革委"};
  struct Case {
    const char* what;
    Unit unit;
    std::int64_t live_children;
    std::string reason;
    base::StatusCode code;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"a leaf", kOffice, 0, ok.reason, base::StatusCode::kOk, ""},
      {"with a live child", kFinance, 1, ok.reason, base::StatusCode::kFailedPrecondition,
       "children"},
      {"with three live children", kCity, 3, ok.reason, base::StatusCode::kFailedPrecondition,
       "children"},
      {"already abolished", kAbolished, 0, ok.reason, base::StatusCode::kFailedPrecondition,
       "unit"},
      {"no reason", kOffice, 0, "", base::StatusCode::kInvalidArgument, "reason"},
      {"blank reason", kOffice, 0, "  \t", base::StatusCode::kInvalidArgument, "reason"},
      {"200 characters", kOffice, 0, Repeat("撤", 200), base::StatusCode::kOk, ""},
      {"201 characters", kOffice, 0, Repeat("撤", 201), base::StatusCode::kInvalidArgument,
       "reason"},
  };
  for (const Case& c : cases) {
    const base::Status status = CheckAbolish(c.unit, c.live_children, {ok.date, c.reason});
    EXPECT_EQ(status.code(), c.code) << c.what << ": " << status.ToString();
    EXPECT_EQ(status.field(), c.field) << c.what;
  }
}

TEST(PlanUnitUpdateTest, ListsChangedFieldsAndKeepsTheCode) {
  struct Case {
    const char* what;
    UnitUpdate update;
    base::StatusCode code;
    std::string field;
    std::vector<FieldChange> changes;
  };
  const std::vector<Case> cases = {
      {"nothing", {}, base::StatusCode::kOk, "", {}},
      {"same code sent back",
       {"JH5", std::nullopt, std::nullopt, std::nullopt, std::nullopt},
       base::StatusCode::kOk,
       "",
       {}},
      {"rename",
       {std::nullopt, "江华市财政和金融局", std::nullopt, std::nullopt, std::nullopt},
       base::StatusCode::kOk,
       "",
       {{"name", "江华市财政局", "江华市财政和金融局"}}},
      {"short name and level",
       {std::nullopt, std::nullopt, "财政局", std::nullopt, UnitLevel::kCounty},
       base::StatusCode::kOk,
       "",
       {{"short_name", "江华市财政局", "财政局"}, {"level", "市级", "县级"}}},
      {"type",
       {std::nullopt, std::nullopt, std::nullopt, UnitType::kPublicInstitution, std::nullopt},
       base::StatusCode::kOk,
       "",
       {{"type", "政府", "事业单位"}}},
      {"code change refused",
       {"JH6", "新名", std::nullopt, std::nullopt, std::nullopt},
       base::StatusCode::kInvalidArgument,
       "code",
       {}},
      {"empty name",
       {std::nullopt, "", std::nullopt, std::nullopt, std::nullopt},
       base::StatusCode::kInvalidArgument,
       "name",
       {}},
      {"name of 101 characters",
       {std::nullopt, Repeat("局", 101), std::nullopt, std::nullopt, std::nullopt},
       base::StatusCode::kInvalidArgument,
       "name",
       {}},
  };
  for (const Case& c : cases) {
    auto changes = PlanUnitUpdate(kFinance, c.update);
    EXPECT_EQ(changes.status().code(), c.code) << c.what << ": " << changes.status().ToString();
    EXPECT_EQ(changes.status().field(), c.field) << c.what;
    if (changes.ok()) {
      EXPECT_EQ(*changes, c.changes) << c.what;
    }
  }
  EXPECT_EQ(
      PlanUnitUpdate(kAbolished, {std::nullopt, "新名", std::nullopt, std::nullopt, std::nullopt})
          .status()
          .code(),
      base::StatusCode::kFailedPrecondition);
}

TEST(PathRewriteTest, RebasesPathsAndBoundsSubtrees) {
  EXPECT_EQ(Rebase("/1/2/5/9/", "/1/2/5/", "/1/3/5/"), "/1/3/5/9/");
  EXPECT_EQ(Rebase("/1/2/5/", "/1/2/5/", "/5/"), "/5/");
  EXPECT_EQ(SubtreeEnd("/1/5/"), "/1/50");
  // Every path of the subtree is in [path, end); the neighbour /1/50/ is not.
  for (std::string inside : {"/1/5/", "/1/5/9/", "/1/5/999999/1/"}) {
    EXPECT_TRUE(inside >= "/1/5/" && inside < SubtreeEnd("/1/5/")) << inside;
  }
  for (std::string outside : {"/1/50/", "/1/6/", "/1/4/", "/1/"}) {
    EXPECT_FALSE(outside >= "/1/5/" && outside < SubtreeEnd("/1/5/")) << outside;
  }
}

TEST(ChangesJsonTest, EscapesWhatJsonNeeds) {
  EXPECT_EQ(ChangesJson({}), "[]");
  EXPECT_EQ(ChangesJson({{"name", "旧\"名\\", "新\n名"}, {"level", "", "市级"}}),
            R"([{"field":"name","old":"旧\"名\\","new":"新\n名"},)"
            R"({"field":"level","old":"","new":"市级"}])");
  EXPECT_EQ(ChangesJson({{"x", std::string(1, '\x01'), ""}}),
            R"([{"field":"x","old":"\u0001","new":""}])");
}

}  // namespace
}  // namespace xr::org
