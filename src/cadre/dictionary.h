#pragma once
// Code tables (字典) for the coded fields of the dossier, by their national standards:
//   gender GB/T 2261.1, ethnicity GB/T 3304, party (政治面貌) GB/T 4762, education_level (学历)
//   GB/T 4658, degree (学位) GB/T 6864, relation (称谓) GB/T 4761, health (健康状况) GB/T 2261.3.
// They are data (table `dict_items`, seeded by migration, edited by administrators through
// DictionaryService); the rules read them through this in-memory snapshot.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xr::cadre {

// The dictionary kinds, as stored and as used in the API (/api/dictionaries/{kind}).
inline constexpr std::string_view kDictGender = "gender";
inline constexpr std::string_view kDictEthnicity = "ethnicity";
inline constexpr std::string_view kDictParty = "party";
inline constexpr std::string_view kDictEducationLevel = "education_level";
inline constexpr std::string_view kDictDegree = "degree";
inline constexpr std::string_view kDictRelation = "relation";
inline constexpr std::string_view kDictHealth = "health";

struct DictItem {
  std::string code;   // the national code ("1", "01", "20"…), unique within a kind
  std::string label;  // as written on the form, unique within a kind
  std::int64_t sort_order = 0;
  bool enabled = true;  // disabled items stay readable on old records, are refused on new input
  friend bool operator==(const DictItem&, const DictItem&) = default;
};

// A read-only snapshot of every dictionary.
class CodeTables {
 public:
  CodeTables() = default;
  explicit CodeTables(std::map<std::string, std::vector<DictItem>, std::less<>> items)
      : items_(std::move(items)) {}

  // The enabled item of `kind` with this label; nullopt when unknown or disabled.
  std::optional<DictItem> ByLabel(std::string_view kind, std::string_view label) const;
  // The item of `kind` with this code (enabled or not); nullopt when unknown.
  std::optional<DictItem> ByCode(std::string_view kind, std::string_view code) const;
  // All items of `kind` in sort order (empty for an unknown kind).
  const std::vector<DictItem>& Items(std::string_view kind) const;

 private:
  std::map<std::string, std::vector<DictItem>, std::less<>> items_;
};

}  // namespace xr::cadre
