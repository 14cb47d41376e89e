#include "interchange/lrmx_mapping.h"

#include <algorithm>
#include <cstdio>
#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "cadre/form_text.h"
#include "cadre/retirement.h"

namespace xr::interchange {
namespace {

using base::InvalidArgument;
using cadre::ResumeEntry;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Skips ASCII spaces and ideographic spaces from the front.
std::string_view SkipSpaces(std::string_view text) {
  while (!text.empty()) {
    if (IsAsciiSpace(text.front()))
      text.remove_prefix(1);
    else if (text.starts_with("\u3000"))
      text.remove_prefix(3);
    else
      break;
  }
  return text;
}

std::string Trimmed(std::string_view text) {
  text = SkipSpaces(text);
  while (!text.empty()) {
    if (IsAsciiSpace(text.back()))
      text.remove_suffix(1);
    else if (text.ends_with("\u3000"))
      text.remove_suffix(3);
    else
      break;
  }
  return std::string(text);
}

bool ConsumeAny(std::string_view& text, std::initializer_list<std::string_view> options) {
  for (std::string_view option : options) {
    if (text.starts_with(option)) {
      text.remove_prefix(option.size());
      return true;
    }
  }
  return false;
}

// Reads up to `max` digits (at least `min`) from the front of `text`.
std::optional<int> ReadNumber(std::string_view& text, size_t min, size_t max) {
  size_t n = 0;
  while (n < text.size() && n < max && IsDigit(text[n])) ++n;
  if (n < min) return std::nullopt;
  int value = 0;
  for (size_t i = 0; i < n; ++i) value = value * 10 + (text[i] - '0');
  text.remove_prefix(n);
  return value;
}

bool ValidDate(const LrmxDate& d) {
  if (d.year < 1900 || d.year > 2200 || d.month < 1 || d.month > 12) return false;
  return d.day == 0 || base::Date::FromYmd(d.year, d.month, d.day).ok();
}

// A date at the front of `text`; `text` is advanced past it.
std::optional<LrmxDate> ReadDatePrefix(std::string_view& text) {
  std::string_view rest = text;
  size_t digits = 0;
  while (digits < rest.size() && IsDigit(rest[digits])) ++digits;
  LrmxDate date;
  if (digits == 6 || digits == 8) {
    std::string_view all = rest.substr(0, digits);
    date.year = *ReadNumber(all, 4, 4);
    date.month = unsigned(*ReadNumber(all, 2, 2));
    if (digits == 8) date.day = unsigned(*ReadNumber(all, 2, 2));
    rest.remove_prefix(digits);
  } else if (digits == 4) {
    date.year = *ReadNumber(rest, 4, 4);
    if (!ConsumeAny(rest, {".", "-", "/", "年", "．"})) return std::nullopt;
    auto month = ReadNumber(rest, 1, 2);
    if (!month) return std::nullopt;
    date.month = unsigned(*month);
    std::string_view after_month = rest;
    const bool had_month_word = ConsumeAny(after_month, {"月"});
    std::string_view day_part = after_month;
    if (!had_month_word) {
      if (ConsumeAny(day_part, {".", "/", "．"}) ||
          (day_part.starts_with("-") && day_part.size() > 1 && IsDigit(day_part[1]) &&
           ConsumeAny(day_part, {"-"}))) {
        // a day may follow
      } else {
        day_part = std::string_view();
      }
    }
    rest = after_month;
    if (!day_part.empty() || had_month_word) {
      std::string_view probe = day_part;
      if (auto day = ReadNumber(probe, 1, 2)) {
        date.day = unsigned(*day);
        ConsumeAny(probe, {"日"});
        rest = probe;
      }
    }
  } else {
    return std::nullopt;
  }
  if (!ValidDate(date)) return std::nullopt;
  text = rest;
  return date;
}

base::YearMonth MonthOf(const LrmxDate& d) { return *base::YearMonth::FromYm(d.year, d.month); }
base::Date DayOf(const LrmxDate& d) {
  return *base::Date::FromYmd(d.year, d.month, d.day == 0 ? 1 : d.day);
}

std::vector<std::string> Split(std::string_view text,
                               std::initializer_list<std::string_view> seps) {
  std::vector<std::string> parts;
  std::string current;
  while (!text.empty()) {
    bool split = false;
    for (std::string_view sep : seps) {
      if (text.starts_with(sep)) {
        parts.push_back(current);
        current.clear();
        text.remove_prefix(sep.size());
        split = true;
        break;
      }
    }
    if (!split) {
      current += text.front();
      text.remove_prefix(1);
    }
  }
  parts.push_back(current);
  return parts;
}

// "1993.09--1997.07  text" → the span and the text; nullopt when the line does not start with one.
struct Span {
  base::YearMonth start;
  std::optional<base::YearMonth> end;
  std::string text;
};
std::optional<Span> ReadSpan(std::string_view line) {
  line = SkipSpaces(line);
  auto start = ReadDatePrefix(line);
  if (!start) return std::nullopt;
  line = SkipSpaces(line);
  bool separated = false;
  while (ConsumeAny(line, {"-", "—", "–", "~", "～", "至", "－"})) separated = true;
  if (!separated) return std::nullopt;
  line = SkipSpaces(line);
  Span span{MonthOf(*start), std::nullopt, {}};
  if (auto end = ReadDatePrefix(line)) {
    span.end = MonthOf(*end);
  } else {
    ConsumeAny(line, {"至今", "今"});
  }
  span.text = Trimmed(line);
  return span;
}

ResumeEntry EntryFrom(const Span& span) {
  ResumeEntry entry;
  entry.start = span.start;
  entry.end = span.end;
  entry.unit = span.text;
  entry.kind = span.text.ends_with("学习") ? cadre::ResumeKind::kStudy : cadre::ResumeKind::kWork;
  return entry;
}

bool StartsDuring(std::string_view line) {
  line = SkipSpaces(line);
  return ConsumeAny(line, {"（", "("}) && SkipSpaces(line).starts_with("其间");
}

// The grade named in `clause`, longest names first (基本称职 and 不称职 contain 称职).
std::optional<cadre::AssessmentGrade> GradeIn(std::string_view clause) {
  using G = cadre::AssessmentGrade;
  static const std::pair<std::string_view, G> kGrades[] = {
      {"基本称职", G::kBasicallyCompetent},
      {"不称职", G::kIncompetent},
      {"不定等次", G::kUngraded},
      {"不确定等次", G::kUngraded},
      {"优秀", G::kExcellent},
      {"称职", G::kCompetent},
      {"合格", G::kCompetent},
  };
  for (const auto& [word, grade] : kGrades)
    if (clause.find(word) != std::string_view::npos) return grade;
  return std::nullopt;
}

// The years (1900–2199) named in `clause`, "2021-2023" / "2021至2023" as a range.
std::vector<int> YearsIn(std::string_view clause) {
  std::vector<int> years;
  std::vector<size_t> ends;
  for (size_t i = 0; i < clause.size();) {
    if (!IsDigit(clause[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < clause.size() && IsDigit(clause[j])) ++j;
    if (j - i == 4) {
      const int year = std::stoi(std::string(clause.substr(i, 4)));
      if (year >= 1900 && year < 2200) {
        if (!years.empty()) {
          std::string_view between = clause.substr(ends.back(), i - ends.back());
          if (between.starts_with("年")) between.remove_prefix(3);
          if ((between == "-" || between == "—" || between == "至" || between == "~" ||
               between == "～" || between == "－" || between == "–") &&
              year > years.back() && year - years.back() < 50) {
            for (int y = years.back() + 1; y < year; ++y) years.push_back(y);
          }
        }
        years.push_back(year);
        ends.push_back(j);
      }
    }
    i = j;
  }
  return years;
}

std::string ExportDateText(const cadre::Dossier& d, std::string_view element) {
  if (element == "ChuShengNianYue") return LrmxMonthText(d.birth_month);
  if (element == "RuDangShiJian")
    return d.party_join_month ? LrmxMonthText(*d.party_join_month) : std::string();
  if (element == "CanJiaGongZuoShiJian")
    return d.work_start_month ? LrmxMonthText(*d.work_start_month) : std::string();
  if (element == "DaoLingNianYue") {
    auto month = cadre::RetirementMonthOf(d);
    return month ? LrmxMonthText(*month) : std::string();
  }
  if (element == "JiSuanNianLingShiJian")
    return d.appointment.age_reference_date ? LrmxDayText(*d.appointment.age_reference_date)
                                            : std::string();
  if (element == "TianBiaoShiJian")
    return d.appointment.filled_date ? LrmxDayText(*d.appointment.filled_date) : std::string();
  return {};
}

constexpr std::string_view kDateElements[] = {"ChuShengNianYue",       "RuDangShiJian",
                                              "CanJiaGongZuoShiJian",  "DaoLingNianYue",
                                              "JiSuanNianLingShiJian", "TianBiaoShiJian"};

base::Result<std::optional<LrmxDate>> OptionalDate(const LrmxDocument& doc,
                                                   std::string_view element,
                                                   std::string_view what) {
  const std::string text = doc.Get(element);
  if (text.empty()) return std::optional<LrmxDate>();
  std::string_view rest = text;
  auto date = ReadDatePrefix(rest);
  if (!date || !SkipSpaces(rest).empty()) {
    return InvalidArgument(
        std::string(what) + "“" + text + "”无法识别，应为 yyyyMM、yyyyMMdd 或 yyyy.MM 等日期",
        std::string(element));
  }
  return date;
}

std::string FragmentOf(const pugi::xml_node& node) {
  std::ostringstream out;
  node.print(out, "", pugi::format_raw, pugi::encoding_utf8);
  return out.str();
}

}  // namespace

std::optional<LrmxDate> ParseLrmxDate(std::string_view text) {
  std::string trimmed = Trimmed(text);
  std::string_view rest = trimmed;
  auto date = ReadDatePrefix(rest);
  if (!date || !rest.empty()) return std::nullopt;
  return date;
}

std::string LrmxMonthText(base::YearMonth month) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%02u", month.year(), month.month());
  return buffer;
}

std::string LrmxDayText(base::Date day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02u", day.year(), day.month(), day.day());
  return buffer;
}

std::vector<ResumeEntry> ParseResumeText(std::string_view text,
                                         std::vector<std::string>* warnings) {
  std::vector<ResumeEntry> entries;
  for (const std::string& raw : Split(text, {"\n"})) {
    const std::string line = Trimmed(raw);
    if (line.empty()) continue;
    if (StartsDuring(line)) {
      std::string_view body = SkipSpaces(line);
      ConsumeAny(body, {"（", "("});
      body = SkipSpaces(body);
      body.remove_prefix(std::string_view("其间").size());
      ConsumeAny(body, {"：", ":"});
      std::string inner = Trimmed(body);
      if (inner.ends_with("）"))
        inner.resize(inner.size() - 3);
      else if (inner.ends_with(")"))
        inner.pop_back();
      if (entries.empty()) {
        if (warnings) warnings->push_back("简历的“其间”行前没有经历，未拆分：" + line);
        continue;
      }
      ResumeEntry& parent = entries.back();
      for (const std::string& part_raw : Split(inner, {"；", ";"})) {
        std::string part = Trimmed(part_raw);
        if (part.ends_with("。")) part.resize(part.size() - 3);
        if (part.empty()) continue;
        ResumeEntry entry;
        if (auto span = ReadSpan(part)) {
          entry = EntryFrom(*span);
        } else {
          entry.start = parent.start;
          entry.end = parent.end;
          entry.unit = part;
          entry.kind =
              part.ends_with("学习") ? cadre::ResumeKind::kStudy : cadre::ResumeKind::kWork;
        }
        if (entry.kind == cadre::ResumeKind::kStudy && entry.unit.starts_with("在"))
          entry.unit.erase(0, std::string_view("在").size());
        parent.during.push_back(std::move(entry));
      }
      continue;
    }
    if (auto span = ReadSpan(line)) {
      entries.push_back(EntryFrom(*span));
      continue;
    }
    if (entries.empty()) {
      if (warnings) warnings->push_back("简历中无法识别起止时间的行：" + line);
      continue;
    }
    // A wrapped line continues the text of the entry before.
    ResumeEntry& last = entries.back();
    last.unit += line;
    last.kind = last.unit.ends_with("学习") ? cadre::ResumeKind::kStudy : cadre::ResumeKind::kWork;
  }
  return entries;
}

std::vector<cadre::Assessment> ParseAssessmentsText(std::string_view text) {
  std::vector<cadre::Assessment> out;
  std::set<int> seen;
  std::vector<int> pending;
  for (const std::string& clause : Split(text, {"；", ";", "。", "，", ","})) {
    std::vector<int> years = YearsIn(clause);
    pending.insert(pending.end(), years.begin(), years.end());
    auto grade = GradeIn(clause);
    if (!grade) continue;
    for (int year : pending) {
      if (seen.insert(year).second) out.push_back({year, *grade, ""});
    }
    pending.clear();
  }
  std::sort(out.begin(), out.end(),
            [](const cadre::Assessment& a, const cadre::Assessment& b) { return a.year < b.year; });
  return out;
}

base::Result<LrmxImport> ImportLrmx(const LrmxDocument& doc) {
  LrmxImport result;
  cadre::Dossier& d = result.dossier;
  d.name = doc.Get("XingMing");
  d.gender.label = doc.Get("XingBie");
  ASSIGN_OR_RETURN(std::optional<LrmxDate> birth, OptionalDate(doc, "ChuShengNianYue", "出生年月"));
  if (!birth) return InvalidArgument("缺少出生年月（ChuShengNianYue）", "ChuShengNianYue");
  d.birth_month = MonthOf(*birth);
  d.ethnicity.label = doc.Get("MinZu");
  d.native_place.text = doc.Get("JiGuan");
  d.birth_place.text = doc.Get("ChuShengDi");

  // 入党时间: a month (中共党员), a party with its month ("1998.06民盟盟员"), or a party alone.
  const std::string party_text = doc.Get("RuDangShiJian");
  std::string_view party_rest = party_text;
  if (party_text.empty()) {
    d.party.label = "群众";
  } else if (auto month = ReadDatePrefix(party_rest)) {
    d.party_join_month = MonthOf(*month);
    const std::string label = Trimmed(party_rest);
    d.party.label = label.empty() ? "中共党员" : label;
  } else {
    d.party.label = party_text;
  }
  // The form comes from the archive: a join before 18 on it is what the archive says.
  d.party_join_age_confirmed = true;

  ASSIGN_OR_RETURN(std::optional<LrmxDate> work,
                   OptionalDate(doc, "CanJiaGongZuoShiJian", "参加工作时间"));
  if (work) d.work_start_month = MonthOf(*work);
  d.health.label = doc.Get("JianKangZhuangKuang");
  d.professional_title = doc.Get("ZhuanYeJiShuZhiWu");
  d.expertise = doc.Get("ShuXiZhuanYeYouHeZhuanChang");
  const std::string id_number = doc.Get("ShenFenZheng");
  if (!id_number.empty()) d.id_number = id_number;

  auto education = [&](std::string_view prefix, cadre::EducationKind kind, std::string_view what) {
    const std::string p(prefix);
    const std::string level = doc.Get(p + "_XueLi");
    const std::string degree = doc.Get(p + "_XueWei");
    if (level.empty()) {
      if (!degree.empty())
        result.warnings.push_back(std::string(what) + "只有学位没有学历，按原文保存");
      return;
    }
    cadre::Education e;
    e.kind = kind;
    e.level.label = level;
    e.degree.label = degree;
    e.school_and_major = doc.Get(p + "_XueLi_BiYeYuanXiaoXi");
    if (e.school_and_major.empty()) e.school_and_major = doc.Get(p + "_XueWei_BiYeYuanXiaoXi");
    d.education.push_back(std::move(e));
  };
  education("QuanRiZhiJiaoYu", cadre::EducationKind::kFullTime, "全日制教育");
  education("ZaiZhiJiaoYu", cadre::EducationKind::kInService, "在职教育");

  d.resume = ParseResumeText(doc.Get("JianLi"), &result.warnings);

  const std::string posts = doc.Get("XianRenZhiWu");
  if (!posts.empty()) {
    // The current post started when the open 简历 line did (else the latest line).
    std::optional<base::YearMonth> start;
    for (const ResumeEntry& entry : d.resume)
      if (!entry.end) start = entry.start;
    if (!start && !d.resume.empty()) start = d.resume.back().start;
    if (start && posts.size() <= 300) {
      cadre::Post post;
      post.title = posts;
      post.is_main = true;
      post.start_month = *start;
      d.posts.push_back(std::move(post));
    } else {
      result.warnings.push_back("现任职务按原文保存（简历中找不到任职时间）");
    }
  }

  d.assessments = ParseAssessmentsText(doc.Get("NianDuKaoHeJieGuo"));
  const std::string assessments = doc.Get("NianDuKaoHeJieGuo");
  if (d.assessments.empty() && !assessments.empty() && assessments != "无")
    result.warnings.push_back("年度考核结果无法拆分为逐年记录，按原文保存");
  const std::string rewards = doc.Get("JiangChengQingKuang");
  if (!rewards.empty() && rewards != "无" && rewards != "无。")
    result.warnings.push_back("奖惩情况按原文保存，未拆分为奖惩记录");

  for (size_t i = 0; i < doc.family.size(); ++i) {
    const LrmxItem& item = doc.family[i];
    cadre::FamilyMember member;
    member.relation.label = item.Get("ChengWei");
    member.name = item.Get("XingMing");
    if (member.relation.label.empty() && member.name.empty()) continue;  // an empty row
    const std::string birth_text = item.Get("ChuShengRiQi");
    if (auto date = ParseLrmxDate(birth_text)) {
      member.birth_month = MonthOf(*date);
    } else if (!birth_text.empty()) {
      result.warnings.push_back("家庭成员" + member.name + "的出生日期“" + birth_text +
                                "”无法识别，未导入");
    }
    member.political_status.label = item.Get("ZhengZhiMianMao");
    member.employer_and_post = item.Get("GongZuoDanWeiJiZhiWu");
    d.family.push_back(std::move(member));
  }

  d.appointment.proposed_post = doc.Get("NiRenZhiWu");
  d.appointment.proposed_removal = doc.Get("NiMianZhiWu");
  d.appointment.reason = doc.Get("RenMianLiYou");
  d.appointment.reporting_unit = doc.Get("ChengBaoDanWei");
  ASSIGN_OR_RETURN(std::optional<LrmxDate> reference,
                   OptionalDate(doc, "JiSuanNianLingShiJian", "计算年龄时间"));
  if (reference) d.appointment.age_reference_date = DayOf(*reference);
  ASSIGN_OR_RETURN(std::optional<LrmxDate> filled,
                   OptionalDate(doc, "TianBiaoShiJian", "填表时间"));
  if (filled) d.appointment.filled_date = DayOf(*filled);
  d.appointment.filled_by = doc.Get("TianBiaoRen");
  d.appointment.retirement_limit_text = doc.Get("GaiGeQianRenZhiNianLingJieXian");
  if (!doc.Get("DaoLingNianYue").empty() && !ParseLrmxDate(doc.Get("DaoLingNianYue")))
    result.warnings.push_back("到龄年月无法识别，按原文保存");

  for (std::string_view element : cadre::kRmbDerivedElements)
    result.written.emplace_back(std::string(element), doc.Get(element));
  result.photo = doc.photo;
  if (doc.photo.empty()) result.warnings.push_back("文件没有照片");
  result.version = doc.version;
  result.unknown_xml = EncodeUnknownElements(doc);
  return result;
}

std::vector<cadre::KeptText> LrmxKeptTexts(const LrmxDocument& document, const LrmxImport& imported,
                                           const cadre::Dossier& stored) {
  std::vector<cadre::KeptText> kept = cadre::KeptTextsFor(stored, imported.written);
  for (std::string_view element : kDateElements) {
    const std::string written = document.Get(element);
    const std::string generated = ExportDateText(stored, element);
    if (written != generated) kept.push_back({std::string(element), written, generated});
  }
  return kept;
}

std::string EncodeUnknownElements(const LrmxDocument& document) {
  bool any = !document.unknown.empty();
  for (const LrmxItem& item : document.family) any = any || !item.unknown.empty();
  if (!any) return {};
  std::string xml = "<Unknown>";
  for (const std::string& fragment : document.unknown) xml += fragment;
  for (size_t i = 0; i < document.family.size(); ++i) {
    if (document.family[i].unknown.empty()) continue;
    xml += "<Item index=\"" + std::to_string(i) + "\">";
    for (const std::string& fragment : document.family[i].unknown) xml += fragment;
    xml += "</Item>";
  }
  xml += "</Unknown>";
  return xml;
}

void DecodeUnknownElements(std::string_view xml, LrmxDocument& document) {
  if (xml.empty()) return;
  pugi::xml_document parsed;
  if (!parsed.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8)) return;
  for (const pugi::xml_node& node : parsed.document_element().children()) {
    if (node.type() != pugi::node_element) continue;
    if (std::string_view(node.name()) == "Item" && node.attribute("index")) {
      const size_t index = node.attribute("index").as_uint();
      if (index >= document.family.size()) continue;
      for (const pugi::xml_node& child : node.children())
        if (child.type() == pugi::node_element)
          document.family[index].unknown.push_back(FragmentOf(child));
      continue;
    }
    document.unknown.push_back(FragmentOf(node));
  }
}

LrmxDocument ExportLrmx(const cadre::Dossier& dossier, const std::vector<cadre::KeptText>& kept,
                        std::string photo, std::string version, std::string_view unknown_xml) {
  const cadre::RmbTexts texts = cadre::GenerateRmbTexts(dossier);
  LrmxDocument doc;
  for (std::string_view element : kLrmxTextElements) {
    std::string generated;
    if (std::find(std::begin(kDateElements), std::end(kDateElements), element) !=
        std::end(kDateElements)) {
      generated = ExportDateText(dossier, element);
    } else if (const std::string* text = cadre::RmbTextOf(texts, element)) {
      generated = *text;
    }
    std::string value = cadre::KeptOr(kept, element, generated);
    if (!value.empty()) doc.fields.emplace(std::string(element), std::move(value));
  }
  for (const cadre::FamilyMember& member : dossier.family) {
    LrmxItem item;
    auto put = [&](std::string_view name, std::string value) {
      if (!value.empty()) item.fields.emplace(std::string(name), std::move(value));
    };
    put("ChengWei", member.relation.label);
    put("XingMing", member.name);
    put("ChuShengRiQi", member.birth_month ? LrmxMonthText(*member.birth_month) : std::string());
    put("ZhengZhiMianMao", member.political_status.label);
    put("GongZuoDanWeiJiZhiWu", member.employer_and_post);
    doc.family.push_back(std::move(item));
  }
  doc.photo = std::move(photo);
  doc.version = std::move(version);
  DecodeUnknownElements(unknown_xml, doc);
  return doc;
}

}  // namespace xr::interchange
