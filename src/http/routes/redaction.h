#pragma once
// How a field the caller's clearance does not reach appears in JSON: a marker, never silently
// dropped or shown empty (ARCHITECTURE.md §5).

#include <string>

#include "cadre/cadre_fields.h"
#include "http/json.h"

namespace xr::http {

inline Json RedactedMarker(std::string_view field) {
  return {{"redacted", true},
          {"sensitivity", std::string(access::ClearanceName(cadre::SensitivityOf(field)))}};
}

}  // namespace xr::http
