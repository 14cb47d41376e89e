#pragma once
// 简历: the official text printed on the 干部任免审批表 and carried in LRMX (RULES.md §4.2), and
// the checks that flag, without refusing, a 简历 with holes or overlaps.

#include <string>
#include <vector>

#include "base/date.h"
#include "cadre/dossier.h"
#include "cadre/dossier_rules.h"

namespace xr::cadre {

// "yyyy.MM" as the form writes months (1997.07).
std::string FormMonth(base::YearMonth month);

// The 简历 text: one line per top-level entry, in start order, joined with "\n":
//   "1993.09--1997.07  某大学法律系法学专业学习"   (a closed span, two spaces, the text)
//   "1997.07--         某局科员"                   (至今: nine spaces stand for the missing end)
// The text is unit + post + note; a study entry ends in "学习" (added unless it already does).
// An entry's 其间 entries become one line after it, indented to the text column (18 spaces):
//   "                  （其间：2004.09--2006.07在省委党校经济管理专业在职研究生学习）"
// several joined with "；", a study one read as "在" + unit + post + "学习", an open one as
// "2022.09--" followed by its text. Empty for no entries.
std::string ResumeText(const std::vector<ResumeEntry>& entries);

// Warnings about the spans (never errors: the archive may say so):
//   RESUME_GAP      the next top-level entry (in start order) starts more than a month after
//                   the latest end so far — at least one whole month is not covered;
//   RESUME_OVERLAP  it starts before that end (sharing the boundary month is the convention);
//   RESUME_DURING_OUTSIDE a 其间 entry starts before its parent or ends after it.
// field is "resume[i]" / "resume[i].during[j]" with the indices of `entries`.
std::vector<RuleFinding> ResumeFindings(const std::vector<ResumeEntry>& entries);

}  // namespace xr::cadre
