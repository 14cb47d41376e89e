#include "http/routes/dossier_routes.h"

#include "cadre/cadre_fields.h"
#include "cadre/dossier_json.h"
#include "cadre/form_text.h"
#include "cadre/retirement.h"
#include "http/error_mapping.h"
#include "http/json.h"
#include "http/routes/authenticate.h"
#include "http/routes/redaction.h"

namespace xr::http {
namespace {

constexpr std::string_view kVersionConflict = "VERSION_CONFLICT";

base::Result<cadre::CadreId> IdParam(const Request& request) {
  ASSIGN_OR_RETURN(std::int64_t id, ParseIntParam(*request.PathParam("id"), "id"));
  return cadre::CadreId(id);
}

Json MonthJson(const std::optional<base::YearMonth>& month) {
  return month ? Json(month->ToString()) : Json(nullptr);
}

// One 学历学位 block of the form; null when the dossier has none of that kind.
Json EducationJson(const cadre::RmbEducationTexts& education) {
  if (education == cadre::RmbEducationTexts{}) return nullptr;
  return {{"level", education.level},
          {"degree", education.degree},
          {"school_and_major", education.level_school},
          {"degree_school_and_major", education.degree_school}};
}

// What the form shows beside the stored fields, computed for `today`; its texts as printed
// (kept as written on an imported form while unchanged — DossierView::form).
void AddComputed(Json& json, const cadre::DossierView& view, base::Date today) {
  const cadre::Dossier& d = view.dossier;
  json["age"] = cadre::AgeOn(d.birth_month, today);
  json["retirement_month"] = MonthJson(cadre::RetirementMonthOf(d));
  json["resume_text"] = view.form.resume;
  json["form"] = {
      {"full_time_education", EducationJson(view.form.full_time)},
      {"in_service_education", EducationJson(view.form.in_service)},
      {"current_posts_text", view.form.current_posts},
      {"rewards_text", view.form.rewards},
      {"assessments_text", view.form.assessments},
  };
}

Json FindingsJson(const std::vector<cadre::RuleFinding>& findings) {
  Json out = Json::array();
  for (const cadre::RuleFinding& f : findings)
    out.push_back({{"field", f.field}, {"code", f.code}, {"message", f.message}});
  return out;
}

Json DossierJson(const cadre::DossierView& view, base::Date today,
                 std::optional<base::Date> as_of) {
  Json json = cadre::EncodeDossier(view.dossier);
  AddComputed(json, view, today);
  for (const std::string& field : view.redacted) json[field] = RedactedMarker(field);
  json["redacted"] = view.redacted;
  json["warnings"] = FindingsJson(view.warnings);
  json["as_of"] = as_of ? Json(as_of->ToString()) : Json(nullptr);
  return json;
}

// A stored JSON value text as JSON; text that does not parse (never expected) as a string.
Json StoredValue(const std::string& text) {
  Json value = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  return value.is_discarded() ? Json(text) : value;
}

Json HistoryJson(const std::vector<cadre::ChangeEntry>& entries) {
  Json items = Json::array();
  for (const cadre::ChangeEntry& entry : entries) {
    Json changes = Json::array();
    for (const cadre::FieldChange& change : entry.changes) {
      Json item = {{"field", change.field}};
      if (change.redacted) {
        item["redacted"] = true;
        item["old"] = RedactedMarker(change.field);
        item["new"] = RedactedMarker(change.field);
      } else {
        item["old"] = StoredValue(change.old_json);
        item["new"] = StoredValue(change.new_json);
      }
      changes.push_back(std::move(item));
    }
    items.push_back({{"version", entry.version},
                     {"at", entry.at.ToRfc3339()},
                     {"actor", entry.actor},
                     {"changes", std::move(changes)}});
  }
  return items;
}

base::Result<std::optional<base::Date>> AsOfParam(const Request& request) {
  auto text = request.QueryParam("as_of");
  if (!text || text->empty()) return std::optional<base::Date>();
  auto date = base::Date::Parse(*text, "as_of");
  if (!date.ok()) return base::InvalidArgument("参数 as_of 应为日期 YYYY-MM-DD", "as_of");
  return std::optional<base::Date>(*date);
}

bool IsVersionConflict(const base::Status& status) {
  return status.code() == base::StatusCode::kAborted &&
         std::string_view(status.message()).starts_with(kVersionConflict);
}

// 409 with what the other writer changed, so the client can show it and keep the user's edits.
base::Result<Response> ConflictResponse(cadre::DossierService& dossiers, const Caller& caller,
                                        cadre::CadreId id, std::int64_t expected_version,
                                        base::Date today) {
  ASSIGN_OR_RETURN(cadre::DossierView current, dossiers.Get(caller.actor, id));
  ASSIGN_OR_RETURN(std::vector<cadre::ChangeEntry> changes,
                   dossiers.History(caller.actor, id, expected_version));
  Json body = {
      {"error",
       {{"code", kVersionConflict},
        {"message", "该档案已被他人修改（当前第 " + std::to_string(current.dossier.version) +
                        " 版），请查看对方的修改后重新保存"},
        {"field", "version"}}},
      {"current", DossierJson(current, today, std::nullopt)},
      {"changes", HistoryJson(changes)}};
  return JsonResponse(409, body);
}

}  // namespace

void AddDossierRoutes(Router& router, access::SessionService& sessions,
                      cadre::DossierService& dossiers, const base::Clock& clock) {
  auto today = [&clock] { return clock.Now().ShanghaiDate(); };

  router.Add(
      Method::kPost, "/api/cadres",
      SignedIn(
          sessions, [&dossiers](Request& request, const Caller& caller) -> base::Result<Response> {
            RETURN_IF_ERROR(ParseJsonObject(request.body).status());
            std::vector<cadre::RuleFinding> warnings;
            ASSIGN_OR_RETURN(cadre::CadreId id,
                             dossiers.Create(caller.actor, request.body, &warnings));
            return JsonResponse(
                201, {{"id", id.value()}, {"version", 1}, {"warnings", FindingsJson(warnings)}});
          }));

  router.Add(
      Method::kGet, "/api/cadres/{id:int}",
      SignedIn(
          sessions,
          [&dossiers, today](Request& request, const Caller& caller) -> base::Result<Response> {
            ASSIGN_OR_RETURN(cadre::CadreId id, IdParam(request));
            ASSIGN_OR_RETURN(std::optional<base::Date> as_of, AsOfParam(request));
            ASSIGN_OR_RETURN(cadre::DossierView view, dossiers.Get(caller.actor, id, as_of));
            // Ages and 到龄 are those of the day asked about.
            return JsonResponse(200, DossierJson(view, as_of.value_or(today()), as_of));
          }));

  router.Add(Method::kPatch, "/api/cadres/{id:int}",
             SignedIn(sessions,
                      [&dossiers, today](Request& request,
                                         const Caller& caller) -> base::Result<Response> {
                        ASSIGN_OR_RETURN(cadre::CadreId id, IdParam(request));
                        ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
                        ASSIGN_OR_RETURN(std::int64_t version, RequiredInt(body, "version"));
                        body.erase("version");
                        auto view = dossiers.Update(caller.actor, id, {version, DumpJson(body)});
                        if (!view.ok() && IsVersionConflict(view.status()))
                          return ConflictResponse(dossiers, caller, id, version, today());
                        if (!view.ok()) return std::move(view).status();
                        return JsonResponse(200, DossierJson(*view, today(), std::nullopt));
                      }));

  router.Add(
      Method::kGet, "/api/cadres/{id:int}/history",
      SignedIn(sessions,
               [&dossiers](Request& request, const Caller& caller) -> base::Result<Response> {
                 ASSIGN_OR_RETURN(cadre::CadreId id, IdParam(request));
                 ASSIGN_OR_RETURN(std::vector<cadre::ChangeEntry> entries,
                                  dossiers.History(caller.actor, id));
                 return JsonResponse(200, {{"items", HistoryJson(entries)}});
               }));

  router.Add(
      Method::kGet, "/api/cadres/{id:int}/photo",
      SignedIn(sessions,
               [&dossiers](Request& request, const Caller& caller) -> base::Result<Response> {
                 ASSIGN_OR_RETURN(cadre::CadreId id, IdParam(request));
                 ASSIGN_OR_RETURN(cadre::DossierService::Photo photo,
                                  dossiers.GetPhoto(caller.actor, id));
                 Response response;
                 response.content_type = photo.content_type;
                 response.body = std::move(photo.bytes);
                 // A dossier photo is personal data: never kept by shared caches.
                 response.AddHeader("Cache-Control", "private, no-cache");
                 return response;
               }));

  router.Add(
      Method::kPut, "/api/cadres/{id:int}/photo",
      SignedIn(sessions,
               [&dossiers](Request& request, const Caller& caller) -> base::Result<Response> {
                 ASSIGN_OR_RETURN(cadre::CadreId id, IdParam(request));
                 std::string content_type(request.Header("Content-Type").value_or(""));
                 if (auto semicolon = content_type.find(';'); semicolon != std::string::npos)
                   content_type.resize(semicolon);
                 RETURN_IF_ERROR(
                     dossiers.SetPhoto(caller.actor, id, {content_type, std::move(request.body)}));
                 return Response::NoContent();
               }));
}

}  // namespace xr::http
