#pragma once
// The texts of the 干部任免审批表 (RULES.md §4.1) as printed and exported, with the texts an
// imported form came with kept where the dossier has not changed since.
//
// A dossier derives several parts of the form from structured data (学历学位 from education[],
// 现任职务 from posts[], 简历 from resume[], 奖惩情况 from rewards[], 年度考核结果 from
// assessments[]). An imported form (LRMX, .lrm) carries those parts as written; parsing them into
// structured data and generating them back rarely gives the same text. So import stores, per
// element, the text as written and the text the generator produced from the imported structured
// data (`cadre_kept_texts`). At export and print an element is the text as written while the
// generator still produces the stored generated text (its structured source is unchanged), and
// the freshly generated text once the dossier has changed it. No write path needs a hook: the
// comparison happens at read time.
//
// Elements are named by their LRMX element (lrmx: XianRenZhiWu, JianLi, …). Elements that are not
// a part of RmbTexts (an LRMX date as written, say) may be kept too; RmbTexts ignores them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "cadre/dossier.h"
#include "store/database.h"
#include "store/migrate.h"

namespace xr::cadre {

// One 学历学位 block of the form (全日制教育 or 在职教育): the four LRMX elements.
struct RmbEducationTexts {
  std::string level;          // 学历 (…_XueLi)
  std::string degree;         // 学位 (…_XueWei)
  std::string level_school;   // 学历 毕业院校系及专业 (…_XueLi_BiYeYuanXiaoXi)
  std::string degree_school;  // 学位 毕业院校系及专业 (…_XueWei_BiYeYuanXiaoXi)
  friend bool operator==(const RmbEducationTexts&, const RmbEducationTexts&) = default;
};

// One row of 家庭主要成员及重要社会关系. The age is computed at print time (RmbFamilyAge).
struct RmbFamilyRow {
  std::string relation;                        // 称谓
  std::string name;                            // 姓名
  std::optional<base::YearMonth> birth_month;  // 出生年月
  std::string political_status;                // 政治面貌
  std::string employer_and_post;               // 工作单位及职务
  friend bool operator==(const RmbFamilyRow&, const RmbFamilyRow&) = default;
};

// Every text section of the form, as printed. Months are written as the form writes them
// ("1975.03"); an absent month is "". Ages are not here: they depend on the day of printing
// (RmbAgeDate, AgeOn in form_text.h, RmbFamilyAge).
struct RmbTexts {
  // Page 1
  std::string name;                            // 姓名
  std::string gender;                          // 性别
  std::optional<base::YearMonth> birth_month;  // 出生年月 (the age is computed beside it)
  std::string birth_month_text;                // "1975.03"
  std::string ethnicity;                       // 民族
  std::string native_place;                    // 籍贯
  std::string birth_place;                     // 出生地
  std::string party_join;                      // 入党时间 "1998.06"
  std::string work_start;                      // 参加工作时间
  std::string health;                          // 健康状况
  std::string professional_title;              // 专业技术职务
  std::string expertise;                       // 熟悉专业有何专长
  RmbEducationTexts full_time;                 // 全日制教育
  RmbEducationTexts in_service;                // 在职教育
  std::string current_posts;                   // 现任职务
  std::string proposed_post;                   // 拟任职务
  std::string proposed_removal;                // 拟免职务
  std::string resume;                          // 简历, lines joined with "\n"
  // Page 2
  std::string rewards;                // 奖惩情况
  std::string assessments;            // 年度考核结果
  std::string reason;                 // 任免理由
  std::vector<RmbFamilyRow> family;   // 家庭主要成员及重要社会关系 (confidential)
  std::string reporting_unit;         // 呈报单位
  std::string age_reference_date;     // 计算年龄时间 "2025.01.01" ("" = the day printed)
  std::string filled_date;            // 填表时间 "2025.01"
  std::string filled_by;              // 填表人
  std::string id_number;              // 身份证号 (confidential)
  std::string retirement_month;       // 到龄年月 "2035.03"
  std::string retirement_limit_text;  // 改革前任职年龄界限
  friend bool operator==(const RmbTexts&, const RmbTexts&) = default;
};

// The elements whose text a dossier derives from structured data, by LRMX element name, in the
// form's order: the eight 学历学位 elements, XianRenZhiWu, JianLi, JiangChengQingKuang,
// NianDuKaoHeJieGuo.
inline constexpr std::string_view kRmbDerivedElements[] = {
    "QuanRiZhiJiaoYu_XueLi",
    "QuanRiZhiJiaoYu_XueWei",
    "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueLi",
    "ZaiZhiJiaoYu_XueWei",
    "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
    "XianRenZhiWu",
    "JianLi",
    "JiangChengQingKuang",
    "NianDuKaoHeJieGuo",
};

// The form's texts generated from the dossier alone (pure): form_text.h / resume_text.h for the
// derived parts, the dossier's fields for the rest. The confidential parts (family, id_number)
// are what `dossier` holds — empty when it was read without them.
RmbTexts GenerateRmbTexts(const Dossier& dossier);

// The text of `element` (an LRMX element name) in `texts`, or nullptr when RmbTexts has no such
// element. Knows every element of kRmbDerivedElements and the plain text elements.
const std::string* RmbTextOf(const RmbTexts& texts, std::string_view element);
std::string* RmbTextOf(RmbTexts& texts, std::string_view element);

// One kept element of an imported form.
struct KeptText {
  std::string element;       // LRMX element name
  std::string as_written;    // the text the form came with (line ends normalised to "\n")
  std::string as_generated;  // the text the generator produced from the imported data
  friend bool operator==(const KeptText&, const KeptText&) = default;
};

// The kept texts to store for a form imported into `imported` (the dossier as decoded from the
// form) whose derived elements were `written` (element → text as written; elements missing from
// `written` were empty in the file). One entry per element of kRmbDerivedElements whose written
// text differs from the generated one (an equal one needs no keeping).
std::vector<KeptText> KeptTextsFor(const Dossier& imported,
                                   const std::vector<std::pair<std::string, std::string>>& written);

// The text of `element` to show: `kept`'s as_written when `generated` equals its as_generated,
// else `generated`. `kept` may hold any elements; a missing one gives `generated`.
std::string KeptOr(const std::vector<KeptText>& kept, std::string_view element,
                   const std::string& generated);

// `generated` with every kept element whose source is unchanged replaced by its text as written.
RmbTexts ApplyKeptTexts(RmbTexts generated, const std::vector<KeptText>& kept);

// The day the form's ages are computed at: the 计算年龄时间 when the dossier has one, else `today`.
base::Date RmbAgeDate(const Dossier& dossier, base::Date today);
// A family member's age on `day`, or nullopt when the birth month is unknown or the member has
// died (工作单位及职务 mentions 去世 or 已故: the form leaves the age blank).
std::optional<int> RmbFamilyAge(const RmbFamilyRow& row, base::Date day);

// Storage of kept texts (table cadre_kept_texts, migrations in KeptTextMigrations()). Both
// write with Transaction::ExecuteDeferred: an error may come from the transaction's next
// statement or from Transact instead (store/database.h).
// Replaces every kept text of `id` by `kept` (an empty list removes them): a DELETE, then the
// rows in one multi-row INSERT.
base::Status StoreKeptTexts(store::Transaction& tx, CadreId id, const std::vector<KeptText>& kept);
// Stores `kept` for `id` when it has no kept texts yet (a dossier inserted in this transaction):
// the one INSERT without the DELETE. AlreadyExists when `id` already has one of these elements
// (then use StoreKeptTexts).
base::Status AddKeptTexts(store::Transaction& tx, CadreId id, const std::vector<KeptText>& kept);
// The kept texts of `id`, by element name; empty when it has none.
base::Result<std::vector<KeptText>> LoadKeptTexts(store::Transaction& tx, CadreId id);

// The form's texts of a stored dossier (`dossier.id`): generated, with kept texts where the
// dossier has not changed since import. Errors of the store.
base::Result<RmbTexts> LoadRmbTexts(store::Transaction& tx, const Dossier& dossier);

// The tables of kept form texts: cadre_kept_texts, and cadre_lrmx_extras (the LRMX Version and
// unknown elements of an imported file, lrmx_repository.h in interchange).
std::vector<store::Migration> KeptTextMigrations();

}  // namespace xr::cadre
