#pragma once
// The home-page overview (首页概览): how big the managed population is. Counts only, so every
// signed-in user may see it; the cadre counts cover only the cadres the user may read.

#include <vector>

#include "access/actor.h"
#include "cadre/cadre_repository.h"
#include "store/database.h"

namespace xr::decision {

struct Overview {
  std::int64_t units = 0;
  std::int64_t positions = 0;
  std::int64_t cadres = 0;
  std::int64_t users = 0;
  std::vector<cadre::RankCount> cadres_by_rank;
};

class OverviewService {
 public:
  explicit OverviewService(store::Database& db) : db_(db) {}
  base::Result<Overview> Get(const access::Actor& actor);

 private:
  store::Database& db_;
};

}  // namespace xr::decision
