#include "cadre/name_keys.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

namespace xr::cadre {
namespace {

std::vector<std::string> ByStroke(std::vector<std::string> names) {
  std::stable_sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return StrokeSortKey(a) < StrokeSortKey(b);
  });
  return names;
}

TEST(StrokeSortKeyTest, OrdersSurnamesByStrokeCount) {
  using V = std::vector<std::string>;
  // Stroke counts: 丁 2, 王 4, 刘 6, 张 7, 曾 12 (ICU 72, zh@collation=stroke).
  EXPECT_EQ(ByStroke({"曾", "张", "王", "丁", "刘"}), (V{"丁", "王", "刘", "张", "曾"}));
  // Within one stroke count ICU does not follow the 横竖撇点折 first-stroke rule: for four
  // strokes it gives 尹 孔 方 毛 王, where a list 以姓氏笔画为序 puts 王 (横) first.
  EXPECT_EQ(ByStroke({"王", "毛", "方", "孔", "尹", "马"}),
            (V{"马", "尹", "孔", "方", "毛", "王"}));
}

TEST(StrokeSortKeyTest, CountsStrokesAsIcuDataDoes) {
  using V = std::vector<std::string>;
  // ICU 72's stroke collation counts 艹 as 4, 阝 as 3 and 辶 as 4 strokes (the traditional
  // count), where the mainland standard (Unihan kTotalStrokes, G source) counts 3, 2 and 3:
  // 郑 is 8 strokes by GB and would precede 赵 (9), but ICU files it under 9 after 赵; 邓 (GB 4,
  // beside 王) sorts after the 5-stroke 冯.
  EXPECT_EQ(ByStroke({"郑", "赵"}), (V{"赵", "郑"}));
  EXPECT_EQ(ByStroke({"邓", "冯", "王"}), (V{"王", "冯", "邓"}));
}

TEST(StrokeSortKeyTest, FullNamesSortBySurnameFirstThenGivenName) {
  using V = std::vector<std::string>;
  EXPECT_EQ(ByStroke({"张三丰", "王五", "张三", "王小明", "丁一"}),
            (V{"丁一", "王小明", "王五", "张三", "张三丰"}));
  // A name that extends another sorts after it (prefix first), and keys are lowercase hex.
  const std::string short_key = StrokeSortKey("张三");
  const std::string long_key = StrokeSortKey("张三丰");
  EXPECT_LT(short_key, long_key);
  EXPECT_FALSE(short_key.empty());
  EXPECT_EQ(short_key.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(short_key.size() % 2, 0u);
  EXPECT_EQ(StrokeSortKey("张三"), short_key);  // deterministic
}

TEST(PinyinInitialsTest, InitialsOfCommonNames) {
  struct Case {
    std::string name, initials;
  };
  const std::vector<Case> cases = {
      {"张三", "zs"},
      {"王建国", "wjg"},
      {"李芳", "lf"},
      {"欧阳修", "oyx"},
      {"诸葛亮", "zgl"},
      {"吕布", "lb"},  // ü reads as u
      {"阿依古丽·买买提",
       "aygl"
       "mmt"},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(PinyinInitials(c.name), c.initials) << c.name;
}

TEST(PinyinInitialsTest, SurnamesReadAsSurnamesNotAsEverydayWords) {
  struct Case {
    std::string name, initials;
  };
  // ICU 72 Han-Latin reads the first column's surname with its everyday reading: 曾 ceng,
  // 单 dan, 仇 chou, 解 jie, 查 cha, 区 qu, 覃 tan, 翟 di, 尉迟 wei chi, 万俟 wan qi.
  const std::vector<Case> cases = {
      {"曾国藩", "zgf"}, {"单雄信", "sxx"}, {"仇英", "qy"},       {"解缙", "xj"}, {"查良镛", "zly"},
      {"区小明", "oxm"}, {"覃建华", "qjh"}, {"翟志刚", "zzg"},    {"朴正", "pz"}, {"盖叫天", "gjt"},
      {"尉迟恭", "ycg"}, {"万俟卨", "mqx"}, {"长孙无忌", "zswj"}, {"单于", "cy"}, {"曾", "z"},
  };
  for (const Case& c : cases) EXPECT_EQ(PinyinInitials(c.name), c.initials) << c.name;
  // Only the leading surname is overridden: 曾 inside a given name keeps ICU's reading.
  EXPECT_EQ(PinyinInitials("王曾"), "wc");
}

TEST(NameKeysTest, SafeFromManyThreadsAtOnce) {
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  const std::string expected = StrokeSortKey("曾国藩");
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        if (PinyinInitials("曾国藩") != "zgf" || StrokeSortKey("曾国藩") != expected) ++wrong[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace xr::cadre
