#pragma once
// The field catalogue as GET /api/cadres/query/fields returns it (docs/api.md "Compound query").

#include <nlohmann/json.hpp>

namespace xr::search {

// {"fields": [{"field", "label", "group", "type", "ops", "options", "dictionary", "unit",
// "params"}…], "operators": {op: label}}
nlohmann::json FieldCatalogJson();

}  // namespace xr::search
