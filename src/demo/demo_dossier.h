#pragma once
// The full dossier (cadre/dossier.h) of one demo cadre, generated from the compact city
// (demo_city.h) on demand: the same city and index always give the same dossier, and generating
// one needs no other dossier, so a million can be streamed to the database a batch at a time.
//
// What makes it believable, and consistent with the rules (dossier_rules.h):
// - 出生地 / 籍贯 are real GB/T 2260 counties; the ID number carries the birth county's code,
//   the birth date and an odd/even 顺序码 for men/women, with its check character.
// - Full-time education (中专 / 大专 / 大学 / 研究生, by birth cohort) ends when work starts;
//   some cadres study in service (党校 or a 在职研究生 course), shown as 其间 in the 简历.
// - The 职级 history climbs the ladder from the entry rank (一级科员, or 二级科员 after 中专 /
//   大专) to the current one, never faster than the minimum years (2 per step, 一级调研员 3,
//   巡视员 4); 领导职务 come with the ranks (乡科级副职 at 三级主任科员 … 厅局级正职 at
//   一级巡视员), in units of the city near the one held now.
// - The 简历 tiles the working life: study, then one line per post (per 职级 for staff), the
//   last open (至今) and matching the current post and rank.
// - 年度考核 every year after the probation year: mostly 称职, about 17% 优秀, rarely 基本称职;
//   a 嘉奖 for each 优秀 year and 记三等功 after three in a row; rare sanctions (诫勉, 警告,
//   记过) with their 影响期, in years without 优秀 and not followed by a promotion within it.
// - Family: spouse, children, parents; a linked relative (demo_city.h) appears with its own
//   name, birth, party, post and `cadre_id`, and both dossiers tell the same story.

#include <functional>
#include <optional>

#include "cadre/dossier.h"
#include "demo/demo_city.h"

namespace xr::demo {

// Database ids of what the dossier points at: units by their index in DemoCity::units, and
// cadres by their index in DemoCity::cadres (nullopt when not (yet) stored: no `cadre_id`).
struct DemoIds {
  std::function<org::UnitId(int unit_index)> unit;
  std::function<std::optional<cadre::CadreId>(int cadre_index)> cadre;
};

// The dossier of city.cadres[index], with labels of coded fields filled and their codes left
// empty (ValidateDossier fills them from the code tables). `version` is 0, `id` unset.
cadre::Dossier BuildDemoDossier(const DemoCity& city, int index, const DemoIds& ids);

// The surname index (into DemoSurnames()) of the spouse generated for a cadre who is not linked
// to a cadre spouse; a child takes it when its mother is the cadre.
int DemoSpouseSurname(const DemoCity& city, int index);

// The text of a 籍贯 / 出生地 as the form writes it: the province without 省/市/自治区 and the
// county's (for a city district: its city's) name without its suffix — 湖南宁乡, 湖南长沙,
// 北京, 广西桂林.
std::string DemoPlaceText(const cadre::Division& county);

}  // namespace xr::demo
