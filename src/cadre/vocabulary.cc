#include "cadre/vocabulary.h"

#include <algorithm>
#include <array>

namespace xr::cadre {
namespace {

constexpr std::array<std::string_view, 56> kEthnicities{
    "汉族",     "蒙古族",   "回族",       "藏族",     "维吾尔族",   "苗族",   "彝族",     "壮族",
    "布依族",   "朝鲜族",   "满族",       "侗族",     "瑶族",       "白族",   "土家族",   "哈尼族",
    "哈萨克族", "傣族",     "黎族",       "傈僳族",   "佤族",       "畲族",   "高山族",   "拉祜族",
    "水族",     "东乡族",   "纳西族",     "景颇族",   "柯尔克孜族", "土族",   "达斡尔族", "仫佬族",
    "羌族",     "布朗族",   "撒拉族",     "毛南族",   "仡佬族",     "锡伯族", "阿昌族",   "普米族",
    "塔吉克族", "怒族",     "乌孜别克族", "俄罗斯族", "鄂温克族",   "德昂族", "保安族",   "裕固族",
    "京族",     "塔塔尔族", "独龙族",     "鄂伦春族", "赫哲族",     "门巴族", "珞巴族",   "基诺族"};

constexpr std::array<std::string_view, 13> kPoliticalStatuses{
    "中共党员",   "中共预备党员", "共青团员",     "民革党员", "民盟盟员",   "民建会员", "民进会员",
    "农工党党员", "致公党党员",   "九三学社社员", "台盟盟员", "无党派人士", "群众"};

constexpr std::array<std::string_view, 12> kRanks{
    "一级巡视员",   "二级巡视员",   "一级调研员",   "二级调研员",   "三级调研员", "四级调研员",
    "一级主任科员", "二级主任科员", "三级主任科员", "四级主任科员", "一级科员",   "二级科员"};

}  // namespace

std::span<const std::string_view> Ethnicities() { return kEthnicities; }
std::span<const std::string_view> PoliticalStatuses() { return kPoliticalStatuses; }
std::span<const std::string_view> Ranks() { return kRanks; }

bool Contains(std::span<const std::string_view> table, std::string_view value) {
  return std::find(table.begin(), table.end(), value) != table.end();
}

}  // namespace xr::cadre
