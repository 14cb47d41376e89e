#pragma once
// 保存的查询: named compound-query conditions, private to their owner or shared with every reader
// of cadres. Only the owner changes or deletes one.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.h"
#include "base/status.h"
#include "base/timestamp.h"
#include "store/database.h"

namespace xr::search {

struct SavedQuery {
  std::int64_t id = 0;
  std::string name;
  std::string condition_json;  // as stored: the validated condition, compact JSON
  bool shared = false;
  std::int64_t owner_user_id = 0;
  std::string owner;  // the owner's display name
  base::Timestamp updated_at;
};

struct SavedQueryInput {
  std::string name;            // 1–40 characters after trimming
  std::string condition_json;  // a condition node (DecodeCondition)
  bool shared = false;
};

class SavedQueryRepository {
 public:
  explicit SavedQueryRepository(store::Transaction& tx) : tx_(tx) {}

  // The user's own queries and those others share, the user's first, newest first.
  base::Result<std::vector<SavedQuery>> Visible(std::int64_t user_id);
  // NotFound when missing.
  base::Result<SavedQuery> Find(std::int64_t id);
  // AlreadyExists (field "name") when the owner has one of that name.
  base::Result<std::int64_t> Insert(std::int64_t owner_user_id, const SavedQueryInput& input,
                                    base::Timestamp at);
  // AlreadyExists (field "name") when the owner has another of that name.
  base::Status Update(std::int64_t id, const SavedQueryInput& input, base::Timestamp at);
  base::Status Delete(std::int64_t id);

 private:
  // Whether the owner has another query (not `except_id`) named `name`.
  base::Result<bool> NameTaken(std::int64_t owner_user_id, const std::string& name,
                               std::int64_t except_id);
  store::Transaction& tx_;
};

}  // namespace xr::search
