#include "search/cadre_query_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "cadre/cadre_permissions.h"
#include "cadre/cadre_service.h"
#include "cadre/text_tokens.h"

namespace xr::search {
namespace {

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}

std::string Trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

// The saved query `id` as the actor may change it: NotFound unless visible, PermissionDenied
// unless the actor's own.
base::Result<SavedQuery> OwnQuery(SavedQueryRepository& repository, const access::Actor& actor,
                                  std::int64_t id) {
  ASSIGN_OR_RETURN(SavedQuery query, repository.Find(id));
  const bool mine = query.owner_user_id == actor.user_id.value();
  if (!mine && !query.shared) return base::NotFound("查询不存在");
  if (!mine) return base::PermissionDenied("只有创建者可以修改或删除该查询");
  return query;
}

}  // namespace

Condition InServiceUnlessStatusTested(const Condition& condition) {
  const std::vector<std::string> fields = FieldNames(condition);
  if (std::find(fields.begin(), fields.end(), "status") != fields.end()) return condition;
  Condition in_service;
  in_service.kind = Condition::Kind::kLeaf;
  in_service.field = "status";
  in_service.op = Op::kEq;
  in_service.values = {std::string("在职")};
  Condition both;
  both.kind = Condition::Kind::kAll;
  both.children = {condition, std::move(in_service)};
  return both;
}

base::Result<SavedQueryInput> NormalizeSavedQuery(const SavedQueryInput& input) {
  SavedQueryInput out;
  out.name = Trim(input.name);
  const std::size_t length = cadre::CharacterCount(out.name);
  if (length == 0 || length > 40) return base::InvalidArgument("名称须为 1–40 个字", "name");
  nlohmann::json condition = nlohmann::json::parse(input.condition_json, nullptr, false);
  if (condition.is_discarded())
    return base::InvalidArgument("查询条件不是有效的 JSON", "condition");
  RETURN_IF_ERROR(DecodeCondition(condition, "condition").status());
  out.condition_json = condition.dump();
  out.shared = input.shared;
  return out;
}

base::Result<QueryResult> CadreQueryService::Query(const access::Actor& actor,
                                                   const QueryRequest& request) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreRead));
  if (request.page < 1 || request.page > 1000000) {
    return base::InvalidArgument("页码须为正整数", "page");
  }
  if (request.page_size < 1 || request.page_size > kMaxQueryPageSize) {
    return base::InvalidArgument("每页条数须在 1–500 之间", "page_size");
  }
  const base::Date reference = request.reference_date.value_or(clock_.Now().ShanghaiDate());
  const std::vector<std::string> fields = FieldNames(request.condition);
  const Condition condition = InServiceUnlessStatusTested(request.condition);
  // The page is read in a read transaction: in a write transaction PostgreSQL's serializable
  // isolation would lock every row the condition reads. Its confidential fields are opened in
  // the write transaction that records them and the query, so no value leaves unrecorded.
  ASSIGN_OR_RETURN(
      QueryResult out,
      db_.TransactValue<QueryResult>(
          store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<QueryResult> {
            ASSIGN_OR_RETURN(SqlPredicate where, CompileForActor(tx, actor, condition, reference));
            ASSIGN_OR_RETURN(cadre::CadrePage page,
                             cadre::CadreRepository(tx).ListWhere(
                                 where.sql, where.params, request.sort, request.descending,
                                 request.page, request.page_size, PageTotal(where)));
            return QueryResult{std::move(page), reference};
          }));
  // Opened on a copy: the transaction may be run again.
  cadre::CadrePage revealed;
  RETURN_IF_ERROR(db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    revealed = out.page;
    RETURN_IF_ERROR(cadre::RevealPage(tx, actor, keyring_, recorder_, revealed));
    return recorder_.Write(tx, actor, "cadre.query", "cadre", "query",
                           {{"fields", Join(fields)},
                            {"reference_date", reference.ToString()},
                            {"total", std::to_string(revealed.total)}});
  }));
  out.page = std::move(revealed);
  return out;
}

base::Result<std::vector<SavedQuery>> CadreQueryService::ListSaved(const access::Actor& actor) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreRead));
  return db_.TransactValue<std::vector<SavedQuery>>(
      store::TxMode::kRead, [&](store::Transaction& tx) {
        return SavedQueryRepository(tx).Visible(actor.user_id.value());
      });
}

base::Result<SavedQuery> CadreQueryService::Save(const access::Actor& actor,
                                                 const SavedQueryInput& input) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreRead));
  ASSIGN_OR_RETURN(SavedQueryInput normalized, NormalizeSavedQuery(input));
  const base::Timestamp now = clock_.Now();
  return db_.TransactValue<SavedQuery>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<SavedQuery> {
        SavedQueryRepository repository(tx);
        ASSIGN_OR_RETURN(std::int64_t id,
                         repository.Insert(actor.user_id.value(), normalized, now));
        RETURN_IF_ERROR(recorder_.Write(tx, actor, "saved_query.create", "saved_query",
                                        std::to_string(id),
                                        {{"shared", normalized.shared ? "true" : "false"}}));
        return repository.Find(id);
      });
}

base::Result<SavedQuery> CadreQueryService::UpdateSaved(const access::Actor& actor, std::int64_t id,
                                                        const SavedQueryInput& input) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreRead));
  ASSIGN_OR_RETURN(SavedQueryInput normalized, NormalizeSavedQuery(input));
  const base::Timestamp now = clock_.Now();
  return db_.TransactValue<SavedQuery>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<SavedQuery> {
        SavedQueryRepository repository(tx);
        RETURN_IF_ERROR(OwnQuery(repository, actor, id).status());
        RETURN_IF_ERROR(repository.Update(id, normalized, now));
        RETURN_IF_ERROR(recorder_.Write(tx, actor, "saved_query.update", "saved_query",
                                        std::to_string(id),
                                        {{"shared", normalized.shared ? "true" : "false"}}));
        return repository.Find(id);
      });
}

base::Status CadreQueryService::DeleteSaved(const access::Actor& actor, std::int64_t id) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreRead));
  return db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    SavedQueryRepository repository(tx);
    RETURN_IF_ERROR(OwnQuery(repository, actor, id).status());
    RETURN_IF_ERROR(repository.Delete(id));
    return recorder_.Write(tx, actor, "saved_query.delete", "saved_query", std::to_string(id), {});
  });
}

}  // namespace xr::search
