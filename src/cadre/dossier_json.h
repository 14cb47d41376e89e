#pragma once
// The canonical serialized form of a dossier (dossier.h): JSON, as the API shows it and as the
// change log (dossier_history.h) records it. Names are those in the comments of dossier.h.
//
// - Coded fields: the label under the field's name and the national code beside it
//   ("gender": "男", "gender_code": "1"; in education "level"/"level_code", "degree"/
//   "degree_code"; in family "relation"/"relation_code", "political_status"/
//   "political_status_code"). Places likewise ("native_place": "辽宁大连",
//   "native_place_code": "210200"). An unknown code is "".
// - Dates "YYYY-MM-DD", months "YYYY-MM" (input also accepts the form's "YYYY.MM"); an absent
//   optional value is null.
// - Enums by their Chinese labels (status 在职…, education kind 全日制/在职, post method 选任…,
//   assessment grade 优秀…); resume kind "work" / "study".
// - Ids as JSON integers ("unit_id", "managing_unit_id", posts[].unit_id, family[].cadre_id).

#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/status.h"
#include "cadre/dossier.h"

namespace xr::cadre {

// Keys that only ever appear in output (the stored id and version, names filled from the tree,
// computed values). DecodeDossier ignores them; they never take part in the change log.
inline constexpr std::array<std::string_view, 11> kDossierOutputOnlyKeys{
    "id",          "version", "unit_name", "has_photo", "age",  "retirement_month",
    "resume_text", "form",    "warnings",  "redacted",  "as_of"};
bool IsDossierOutputOnlyKey(std::string_view key);

// The confidential top-level fields (cadre_fields.h), stored sealed.
inline constexpr std::array<std::string_view, 3> kDossierConfidentialKeys{"id_number", "family",
                                                                          "personal_matters"};
bool IsDossierConfidentialKey(std::string_view key);

// Every input field of the dossier (what DecodeDossier reads), with every key present.
// This is the form the change log compares and undoes.
nlohmann::json EncodeDossierFields(const Dossier& dossier);

// EncodeDossierFields plus the output fields held in `dossier`: "id", "version", "unit_name",
// "has_photo". (Computed values — age, warnings, redaction markers… — are added by the caller.)
nlohmann::json EncodeDossier(const Dossier& dossier);

// Reads a dossier from a JSON object. Strict on types: a string where a string belongs, JSON
// integers for ids, years and hours, booleans for flags, arrays and objects as above; null only
// for optional values (and for code fields, read as ""). A missing key leaves the field's
// default, except the dates a record cannot do without (birth_month, resume[].start,
// posts[].start_month, ranks[].start_month, rewards[].date, trainings[].start/end,
// assessments[].year), which are required. Output-only keys are ignored; any other unknown key
// is an error. 其间 entries (resume[].during) may not nest further.
//
// Errors: InvalidArgument with a Chinese message and `field` the JSON path of the offending
// value ("birth_month", "education[1].start_month", "resume[0].during[1].end"; for an unknown
// key its path, e.g. "posts[0].salary").
base::Result<Dossier> DecodeDossier(const nlohmann::json& json);

// The confidential parts alone, in the same encoding (they are sealed at rest as this JSON).
// The decoders report paths under "family" / "personal_matters" like DecodeDossier.
nlohmann::json EncodeFamily(const std::vector<FamilyMember>& family);
base::Result<std::vector<FamilyMember>> DecodeFamily(const nlohmann::json& json);
nlohmann::json EncodePersonalMatters(const PersonalMatters& matters);
base::Result<PersonalMatters> DecodePersonalMatters(const nlohmann::json& json);
// The appointment part (dossier.h AppointmentForm), stored as this JSON on `cadres.appointment`.
nlohmann::json EncodeAppointment(const AppointmentForm& appointment);
base::Result<AppointmentForm> DecodeAppointment(const nlohmann::json& json);

// Compact JSON text; invalid UTF-8 in strings is replaced by U+FFFD rather than throwing.
std::string DumpJson(const nlohmann::json& json);
// Parses JSON text without throwing: InvalidArgument "内容不是有效的 JSON" (field `field`) for
// syntax errors, invalid UTF-8 or nesting deeper than 64 levels.
base::Result<nlohmann::json> ParseJsonText(std::string_view text, std::string_view field = "body");

}  // namespace xr::cadre
