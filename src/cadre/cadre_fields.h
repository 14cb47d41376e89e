#pragma once
// The sensitivity of each cadre field, declared once (ARCHITECTURE.md §5). Every output (JSON
// now; Excel, LRMX, PDF later) asks MayRead before showing a field and shows a redaction marker
// instead when it answers false. Fields of sensitivity confidential or above are encrypted at
// rest (crypto/), and every read of one is recorded.
//
// Fields not listed here are the basic record shown to anyone with cadre.read in scope.

#include <array>
#include <string_view>

#include "access/actor.h"
#include "access/role.h"

namespace xr::cadre {

struct FieldSensitivity {
  std::string_view field;  // the JSON / API name
  access::Clearance sensitivity;
};

inline constexpr std::string_view kIdNumberField = "id_number";
inline constexpr std::string_view kFamilyField = "family";
inline constexpr std::string_view kPersonalMattersField = "personal_matters";

inline constexpr std::array<FieldSensitivity, 3> kCadreFieldSensitivity{{
    {kIdNumberField, access::Clearance::kConfidential},         // 公民身份号码
    {kFamilyField, access::Clearance::kConfidential},           // 家庭主要成员及重要社会关系
    {kPersonalMattersField, access::Clearance::kConfidential},  // 个人有关事项
}};

// The declared sensitivity; kPublic for fields not in the table (the basic record).
access::Clearance SensitivityOf(std::string_view field);

// Whether `actor`'s clearance reaches the field's sensitivity.
bool MayRead(const access::Actor& actor, std::string_view field);

}  // namespace xr::cadre
