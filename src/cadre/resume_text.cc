#include "cadre/resume_text.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace xr::cadre {
namespace {

constexpr std::string_view kStudySuffix = "学习";
// "yyyy.MM--yyyy.MM  " is 18 columns; an open span pads to the same width.
constexpr std::string_view kTextIndent = "                  ";
constexpr std::string_view kOpenEndPadding = "         ";

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string Span(const ResumeEntry& entry) {
  return FormMonth(entry.start) + "--" + (entry.end ? FormMonth(*entry.end) : "");
}

// unit + post, with 学习 for study; the note appended as written.
std::string Experience(const ResumeEntry& entry) {
  std::string text = entry.unit + entry.post;
  if (entry.kind == ResumeKind::kStudy && !EndsWith(text, kStudySuffix)) text += kStudySuffix;
  return text + entry.note;
}

// Indices of `entries` in start order (stable, so equal starts keep the order as entered).
template <typename Entry>
std::vector<size_t> StartOrder(const std::vector<Entry>& entries) {
  std::vector<size_t> order(entries.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return entries[a].start < entries[b].start; });
  return order;
}

std::string DuringLine(const std::vector<ResumeEntry>& during) {
  std::string line = std::string(kTextIndent) + "（其间：";
  bool first = true;
  for (size_t j : StartOrder(during)) {
    const ResumeEntry& entry = during[j];
    if (!first) line += "；";
    first = false;
    line += Span(entry);
    if (entry.kind == ResumeKind::kStudy && !entry.unit.starts_with("在")) line += "在";
    line += Experience(entry);
  }
  return line + "）";
}

std::string Path(size_t i) { return "resume[" + std::to_string(i) + "]"; }

}  // namespace

std::string FormMonth(base::YearMonth month) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d.%02u", month.year(), month.month());
  return text;
}

std::string ResumeText(const std::vector<ResumeEntry>& entries) {
  std::string text;
  for (size_t i : StartOrder(entries)) {
    const ResumeEntry& entry = entries[i];
    if (!text.empty()) text += "\n";
    text += Span(entry);
    text += entry.end ? "  " : kOpenEndPadding;
    text += Experience(entry);
    if (!entry.during.empty()) text += "\n" + DuringLine(entry.during);
  }
  return text;
}

std::vector<RuleFinding> ResumeFindings(const std::vector<ResumeEntry>& entries) {
  std::vector<RuleFinding> findings;
  // The latest end of the entries before the current one in start order; nullopt = 至今.
  std::optional<std::optional<base::YearMonth>> covered_until;
  for (size_t i : StartOrder(entries)) {
    const ResumeEntry& entry = entries[i];
    if (covered_until) {
      const std::optional<base::YearMonth>& until = *covered_until;
      if (!until || entry.start < *until) {
        findings.push_back({Path(i), "RESUME_OVERLAP",
                            "简历第 " + std::to_string(i + 1) + " 条（" + FormMonth(entry.start) +
                                "起）与前面的经历时间重叠，请核对"});
      } else if (entry.start > until->AddMonths(1)) {
        findings.push_back({Path(i), "RESUME_GAP",
                            "简历在 " + FormMonth(*until) + " 与 " + FormMonth(entry.start) +
                                " 之间有空档，请核对是否漏填经历"});
      }
    }
    if (!covered_until || !entry.end) {
      covered_until = entry.end;
    } else if (*covered_until) {
      covered_until = std::max(**covered_until, *entry.end);
    }
    for (size_t j = 0; j < entry.during.size(); ++j) {
      const ResumeEntry& during = entry.during[j];
      const bool starts_before = during.start < entry.start;
      const bool ends_after =
          entry.end && (!during.end || *during.end > *entry.end || during.start > *entry.end);
      if (starts_before || ends_after) {
        findings.push_back({Path(i) + ".during[" + std::to_string(j) + "]", "RESUME_DURING_OUTSIDE",
                            "“其间”经历（" + Span(during) + "）不在所属经历 " + Span(entry) +
                                " 的时间范围内，请核对"});
      }
    }
  }
  return findings;
}

}  // namespace xr::cadre
