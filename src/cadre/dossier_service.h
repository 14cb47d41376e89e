#pragma once
// Use cases on full dossiers (dossier.h): create, change field by field with optimistic
// versioning, read now or as it stood on a past day, and the change history.
//
// Access as for CadreService: cadre.read / cadre.write within the actor's data scope; out of
// scope is answered as NotFound. Confidential parts (id_number, family, personal_matters —
// cadre_fields.h) are stored sealed with the data key of the cadre's managing unit; they are
// opened only for an actor whose clearance reaches them (each such read recorded as
// `cadre.read_confidential`), and for anyone else left empty with `redacted` naming them.
// Every change appends one audit entry (`cadre.create`, `cadre.update`, `cadre.photo`) naming the
// changed fields, never their values, in the same transaction.

#include <optional>
#include <string>
#include <vector>

#include "access/actor.h"
#include "access/recorder.h"
#include "base/clock.h"
#include "cadre/dossier.h"
#include "cadre/dossier_rules.h"
#include "cadre/rmb_text.h"
#include "crypto/keyring.h"
#include "store/database.h"

namespace xr::cadre {

// One changed top-level field: its JSON name, and the old and new values as compact JSON text
// ("null" when absent). Confidential fields not readable by the reader: old/new are empty and
// `redacted` is true.
struct FieldChange {
  std::string field;
  std::string old_json;
  std::string new_json;
  bool redacted = false;
  friend bool operator==(const FieldChange&, const FieldChange&) = default;
};

struct ChangeEntry {
  std::int64_t version = 0;  // the version this change produced (1 = creation)
  base::Timestamp at;
  std::string actor;                 // the actor's display name and account, as recorded
  std::vector<FieldChange> changes;  // empty for the creation entry
};

struct DossierView {
  Dossier dossier;
  std::vector<std::string> redacted;  // JSON names of fields left empty for this reader
  std::vector<RuleFinding> warnings;  // dossier_rules.h, for showing next to the fields
  // The 任免审批表's texts as printed and exported (rmb_text.h): generated from this dossier as
  // this reader sees it, with the texts an imported form came with where it has not changed.
  RmbTexts form;
};

// A JSON object of the top-level fields to change (names as in dossier.h), plus "version".
struct DossierPatch {
  std::int64_t expected_version = 0;
  std::string fields_json;  // compact JSON object text
};

class DossierService {
 public:
  DossierService(store::Database& db, const base::Clock& clock, const access::Recorder& recorder,
                 const crypto::Keyring& keyring)
      : db_(db), clock_(clock), recorder_(recorder), keyring_(keyring) {}

  // PermissionDenied without cadre.write; InvalidArgument (field = JSON path, e.g.
  // "education[1].start_month") per DecodeDossier / ValidateDossier; AlreadyExists (field
  // "id_number") when another dossier has the same ID number; NotFound (field "unit_id") for a
  // missing unit or one outside the actor's scope. Returns the new id; version 1. `warnings`,
  // when given, receives the rule warnings (ValidateDossier) of the stored dossier.
  base::Result<CadreId> Create(const access::Actor& actor, const std::string& dossier_json,
                               std::vector<RuleFinding>* warnings = nullptr);
  // Applies `patch` (top-level fields replace the stored ones; arrays as a whole).
  // Aborted with message starting "VERSION_CONFLICT" when expected_version is not the stored
  // version (nothing written); otherwise errors as Create. A patch that changes nothing writes
  // nothing and returns the dossier unchanged. Returns the dossier after the change.
  base::Result<DossierView> Update(const access::Actor& actor, CadreId id,
                                   const DossierPatch& patch);
  // The dossier now, or at the end of `as_of` (Asia/Shanghai) by undoing later changes.
  // NotFound when missing, out of scope, or created after `as_of`.
  base::Result<DossierView> Get(const access::Actor& actor, CadreId id,
                                std::optional<base::Date> as_of = std::nullopt);
  // Every change, newest first; `since_version` > 0 keeps only versions after it.
  base::Result<std::vector<ChangeEntry>> History(const access::Actor& actor, CadreId id,
                                                 std::int64_t since_version = 0);

  // The photo (JPEG or PNG, ≤ 5 MB, checked by its magic bytes): content type and bytes.
  // NotFound when there is none.
  struct Photo {
    std::string content_type;
    std::string bytes;
  };
  base::Result<Photo> GetPhoto(const access::Actor& actor, CadreId id);
  // InvalidArgument (field "photo") for another type or size; recorded as `cadre.photo`.
  base::Status SetPhoto(const access::Actor& actor, CadreId id, const Photo& photo);

 private:
  store::Database& db_;
  const base::Clock& clock_;
  const access::Recorder& recorder_;
  const crypto::Keyring& keyring_;
};

}  // namespace xr::cadre
