#include "search/saved_query.h"

namespace xr::search {
namespace {

constexpr std::string_view kSelect =
    "SELECT s.id, s.name, s.condition, s.shared, s.owner_user_id, u.display_name, s.updated_at "
    "FROM saved_queries s JOIN users u ON u.id = s.owner_user_id ";

base::Result<SavedQuery> Read(const store::Row& row) {
  SavedQuery q;
  q.id = row.Int(0);
  q.name = row.Text(1);
  q.condition_json = row.Text(2);
  q.shared = row.Bool(3);
  q.owner_user_id = row.Int(4);
  q.owner = row.Text(5);
  ASSIGN_OR_RETURN(q.updated_at, base::Timestamp::Parse(row.Text(6)));
  return q;
}

base::Status NameTakenError() { return base::AlreadyExists("已有同名的查询，请换一个名称", "name"); }

}  // namespace

base::Result<std::vector<SavedQuery>> SavedQueryRepository::Visible(std::int64_t user_id) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   tx_.Query(std::string(kSelect) +
                                 "WHERE s.owner_user_id = ? OR s.shared = 1 "
                                 "ORDER BY CASE WHEN s.owner_user_id = ? THEN 0 ELSE 1 END, "
                                 "s.updated_at DESC, s.id DESC",
                             {user_id, user_id}));
  std::vector<SavedQuery> out;
  for (const store::Row& row : rows) {
    ASSIGN_OR_RETURN(SavedQuery q, Read(row));
    out.push_back(std::move(q));
  }
  return out;
}

base::Result<SavedQuery> SavedQueryRepository::Find(std::int64_t id) {
  ASSIGN_OR_RETURN(store::Row row,
                   tx_.QueryOne(std::string(kSelect) + "WHERE s.id = ?", {id}, "查询不存在"));
  return Read(row);
}

base::Result<bool> SavedQueryRepository::NameTaken(std::int64_t owner_user_id,
                                                   const std::string& name,
                                                   std::int64_t except_id) {
  ASSIGN_OR_RETURN(std::int64_t n,
                   tx_.QueryInt("SELECT COUNT(*) FROM saved_queries WHERE owner_user_id = ? AND "
                                "name = ? AND id <> ?",
                                {owner_user_id, name, except_id}));
  return n > 0;
}

base::Result<std::int64_t> SavedQueryRepository::Insert(std::int64_t owner_user_id,
                                                         const SavedQueryInput& input,
                                                         base::Timestamp at) {
  // Checked first: a failed statement would end the transaction on PostgreSQL.
  ASSIGN_OR_RETURN(bool taken, NameTaken(owner_user_id, input.name, 0));
  if (taken) return NameTakenError();
  return tx_.QueryInt(
      "INSERT INTO saved_queries (owner_user_id, name, condition, shared, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {owner_user_id, input.name, input.condition_json, input.shared, at, at});
}

base::Status SavedQueryRepository::Update(std::int64_t id, const SavedQueryInput& input,
                                          base::Timestamp at) {
  ASSIGN_OR_RETURN(SavedQuery current, Find(id));
  ASSIGN_OR_RETURN(bool taken, NameTaken(current.owner_user_id, input.name, id));
  if (taken) return NameTakenError();
  return tx_
      .Execute("UPDATE saved_queries SET name = ?, condition = ?, shared = ?, updated_at = ? "
               "WHERE id = ?",
               {input.name, input.condition_json, input.shared, at, id})
      .status();
}

base::Status SavedQueryRepository::Delete(std::int64_t id) {
  ASSIGN_OR_RETURN(std::int64_t n, tx_.Execute("DELETE FROM saved_queries WHERE id = ?", {id}));
  if (n == 0) return base::NotFound("查询不存在");
  return base::Status::Ok();
}

}  // namespace xr::search
