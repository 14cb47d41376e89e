#include "store/value.h"

#include <gtest/gtest.h>

namespace xr::store {
namespace {

struct UnitTag {};
using UnitId = base::Id<UnitTag>;

TEST(ValueTest, ConstructorsPickTheStorage) {
  EXPECT_TRUE(Value().is_null());
  EXPECT_TRUE(Value(std::nullopt).is_null());
  EXPECT_EQ(Value(true), Value(1));
  EXPECT_EQ(Value(UnitId(9)), Value(9));
  EXPECT_EQ(Value(base::Date::FromYmd(2024, 2, 29).value()), Value("2024-02-29"));
  EXPECT_EQ(Value(base::YearMonth::FromYm(1970, 1).value()), Value("1970-01"));
  EXPECT_EQ(Value(std::optional<std::string>("x")), Value("x"));
}

TEST(RowTest, AccessorsConvertBetweenEngines) {
  Row row({Value(42), Value("17"), Value(3.0), Value("2.5"), Value(), Value("t"),
           Value(Blob{{0, 65}}), Value(7.6)});
  EXPECT_EQ(row.Int(0), 42);
  EXPECT_EQ(row.Int(1), 17);  // integer text
  EXPECT_EQ(row.Int(2), 3);   // SUM() over integers is numeric on PostgreSQL
  EXPECT_DOUBLE_EQ(row.Real(3), 2.5);
  EXPECT_DOUBLE_EQ(row.Real(0), 42.0);
  EXPECT_EQ(row.Text(0), "42");
  EXPECT_TRUE(row.IsNull(4));
  EXPECT_EQ(row.OptionalInt(4), std::nullopt);
  EXPECT_EQ(row.OptionalInt(0), 42);
  EXPECT_EQ(row.OptionalText(4), std::nullopt);
  EXPECT_TRUE(row.Bool(5));
  EXPECT_EQ(row.Bytes(6), (Blob{{0, 65}}));
  EXPECT_EQ(row.Bytes(1), (Blob{{'1', '7'}}));
  EXPECT_EQ(row.Int(7), 8);
  EXPECT_EQ(row.Id<UnitId>(0), UnitId(42));
  EXPECT_EQ(row.size(), 8u);
}

}  // namespace
}  // namespace xr::store
