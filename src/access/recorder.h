#pragma once
// Recorder: how a service writes its entry in the full-process record (全程记实) without
// depending on the audit capability, which sits above access in the dependency order. The
// composition root passes audit::AuditLog, which implements it.
//
// Every mutating call writes one entry inside its own transaction, so a rolled-back change
// leaves no entry and a committed one always has one. Details hold field names and
// non-confidential values only — never the plaintext of a confidential field.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "access/actor.h"
#include "base/status.h"
#include "store/database.h"

namespace xr::access {

class Recorder {
 public:
  using Details = std::vector<std::pair<std::string, std::string>>;
  virtual ~Recorder() = default;

  // Appends "`actor` did `action` to `object_type` `object_id`" within `tx` (a write transaction).
  virtual base::Status Write(store::Transaction& tx, const Actor& actor, std::string_view action,
                             std::string_view object_type, std::string_view object_id,
                             Details details = {}) const = 0;
};

}  // namespace xr::access
