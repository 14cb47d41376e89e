#include "cadre/cadre_fields.h"

namespace xr::cadre {

access::Clearance SensitivityOf(std::string_view field) {
  for (const FieldSensitivity& f : kCadreFieldSensitivity) {
    if (f.field == field) return f.sensitivity;
  }
  return access::Clearance::kPublic;
}

bool MayRead(const access::Actor& actor, std::string_view field) {
  return actor.clearance >= SensitivityOf(field);
}

}  // namespace xr::cadre
