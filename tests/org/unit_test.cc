#include "org/unit.h"

#include <gtest/gtest.h>

namespace xr::org {
namespace {

TEST(UnitTypeTest, LabelsRoundTrip) {
  for (std::string_view label :
       {"行政区", "党委", "人大", "政府", "政协", "纪委监委", "法院", "检察院", "群团", "事业单位",
        "国有企业", "乡镇街道", "内设机构"}) {
    auto type = ParseUnitType(label);
    ASSERT_TRUE(type.ok()) << label;
    EXPECT_EQ(Label(*type), label);
  }
  EXPECT_EQ(ParseUnitType("公司").status().field(), "type");
  for (std::string_view label : {"省级", "市级", "县级", "乡级"})
    EXPECT_EQ(Label(*ParseUnitLevel(label)), label);
  EXPECT_EQ(ParseUnitLevel("村级").status().field(), "level");
}

TEST(ValidateNewUnitTest, Table) {
  struct Case {
    std::string code, name;
    std::string_view field;
  };
  const Case cases[] = {
      {"JH0102", "中共江华市委组织部", ""},
      {"", "市委组织部", "code"},
      {"JH 01", "市委组织部", "code"},
      {"组织部", "市委组织部", "code"},
      {std::string(33, '1'), "市委组织部", "code"},
      {"JH01", "", "name"},
      {"JH01", std::string(101 * 3, 'x'), "name"},
  };
  for (const Case& c : cases) {
    NewUnit unit;
    unit.code = c.code;
    unit.name = c.name;
    EXPECT_EQ(ValidateNewUnit(unit).field(), c.field) << c.code << " " << c.name;
  }
  EXPECT_EQ(ValidateNewPosition({PositionId(), UnitId(1), "局长", 1, 0}).field(), "");
  EXPECT_EQ(ValidateNewPosition({PositionId(), UnitId(1), "局长", -1, 0}).field(), "headcount");
  EXPECT_EQ(ValidateNewPosition({PositionId(), UnitId(1), "", 1, 0}).field(), "name");
}

}  // namespace
}  // namespace xr::org
