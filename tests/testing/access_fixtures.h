#pragma once
// Access set-up shared by service and repository tests.

#include <memory>
#include <string>
#include <vector>

#include "access/actor.h"
#include "audit/audit_log.h"
#include "base/clock.h"
#include "crypto/keyring.h"
#include "store/database.h"

namespace xr::testing {

// Applies the whole schema (access with the built-in 三员 roles, org, cadre, audit) and adds two
// business roles: `cadre_officer` (cadre.read/write/export, org.read/write; scope all;
// confidential) and `leader` (cadre.read, org.read; scope all; secret). Also the crypto schema.
base::Status SetUpAccess(store::Database& db, const base::Clock& clock);

// A keyring with a throw-away master key (never data/master.key), for services that seal
// secrets (the TOTP secrets of UserService and SessionService).
const crypto::Keyring& TestKeyring();

// The real full-process record with throw-away keys (no key file), for services under test.
std::unique_ptr<audit::AuditLog> MakeAuditLog(const base::Clock& clock);

// The record's entries with this action, oldest first, as "object_type:object_id".
std::vector<std::string> RecordedObjects(store::Database& db, std::string_view action);

// An actor holding exactly these grants (no database involved).
access::Actor MakeActor(std::string username, std::vector<std::string> permissions,
                        std::vector<access::ScopeRule> scopes = {access::ScopeRule{}},
                        access::Clearance clearance = access::Clearance::kSecret);

// The console operator with the permissions account management needs.
access::Actor Operator();

}  // namespace xr::testing
