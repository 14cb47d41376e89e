#pragma once
// The rules a dossier obeys (RULES.md §4, §9, §10; issue 4). Pure: no I/O, `today` and the
// code tables passed in.
//
// Errors refuse the record: the first one is returned as InvalidArgument with `field` the JSON
// path of the offending value ("birth_month", "education[1].end_month") and a Chinese message
// saying what is wrong and how to fix it. Warnings are shown next to the field and do not
// refuse (archives may legitimately differ, RULES.md §4.5).

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "cadre/dictionary.h"
#include "cadre/dossier.h"

namespace xr::cadre {

struct RuleFinding {
  std::string field;    // JSON path
  std::string code;     // stable, e.g. "ID_BIRTH_MISMATCH", "RESUME_GAP"
  std::string message;  // Chinese, for people
  friend bool operator==(const RuleFinding&, const RuleFinding&) = default;
};

// Checks `dossier` and fills the national codes of its coded fields from `tables` (a label not
// in its table is an error). Returns the warnings on success.
base::Result<std::vector<RuleFinding>> ValidateDossier(Dossier& dossier, const CodeTables& tables,
                                                       base::Date today);

// Warnings only, for showing a stored dossier (no error checks). Codes and fields:
//   ID_BIRTH_MISMATCH, ID_GENDER_MISMATCH   "id_number" (they reveal the ID's birth month or
//                                           gender: drop them where id_number is redacted)
//   PARTY_JOIN_UNDER_18                     "party_join_month" (joined before 18, confirmed;
//                                           unconfirmed it is an error on the same field)
//   WORK_START_UNDER_16                     "work_start_month"
//   RESUME_GAP, RESUME_OVERLAP, RESUME_DURING_OUTSIDE   resume_text.h ResumeFindings
//   POST_BEFORE_WORK_START                  "posts[i].start_month"
//   RANK_YEARS_SHORT                        "ranks[i].start_month": one step up the ladder in
//                                           fewer full years than 2 (一级调研员 3, 二级/一级巡视员 4)
//   NOT_ACTIVE_WITH_CURRENT_POST            "status"
std::vector<RuleFinding> DossierWarnings(const Dossier& dossier, base::Date today);

}  // namespace xr::cadre
