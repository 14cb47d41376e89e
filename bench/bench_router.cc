// Router match throughput over ~60 realistic routes, with a linear scan over the same patterns
// as the in-process baseline (what a naive regex/loop router does).
#include <benchmark/benchmark.h>

#include <regex>
#include <string>
#include <vector>

#include "http/router.h"

namespace {

using xr::http::Method;
using xr::http::Router;

struct Spec {
  Method method;
  const char* pattern;
};

const std::vector<Spec>& Routes() {
  static const std::vector<Spec> routes = [] {
    std::vector<Spec> r = {
        {Method::kGet, "/healthz"},
        {Method::kGet, "/api/version"},
        {Method::kPost, "/api/session"},
        {Method::kDelete, "/api/session"},
        {Method::kGet, "/api/me"},
        {Method::kPut, "/api/me/password"},
        {Method::kGet, "/api/users"},
        {Method::kPost, "/api/users"},
        {Method::kGet, "/api/users/{id:int}"},
        {Method::kPut, "/api/users/{id:int}"},
        {Method::kDelete, "/api/users/{id:int}"},
        {Method::kPut, "/api/users/{id:int}/roles"},
        {Method::kGet, "/api/roles"},
        {Method::kGet, "/api/audit/entries"},
        {Method::kGet, "/api/audit/entries/{id:int}"},
        {Method::kGet, "/api/audit/checkpoints"},
        {Method::kGet, "/api/audit/proofs/inclusion/{id:int}"},
        {Method::kGet, "/api/units"},
        {Method::kPost, "/api/units"},
        {Method::kGet, "/api/units/tree"},
        {Method::kGet, "/api/units/{id:int}"},
        {Method::kPut, "/api/units/{id:int}"},
        {Method::kDelete, "/api/units/{id:int}"},
        {Method::kGet, "/api/units/{id:int}/children"},
        {Method::kGet, "/api/units/{id:int}/positions"},
        {Method::kPost, "/api/units/{id:int}/positions"},
        {Method::kGet, "/api/units/{id:int}/positions/{position:int}"},
        {Method::kPut, "/api/units/{id:int}/positions/{position:int}"},
        {Method::kGet, "/api/units/{id:int}/quota"},
        {Method::kGet, "/api/cadres"},
        {Method::kPost, "/api/cadres"},
        {Method::kGet, "/api/cadres/search"},
        {Method::kGet, "/api/cadres/statistics"},
        {Method::kPost, "/api/cadres/import"},
        {Method::kGet, "/api/cadres/export"},
        {Method::kGet, "/api/cadres/{id:int}"},
        {Method::kPut, "/api/cadres/{id:int}"},
        {Method::kDelete, "/api/cadres/{id:int}"},
        {Method::kGet, "/api/cadres/{id:int}/history"},
        {Method::kGet, "/api/cadres/{id:int}/resume"},
        {Method::kPut, "/api/cadres/{id:int}/resume"},
        {Method::kGet, "/api/cadres/{id:int}/family"},
        {Method::kPut, "/api/cadres/{id:int}/family"},
        {Method::kGet, "/api/cadres/{id:int}/rewards"},
        {Method::kGet, "/api/cadres/{id:int}/assessments"},
        {Method::kGet, "/api/cadres/{id:int}/lrmx"},
        {Method::kGet, "/api/cadres/{id:int}/approval-form.pdf"},
        {Method::kGet, "/api/cadres/{id:int}/photo"},
        {Method::kPut, "/api/cadres/{id:int}/photo"},
        {Method::kGet, "/api/selections"},
        {Method::kPost, "/api/selections"},
        {Method::kGet, "/api/selections/{id:int}"},
        {Method::kPost, "/api/selections/{id:int}/advance"},
        {Method::kGet, "/api/selections/{id:int}/candidates"},
        {Method::kGet, "/api/ballots/{id:int}"},
        {Method::kPost, "/api/ballots/{id:int}/votes"},
        {Method::kGet, "/api/ballots/{id:int}/tally"},
        {Method::kGet, "/api/jobs/{job}"},
        {Method::kGet, "/api/dictionaries/{name}"},
        {Method::kGet, "/api/portal/notices/{slug}"},
    };
    return r;
  }();
  return routes;
}

const std::vector<std::pair<Method, std::string>>& Requests() {
  static const std::vector<std::pair<Method, std::string>> requests = {
      {Method::kGet, "/api/me"},
      {Method::kGet, "/api/cadres"},
      {Method::kGet, "/api/cadres/12345"},
      {Method::kGet, "/api/cadres/12345/resume"},
      {Method::kPut, "/api/cadres/987/family"},
      {Method::kGet, "/api/units/17/positions/3"},
      {Method::kPost, "/api/ballots/5/votes"},
      {Method::kGet, "/api/dictionaries/%E6%B0%91%E6%97%8F"},
      {Method::kGet, "/api/portal/notices/2026-recruit"},
      {Method::kGet, "/api/nothing/here"},  // 404
      {Method::kPost, "/api/cadres/1"},     // 405
      {Method::kGet, "/api/version"},
  };
  return requests;
}

xr::http::Response Ok(xr::http::Request&) { return {}; }

void BM_RouterMatch(benchmark::State& state) {
  Router router;
  for (const auto& s : Routes()) router.Add(s.method, s.pattern, Ok);
  const auto& requests = Requests();
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [method, path] = requests[i++ % requests.size()];
    auto m = router.Match(method, path);
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["routes"] = double(router.size());
}
BENCHMARK(BM_RouterMatch);

// Baseline: one std::regex per route, tried in order (a typical express-style router).
void BM_RegexLinearBaseline(benchmark::State& state) {
  std::vector<std::pair<Method, std::regex>> table;
  for (const auto& s : Routes()) {
    std::string re = std::regex_replace(std::string(s.pattern), std::regex(R"(\{[a-z]+:int\})"),
                                        "([0-9]{1,18})");
    re = std::regex_replace(re, std::regex(R"(\{[a-z]+\})"), "([^/]+)");
    table.emplace_back(s.method, std::regex(re));
  }
  const auto& requests = Requests();
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [method, path] = requests[i++ % requests.size()];
    std::smatch m;
    int found = -1;
    for (std::size_t k = 0; k < table.size(); ++k) {
      if (table[k].first == method && std::regex_match(path, m, table[k].second)) {
        found = int(k);
        break;
      }
    }
    benchmark::DoNotOptimize(found);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RegexLinearBaseline);

}  // namespace

BENCHMARK_MAIN();
