#pragma once
// The change log of a dossier, as pure functions on its JSON form (dossier_json.h): what changed
// between two versions, and how to step back over a change. The log keeps no snapshots: the
// dossier as it stood on a past day is the current one with every later change undone, newest
// first (DossierService::Get with as_of).

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace xr::cadre {

// One top-level field that changed, with its whole old and new values (null when absent).
struct JsonFieldChange {
  std::string field;
  nlohmann::json old_value;
  nlohmann::json new_value;
  friend bool operator==(const JsonFieldChange&, const JsonFieldChange&) = default;
};
using FieldChanges = std::vector<JsonFieldChange>;

// The top-level keys of two JSON objects whose values differ, in key order. Arrays and objects
// are compared as whole values (an edited education entry changes "education"). A key present
// on one side only counts as changed from / to null.
FieldChanges Diff(const nlohmann::json& old_json, const nlohmann::json& new_json);

// Steps `current` back over `changes`: each field gets its old value again. Undo(new, Diff(old,
// new)) == old whenever both objects have the same keys (the encoded dossier always does).
void Undo(nlohmann::json& current, const FieldChanges& changes);

// The stored form of changes: a JSON array of {"field", "old", "new"}.
std::string ChangesToJson(const FieldChanges& changes);
// Reads ChangesToJson's form back. InvalidArgument when the text is not that form.
base::Result<FieldChanges> ChangesFromJson(std::string_view text);

}  // namespace xr::cadre
