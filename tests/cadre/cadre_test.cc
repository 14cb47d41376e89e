#include "cadre/cadre.h"

#include <gtest/gtest.h>

namespace xr::cadre {
namespace {

Cadre Valid() {
  Cadre c;
  c.name = "王建国";
  c.gender = "男";
  c.birth_month = *base::YearMonth::Parse("1972-08");
  c.ethnicity = "汉族";
  c.party = "中共党员";
  c.unit_id = org::UnitId(3);
  c.post = "市财政局局长";
  c.rank = "一级调研员";
  c.managing_body = "市委管理";
  return c;
}

TEST(ValidateCadreTest, Table) {
  const base::Date today = *base::Date::Parse("2026-11-27");
  struct Case {
    std::function<void(Cadre&)> change;
    std::string_view field;
  };
  const Case cases[] = {
      {[](Cadre&) {}, ""},
      {[](Cadre& c) { c.name = "买买提·艾力"; }, ""},  // minority names keep the middle dot
      {[](Cadre& c) { c.name = "王"; }, "name"},
      {[](Cadre& c) { c.name = "王 建国"; }, "name"},
      {[](Cadre& c) { c.gender = "未知"; }, "gender"},
      {[](Cadre& c) { c.birth_month = *base::YearMonth::Parse("2026-12"); }, "birth_month"},
      {[](Cadre& c) { c.birth_month = *base::YearMonth::Parse("2026-11"); }, ""},
      {[](Cadre& c) { c.birth_month = *base::YearMonth::Parse("1925-10"); }, "birth_month"},
      {[](Cadre& c) { c.ethnicity = "汉"; }, "ethnicity"},
      {[](Cadre& c) { c.ethnicity = "维吾尔族"; }, ""},
      {[](Cadre& c) { c.party = "党员"; }, "party"},
      {[](Cadre& c) { c.party = "九三学社社员"; }, ""},
      {[](Cadre& c) { c.unit_id = org::UnitId(); }, "unit_id"},
      {[](Cadre& c) { c.post = ""; }, "post"},
      {[](Cadre& c) { c.rank = "正处级"; }, "rank"},
      {[](Cadre& c) { c.managing_body = ""; }, "managing_body"},
  };
  for (size_t i = 0; i < std::size(cases); ++i) {
    Cadre c = Valid();
    cases[i].change(c);
    EXPECT_EQ(ValidateCadre(c, today).field(), cases[i].field) << "case " << i;
  }
}

TEST(ValidateCadreQueryTest, Bounds) {
  EXPECT_TRUE(ValidateCadreQuery({}).ok());
  EXPECT_EQ(ValidateCadreQuery({std::nullopt, "", 0, 20}).field(), "page");
  EXPECT_EQ(ValidateCadreQuery({std::nullopt, "", 1, 0}).field(), "page_size");
  EXPECT_EQ(ValidateCadreQuery({std::nullopt, "", 1, 1001}).field(), "page_size");
  EXPECT_TRUE(ValidateCadreQuery({std::nullopt, "", 1, 1000}).ok());
  EXPECT_EQ(ValidateCadreQuery({std::nullopt, std::string("王\0", 4), 1, 20}).field(), "name");
  EXPECT_EQ(ValidateCadreQuery({std::nullopt, "王\t", 1, 20}).field(), "name");
  EXPECT_TRUE(ValidateCadreQuery({std::nullopt, "买买提·艾力", 1, 20}).ok());
}

}  // namespace
}  // namespace xr::cadre
