#pragma once
// 组合查询 use cases: running a condition over the cadres the actor may see, and saved queries.
// Every call needs cadre.read. Results are always inside the actor's data scope
// (cadre::ScopeOf, applied by CompileForActor); confidential fields are shown or hidden as in the
// 干部名册 list (cadre::CadreService::List).

#include <optional>
#include <vector>

#include "access/actor.h"
#include "access/recorder.h"
#include "base/clock.h"
#include "cadre/cadre_repository.h"
#include "crypto/keyring.h"
#include "search/cadre_query.h"
#include "search/saved_query.h"
#include "store/database.h"

namespace xr::search {

struct QueryRequest {
  Condition condition;
  std::optional<base::Date> reference_date;  // default: today (Asia/Shanghai)
  int page = 1;                              // ≥ 1
  int page_size = 20;                        // 1–500
  cadre::CadreSort sort = cadre::CadreSort::kPosition;
  bool descending = false;
};

struct QueryResult {
  cadre::CadrePage page;
  base::Date reference_date;
};

inline constexpr int kMaxQueryPageSize = 500;

class CadreQueryService {
 public:
  CadreQueryService(store::Database& db, const base::Clock& clock,
                    const access::Recorder& recorder, const crypto::Keyring* keyring)
      : db_(db), clock_(clock), recorder_(recorder), keyring_(keyring) {}

  // One page of the matching cadres and their total (only those 在职 unless the condition tests
  // `status`: InServiceUnlessStatusTested). PermissionDenied without cadre.read;
  // InvalidArgument (field "page" / "page_size"); NotFound (field "unit") for a unit operand that
  // does not exist. Recorded as `cadre.query` with the condition's field names (never its
  // values) and the number found, in the same transaction.
  base::Result<QueryResult> Query(const access::Actor& actor, const QueryRequest& request);

  // The actor's saved queries and those others share (the actor's first, newest first).
  base::Result<std::vector<SavedQuery>> ListSaved(const access::Actor& actor);
  // InvalidArgument (field "name": 1–40 characters; "condition…": as DecodeCondition);
  // AlreadyExists (field "name") for a name the actor already uses. Recorded as
  // `saved_query.create`.
  base::Result<SavedQuery> Save(const access::Actor& actor, const SavedQueryInput& input);
  // Owner only: NotFound when the query does not exist or is another's unshared one;
  // PermissionDenied when it is another's shared one. Errors of Save otherwise. Recorded as
  // `saved_query.update` / `saved_query.delete`.
  base::Result<SavedQuery> UpdateSaved(const access::Actor& actor, std::int64_t id,
                                       const SavedQueryInput& input);
  base::Status DeleteSaved(const access::Actor& actor, std::int64_t id);

 private:
  store::Database& db_;
  const base::Clock& clock_;
  const access::Recorder& recorder_;
  const crypto::Keyring* keyring_;
};

// The cadres a query means when it does not say: those 在职, as the 干部名册 list and the structure
// statistics count them. A condition that tests `status` itself is left as it is.
Condition InServiceUnlessStatusTested(const Condition& condition);

// Validates a saved query's input: the name trimmed, 1–40 characters; the condition decoded and
// stored as compact JSON.
base::Result<SavedQueryInput> NormalizeSavedQuery(const SavedQueryInput& input);

}  // namespace xr::search
