#pragma once
// What the printed 干部任免审批表 shows of one dossier (pure): the form's texts (cadre/rmb_text.h,
// texts of an imported form kept as written), ages computed at the 计算年龄时间, and the
// confidential parts the reader may not see replaced by the redaction marker.

#include "base/date.h"
#include "cadre/dossier.h"
#include "cadre/rmb_text.h"
#include "print/rmb_layout.h"

namespace xr::print {

struct RmbRedaction {
  bool id_number = false;  // 身份证号 printed as （无权查看）
  bool family = false;     // the family table shows （无权查看） instead of its rows
};

// `texts`: the form's texts of `dossier` (LoadRmbTexts or GenerateRmbTexts); `today`: the day
// of printing, used for ages when the dossier has no 计算年龄时间 (RmbAgeDate).
//   出生年月  "1975.03\n（51岁）" — the age on the age day
//   入党时间  the month; a 民主党派 member or 群众 without one shows the party (as the preview)
//   学历学位  学历 and 学位 on two lines; 毕业院校系及专业 the 学历's, then the 学位's when it
//   differs family    the age on the age day, blank for an unknown birth month or a member who died
RmbContent RmbContentFor(const cadre::Dossier& dossier, const cadre::RmbTexts& texts,
                         base::Date today, bool has_photo, RmbRedaction redaction);

}  // namespace xr::print
