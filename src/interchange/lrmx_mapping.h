#pragma once
// LRMX ⇄ dossier (RULES.md §4.2): which element fills which dossier field, the parsing of the
// form's free texts into structured data (简历 lines, 年度考核结果, 奖惩 "无"), and the element
// texts written on export, with the texts an imported form came with kept where the dossier has
// not changed since (cadre/rmb_text.h). Pure.
//
// Import fills the person and the appointment: 姓名 … 身份证号, education (全日制 and 在职, one
// entry each from 学历/学位/院校), resume (one entry per 简历 line, `（其间：…）` lines nested
// under `during` of the line before), a current main post from 现任职务 (started when the open 简历
// line did), assessments from recognisable 年度考核结果 clauses, no rewards for 奖惩 "无", family
// from the Items. It leaves the unit, 管理权限 and status to the caller. 政治面貌 is not an element
// of the format: a month in 入党时间 makes 中共党员, a text there names the party (checked by the
// caller against the dictionary), nothing makes 群众.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "cadre/dossier.h"
#include "cadre/rmb_text.h"
#include "interchange/lrmx_document.h"

namespace xr::interchange {

// A date as the format writes it: yyyyMM, yyyyMMdd, yyyy.MM(.dd), yyyy-MM(-dd), yyyy/MM(/dd),
// yyyy年MM月(dd日); one-digit months and days allowed with separators.
struct LrmxDate {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;  // 0 = not given
};
std::optional<LrmxDate> ParseLrmxDate(std::string_view text);
std::string LrmxMonthText(base::YearMonth month);  // "197503"
std::string LrmxDayText(base::Date day);           // "20250101"

// 简历 text → entries. Lines that start with a span ("1993.09--1997.07", "2016.07--",
// "2016.07--至今") open an entry; `（其间：…）` lines (several parts joined with "；") become
// `during` entries of the entry before; other lines continue the text of the entry before.
// A text ending in 学习 is a study entry. Unreadable lines are reported in `warnings`.
std::vector<cadre::ResumeEntry> ParseResumeText(std::string_view text,
                                                std::vector<std::string>* warnings);

// 年度考核结果 → one Assessment per year named in a clause with a grade:
// "2021年年度考核称职；2022、2023年度考核均为优秀" → 2021 称职, 2022 优秀, 2023 优秀. Empty when
// nothing is recognisable ("无", free prose).
std::vector<cadre::Assessment> ParseAssessmentsText(std::string_view text);

// What an imported file gives.
struct LrmxImport {
  cadre::Dossier dossier;  // unit_id, managing_body, status left for the caller
  // The derived elements as written (cadre::kRmbDerivedElements), for cadre::KeptTextsFor.
  std::vector<std::pair<std::string, std::string>> written;
  std::string photo;                  // bytes, as in the file ("" = none)
  std::string version;                // Version ("" = none)
  std::string unknown_xml;            // EncodeUnknownElements of the file's unknown elements
  std::vector<std::string> warnings;  // for people: what was not read into structured data
};

// The dossier and the rest of an LRMX document. InvalidArgument (field = the element) when 出生年月
// is missing or unreadable, or another date element is unreadable.
base::Result<LrmxImport> ImportLrmx(const LrmxDocument& document);

// The kept texts to store for `imported` once its dossier has been validated into `stored` (the
// dossier exactly as stored: derived texts depend on the codes validation fills): the derived
// elements (cadre::KeptTextsFor) and the date elements whose written form differs from the one
// export writes.
std::vector<cadre::KeptText> LrmxKeptTexts(const LrmxDocument& document, const LrmxImport& imported,
                                           const cadre::Dossier& stored);

// The unknown elements of `document` (Person-level and per Item) as one XML text, and back into
// a document (Items by position; ones beyond `document.family` are dropped).
std::string EncodeUnknownElements(const LrmxDocument& document);
void DecodeUnknownElements(std::string_view xml, LrmxDocument& document);

// The document to export for a stored dossier: element texts generated from `dossier` (its
// confidential parts opened), each kept text used where its source is unchanged, the photo bytes,
// the version ("" = the default) and the unknown elements.
LrmxDocument ExportLrmx(const cadre::Dossier& dossier, const std::vector<cadre::KeptText>& kept,
                        std::string photo, std::string version, std::string_view unknown_xml);

}  // namespace xr::interchange
