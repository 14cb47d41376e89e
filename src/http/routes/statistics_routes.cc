#include "http/routes/statistics_routes.h"

#include <cmath>

#include "http/json.h"
#include "http/routes/authenticate.h"
#include "statistics/statistics_permissions.h"

namespace xr::http {
namespace {

Json OptionalNumber(const std::optional<std::int64_t>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json TargetJson(const statistics::IndicatorTarget& target) {
  return {{"min_count", OptionalNumber(target.min_count)},
          {"min_share", target.min_share_bp
                            ? Json(double(*target.min_share_bp) / double(statistics::kShareScale))
                            : Json(nullptr)}};
}

Json ReportJson(const statistics::StructureReport& report) {
  Json dimensions = Json::array();
  for (const statistics::Dimension& d : report.dimensions) {
    Json buckets = Json::array();
    for (const statistics::Bucket& b : d.buckets) {
      buckets.push_back({{"label", b.label}, {"count", b.count}});
    }
    dimensions.push_back({{"key", d.key}, {"label", d.label}, {"buckets", std::move(buckets)}});
  }
  Json indicators = Json::array();
  for (const statistics::Indicator& i : report.indicators) {
    indicators.push_back({{"key", i.key},
                          {"label", i.label},
                          {"count", i.count},
                          {"share", i.share},
                          {"target", TargetJson(i.target)},
                          {"shortfall", i.shortfall}});
  }
  return {{"total", report.total},
          {"reference_date", report.reference_date.ToString()},
          {"dimensions", std::move(dimensions)},
          {"age_ladder",
           {{"levels", report.age_ladder.levels},
            {"bands", report.age_ladder.bands},
            {"counts", report.age_ladder.counts}}},
          {"indicators", std::move(indicators)}};
}

Json TargetsJson(const statistics::Targets& targets) {
  Json limits = Json::object();
  for (const auto& [level, age] : targets.young_age_limits) limits[level] = age;
  Json indicators = Json::object();
  for (const statistics::IndicatorSpec& spec : statistics::Indicators()) {
    auto it = targets.indicators.find(std::string(spec.key));
    indicators[std::string(spec.key)] =
        TargetJson(it == targets.indicators.end() ? statistics::IndicatorTarget{} : it->second);
  }
  return {{"young_age_limits", std::move(limits)}, {"indicators", std::move(indicators)}};
}

base::Result<statistics::StructureRequest> RequestFromBody(const Json& body) {
  for (const auto& [key, unused] : body.items()) {
    if (key != "unit_id" && key != "subtree" && key != "condition" && key != "reference_date") {
      return base::InvalidArgument("未知字段 " + key, key);
    }
  }
  statistics::StructureRequest request;
  ASSIGN_OR_RETURN(request.unit_id, OptionalInt(body, "unit_id"));
  ASSIGN_OR_RETURN(std::optional<bool> subtree, OptionalBool(body, "subtree"));
  request.subtree = subtree.value_or(true);
  if (body.contains("condition") && !body["condition"].is_null()) {
    ASSIGN_OR_RETURN(request.condition, search::DecodeCondition(body["condition"], "condition"));
  }
  ASSIGN_OR_RETURN(std::optional<std::string> reference, OptionalString(body, "reference_date"));
  if (reference) {
    auto date = base::Date::Parse(*reference, "reference_date");
    if (!date.ok()) return base::InvalidArgument("参考日期须为 YYYY-MM-DD", "reference_date");
    request.reference_date = *date;
  }
  return request;
}

base::Result<statistics::Targets> TargetsFromBody(const Json& body) {
  statistics::Targets targets;
  for (const auto& [key, unused] : body.items()) {
    if (key != "young_age_limits" && key != "indicators") {
      return base::InvalidArgument("未知字段 " + key, key);
    }
  }
  if (!body.contains("young_age_limits") || !body["young_age_limits"].is_object()) {
    return base::InvalidArgument("young_age_limits 应为对象，如 {\"县处级\": 40}",
                                 "young_age_limits");
  }
  for (const auto& [level, age] : body["young_age_limits"].items()) {
    const std::string field = "young_age_limits." + level;
    if (!age.is_number_integer()) return base::InvalidArgument("年龄上限应为整数", field);
    const std::int64_t value = age.get<std::int64_t>();
    if (value < statistics::kMinYoungAgeLimit || value > statistics::kMaxYoungAgeLimit) {
      return base::InvalidArgument("年轻干部年龄上限须在 18–70 岁之间", field);
    }
    targets.young_age_limits[level] = int(value);
  }
  if (body.contains("indicators") && !body["indicators"].is_null()) {
    if (!body["indicators"].is_object()) {
      return base::InvalidArgument("indicators 应为对象", "indicators");
    }
    for (const auto& [key, value] : body["indicators"].items()) {
      const std::string field = "indicators." + key;
      if (value.is_null()) continue;
      if (!value.is_object()) return base::InvalidArgument("指标目标应为对象", field);
      statistics::IndicatorTarget target;
      const Json& count = value.contains("min_count") ? value["min_count"] : Json(nullptr);
      if (!count.is_null()) {
        if (!count.is_number_integer()) {
          return base::InvalidArgument("最少人数应为整数", field + ".min_count");
        }
        target.min_count = count.get<std::int64_t>();
      }
      const Json& share = value.contains("min_share") ? value["min_share"] : Json(nullptr);
      if (!share.is_null()) {
        if (!share.is_number() || share.get<double>() < 0 || share.get<double>() > 1) {
          return base::InvalidArgument("最低比例应为 0–1 之间的数（如 0.15）",
                                       field + ".min_share");
        }
        target.min_share_bp = std::llround(share.get<double>() * double(statistics::kShareScale));
      }
      targets.indicators[key] = target;
    }
  }
  return targets;
}

}  // namespace

void AddStatisticsRoutes(Router& router, access::SessionService& sessions,
                         statistics::StructureService& statistics) {
  router.Add(
      Method::kPost, "/api/cadres/statistics",
      SignedIn(sessions,
               [&statistics](Request& request, const Caller& caller) -> base::Result<Response> {
                 ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
                 ASSIGN_OR_RETURN(statistics::StructureRequest input, RequestFromBody(body));
                 ASSIGN_OR_RETURN(statistics::StructureReport report,
                                  statistics.Analyse(caller.actor, input));
                 return JsonResponse(200, ReportJson(report));
               }));
  router.Add(
      Method::kGet, "/api/statistics/targets",
      SignedIn(sessions, [&statistics](Request&, const Caller& caller) -> base::Result<Response> {
        ASSIGN_OR_RETURN(statistics::Targets targets, statistics.GetTargets(caller.actor));
        return JsonResponse(200, TargetsJson(targets));
      }));
  router.Add(
      Method::kPut, "/api/statistics/targets",
      SignedIn(sessions,
               [&statistics](Request& request, const Caller& caller) -> base::Result<Response> {
                 RETURN_IF_ERROR(access::Require(caller.actor, statistics::kStatisticsManage));
                 ASSIGN_OR_RETURN(Json body, ParseJsonObject(request.body));
                 ASSIGN_OR_RETURN(statistics::Targets targets, TargetsFromBody(body));
                 ASSIGN_OR_RETURN(statistics::Targets stored,
                                  statistics.SetTargets(caller.actor, targets));
                 return JsonResponse(200, TargetsJson(stored));
               }));
}

}  // namespace xr::http
