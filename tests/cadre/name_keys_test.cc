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
  // Stroke counts: 丁 2, 王 4, 刘 6, 张 7, 曾 12.
  EXPECT_EQ(ByStroke({"曾", "张", "王", "丁", "刘"}), (V{"丁", "王", "刘", "张", "曾"}));
  // Within one count the order is ICU's, which does not follow the 横竖撇点折 first-stroke
  // rule: for four strokes it gives 尹 孔 方 毛 王, where a list 以姓氏笔画为序 puts 王 (横)
  // first. 马 is 3 strokes; 邓 (4 on the mainland, 5 in ICU's count) ends the four-stroke group.
  EXPECT_EQ(ByStroke({"邓", "王", "毛", "方", "孔", "尹", "马"}),
            (V{"马", "尹", "孔", "方", "毛", "王", "邓"}));
}

TEST(StrokeSortKeyTest, CountsStrokesAsMainlandListsDo) {
  // ICU's stroke collation counts 艹 as 4, 阝 as 3 and 辶 as 4 strokes (the traditional count);
  // official lists count by 《通用规范汉字表》 (Unihan kTotalStrokes, first value): 3, 2 and 3.
  // Each pair is in the order of a mainland list; ICU alone puts every one the other way.
  struct Case {
    std::string first, second, why;
  };
  const std::vector<Case> cases = {
      {"郑", "赵", "郑 8 (阝 2), 赵 9"},
      {"范", "赵", "范 8 (艹 3), 赵 9"},
      {"邓", "冯", "邓 4 (阝 2), 冯 5"},
      {"辽", "刘", "辽 5 (辶 3), 刘 6"},
      {"萧", "曾", "萧 11 (艹 3), 曾 12"},
      {"张英", "张思", "英 8 (艹 3), 思 9: the given name counts the same way"},
      {"郑国强", "赵一", "the surname decides before the given name"},
  };
  for (const Case& c : cases) {
    EXPECT_LT(StrokeSortKey(c.first), StrokeSortKey(c.second)) << c.why;
    EXPECT_EQ(ByStroke({c.second, c.first}), (std::vector<std::string>{c.first, c.second}))
        << c.why;
  }
}

TEST(StrokeSortKeyTest, NamesOfOneSurnameStayTogetherOrderedByTheGivenName) {
  using V = std::vector<std::string>;
  // 张 and 李 are both 7 strokes: each surname is one block (ICU's order decides which block
  // comes first), and within it the given name's first character orders by its count: 一 1,
  // 三 3, 芳 7, 明 8, 英 8, 勇 9, 思 9, 萍 11 (芳 英 萍 counting 艹 as 3).
  EXPECT_EQ(ByStroke({"李明", "张萍", "张英", "张三", "李一", "张思", "李芳", "张勇"}),
            (V{"张三", "张英", "张勇", "张思", "张萍", "李一", "李芳", "李明"}));
  // A name that extends another sorts after it, and the next character counts before ICU's
  // finer levels: 张三 < 张三丰 < 张小明 (小 3 after 三 3 in ICU's order).
  EXPECT_EQ(ByStroke({"张小明", "张三丰", "王五", "张三", "丁一"}),
            (V{"丁一", "王五", "张三", "张三丰", "张小明"}));
}

TEST(StrokeSortKeyTest, KeyIsPrefixThenLowercaseHex) {
  const std::string_view prefix = StrokeSortKeyPrefix();
  ASSERT_EQ(prefix.size(), 10u);
  EXPECT_EQ(prefix.front(), '2');  // the key format
  EXPECT_EQ(prefix.back(), ':');   // no key of the earlier, pure-hex format has one
  for (const std::string name : {"张三", "欧阳修", "阿依古丽·买买提", "Smith", ""}) {
    const std::string key = StrokeSortKey(name);
    ASSERT_TRUE(key.starts_with(prefix)) << name;
    const std::string hex = key.substr(prefix.size());
    EXPECT_EQ(hex.find_first_not_of("0123456789abcdef"), std::string::npos) << name;
    EXPECT_EQ(hex.size() % 2, 0u) << name;
    EXPECT_EQ(StrokeSortKey(name), key) << name;  // deterministic
  }
  EXPECT_EQ(StrokeSortKey(""), std::string(prefix));
  // 张: 7 strokes (two hex digits), then ICU's key of 张 alone.
  EXPECT_TRUE(StrokeSortKey("张").starts_with(std::string(prefix) + "07")) << StrokeSortKey("张");
}

TEST(StrokeSortKeyTest, CharactersWithoutACountComeAfterAllCountedOnes) {
  using V = std::vector<std::string>;
  const std::string prefix(StrokeSortKeyPrefix());
  // Latin letters, the middle dot of transcribed names, a private-use character (no Unihan
  // data): count 0xff, then ICU's key; the key is the same on every call.
  for (const std::string name : {"A", "z", "·", "\xEE\x80\x80"}) {
    const std::string key = StrokeSortKey(name);
    EXPECT_TRUE(key.starts_with(prefix + "ff")) << key;
    EXPECT_GT(key.size(), prefix.size() + 2) << name;
    EXPECT_EQ(StrokeSortKey(name), key) << name;
  }
  // 龘 (48 strokes) and 𠀀 (Extension B, counted) still come before them.
  EXPECT_EQ(ByStroke({"Wang", "王A", "·", "龘", "王一", "王", "𠀀"}),
            (V{"𠀀", "王", "王一", "王A", "龘", "·", "Wang"}));
  // Ill-formed UTF-8 is read as U+FFFD, not skipped or crashed on.
  EXPECT_TRUE(StrokeSortKey("王\xff").starts_with(StrokeSortKey("王"))) << StrokeSortKey("王\xff");
  EXPECT_NE(StrokeSortKey("王\xff"), StrokeSortKey("王"));
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
