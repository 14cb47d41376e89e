#include "http/routes/audit_routes.h"

#include "http/json.h"
#include "http/routes/authenticate.h"

namespace xr::http {
namespace {

Json EntryJson(const audit::AuditEntry& e) {
  Json details = Json::array();
  for (const auto& [key, value] : e.details) details.push_back({{"key", key}, {"value", value}});
  return {{"index", e.index},
          {"at", e.at.ToRfc3339()},
          {"actor", e.actor},
          {"actor_id", e.actor_id.valid() ? Json(e.actor_id.value()) : Json(nullptr)},
          {"address", e.address},
          {"action", e.action},
          {"object_type", e.object_type},
          {"object_id", e.object_id},
          {"details", std::move(details)}};
}

Json CheckpointJson(const audit::Checkpoint& c) {
  return {{"size", c.size},
          {"root", audit::ToHex(c.root)},
          {"time", c.at.ToRfc3339()},
          {"key_id", c.key_id},
          {"public_key", c.public_key},
          {"signature", c.signature},
          {"text", audit::ExportCheckpoint(c)}};
}

Json HashesJson(const std::vector<audit::Hash>& hashes) {
  Json out = Json::array();
  for (const audit::Hash& h : hashes) out.push_back(audit::ToHex(h));
  return out;
}

// An optional non-negative integer query parameter (0 when absent).
base::Result<std::int64_t> OptionalCount(const Request& request, std::string_view name) {
  auto text = request.QueryParam(name);
  if (!text || text->empty()) return std::int64_t{0};
  ASSIGN_OR_RETURN(std::int64_t value, ParseIntParam(*text, name));
  if (value < 0) {
    return base::InvalidArgument("参数 " + std::string(name) + " 不能为负数", std::string(name));
  }
  return value;
}

base::Result<std::optional<base::Timestamp>> OptionalTime(const Request& request,
                                                          std::string_view name) {
  auto text = request.QueryParam(name);
  if (!text || text->empty()) return std::optional<base::Timestamp>();
  auto at = base::Timestamp::Parse(*text, name);
  if (!at.ok()) {
    return base::InvalidArgument(
        "参数 " + std::string(name) + " 应为 RFC 3339 时间，如 2026-11-28T08:00:00+08:00",
        std::string(name));
  }
  return std::optional<base::Timestamp>(*at);
}

std::string Text(const Request& request, std::string_view name) {
  auto text = request.QueryParam(name);
  return text ? std::string(*text) : std::string();
}

base::Result<audit::SearchFilter> ParseFilter(const Request& request) {
  audit::SearchFilter filter;
  filter.actor = Text(request, "actor");
  filter.action = Text(request, "action");
  filter.object_type = Text(request, "object_type");
  filter.object_id = Text(request, "object_id");
  ASSIGN_OR_RETURN(filter.from, OptionalTime(request, "from"));
  ASSIGN_OR_RETURN(filter.to, OptionalTime(request, "to"));
  ASSIGN_OR_RETURN(std::int64_t page, OptionalCount(request, "page"));
  ASSIGN_OR_RETURN(std::int64_t page_size, OptionalCount(request, "page_size"));
  if (request.QueryParam("page")) {
    if (page < 1 || page > 1000000) return base::InvalidArgument("页码须不小于 1", "page");
    filter.page = int(page);
  }
  if (request.QueryParam("page_size")) {
    if (page_size < 1 || page_size > audit::kMaxPageSize) {
      return base::InvalidArgument("每页条数须在 1–200 之间", "page_size");
    }
    filter.page_size = int(page_size);
  }
  return filter;
}

}  // namespace

void AddAuditRoutes(Router& router, access::SessionService& sessions, audit::AuditService& audit) {
  router.Add(Method::kGet, "/api/audit/checkpoint",
             SignedIn(sessions, [&audit](Request&, const Caller& caller) -> base::Result<Response> {
               ASSIGN_OR_RETURN(audit::Checkpoint head, audit.CurrentHead(caller.actor));
               return JsonResponse(200, CheckpointJson(head));
             }));
  router.Add(
      Method::kGet, "/api/audit/entries",
      SignedIn(sessions,
               [&audit](Request& request, const Caller& caller) -> base::Result<Response> {
                 RETURN_IF_ERROR(audit::RequireAuditReader(caller.actor));
                 ASSIGN_OR_RETURN(audit::SearchFilter filter, ParseFilter(request));
                 ASSIGN_OR_RETURN(audit::EntryPage page, audit.Search(caller.actor, filter));
                 Json items = Json::array();
                 for (const audit::AuditEntry& e : page.items) items.push_back(EntryJson(e));
                 return JsonResponse(200, {{"items", std::move(items)}, {"total", page.total}});
               }));
  router.Add(Method::kGet, "/api/audit/entries/{index:int}/proof",
             SignedIn(sessions,
                      [&audit](Request& request, const Caller& caller) -> base::Result<Response> {
                        RETURN_IF_ERROR(audit::RequireAuditReader(caller.actor));
                        ASSIGN_OR_RETURN(std::int64_t index,
                                         ParseIntParam(*request.PathParam("index"), "index"));
                        ASSIGN_OR_RETURN(std::int64_t tree_size,
                                         OptionalCount(request, "tree_size"));
                        ASSIGN_OR_RETURN(audit::InclusionProofResult proof,
                                         audit.InclusionProof(caller.actor, index, tree_size));
                        return JsonResponse(200, {{"index", proof.entry.index},
                                                  {"tree_size", proof.tree_size},
                                                  {"leaf_hash", audit::ToHex(proof.leaf_hash)},
                                                  {"root", audit::ToHex(proof.root)},
                                                  {"proof", HashesJson(proof.path)},
                                                  {"entry", EntryJson(proof.entry)}});
                      }));
  router.Add(Method::kGet, "/api/audit/consistency",
             SignedIn(sessions,
                      [&audit](Request& request, const Caller& caller) -> base::Result<Response> {
                        RETURN_IF_ERROR(audit::RequireAuditReader(caller.actor));
                        ASSIGN_OR_RETURN(std::int64_t first, OptionalCount(request, "first"));
                        ASSIGN_OR_RETURN(std::int64_t second, OptionalCount(request, "second"));
                        ASSIGN_OR_RETURN(audit::ConsistencyProofResult proof,
                                         audit.ConsistencyProof(caller.actor, first, second));
                        return JsonResponse(200, {{"first", proof.first},
                                                  {"second", proof.second},
                                                  {"first_root", audit::ToHex(proof.first_root)},
                                                  {"second_root", audit::ToHex(proof.second_root)},
                                                  {"proof", HashesJson(proof.path)}});
                      }));
  router.Add(
      Method::kGet, "/api/audit/timeline",
      SignedIn(sessions,
               [&audit](Request& request, const Caller& caller) -> base::Result<Response> {
                 RETURN_IF_ERROR(audit::RequireAuditReader(caller.actor));
                 ASSIGN_OR_RETURN(std::vector<audit::AuditEntry> entries,
                                  audit.Timeline(caller.actor, Text(request, "object_type"),
                                                 Text(request, "object_id")));
                 Json items = Json::array();
                 for (const audit::AuditEntry& e : entries) items.push_back(EntryJson(e));
                 return JsonResponse(200, {{"items", std::move(items)}, {"total", entries.size()}});
               }));
}

}  // namespace xr::http
