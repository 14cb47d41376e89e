#include "cadre/cadre_scope.h"

namespace xr::cadre {
namespace {

// "?, ?, ?" for n codes, and the codes appended to `params`.
std::string CodeList(const std::vector<std::string>& codes, store::Params& params) {
  std::string marks;
  for (const std::string& code : codes) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(code);
  }
  return marks;
}

}  // namespace

base::Result<ScopePredicate> ScopeOf(store::Transaction& tx, const access::Actor& actor) {
  using Kind = access::ScopeRule::Kind;
  if (actor.SeesEveryCadre()) return ScopePredicate{};
  ScopePredicate out;
  std::string clauses;
  auto add = [&](const std::string& clause) {
    clauses += (clauses.empty() ? "" : " OR ") + clause;
  };
  // The subtree of "/1/5/" is every path in ["/1/5/", "/1/50"): '0' follows '/'.
  auto add_subtree = [&](const std::string& low) {
    add("(u.path >= ? AND u.path < ?)");
    out.params.emplace_back(low);
    out.params.emplace_back(low.substr(0, low.size() - 1) + "0");
  };
  for (const access::ScopeRule& rule : actor.scopes) {
    switch (rule.kind) {
      case Kind::kAll:
        break;  // handled above
      // Rules relative to the actor's own unit go through the unit's id (users.unit_id), so they
      // follow the unit whatever its code; they match nothing for a user who belongs to no unit.
      case Kind::kOwnUnit:
        if (actor.unit_id) {
          add("c.unit_id = ?");
          out.params.emplace_back(*actor.unit_id);
        }
        break;
      case Kind::kOwnUnitBelow:
        if (actor.unit_id) {
          ASSIGN_OR_RETURN(store::Rows rows,
                           tx.Query("SELECT path FROM units WHERE id = ?", {*actor.unit_id}));
          if (!rows.empty()) add_subtree(rows[0].Text(0));
        }
        break;
      case Kind::kSelf:
        if (actor.cadre_id) {
          add("c.id = ?");
          out.params.emplace_back(*actor.cadre_id);
        }
        break;
      case Kind::kUnits:
        add("c.unit_id IN (SELECT id FROM units WHERE code IN (" +
            CodeList(rule.codes, out.params) + "))");
        break;
      case Kind::kUnitsBelow:
        for (const std::string& code : rule.codes) {
          ASSIGN_OR_RETURN(store::Rows rows,
                           tx.Query("SELECT path FROM units WHERE code = ?", {code}));
          if (!rows.empty()) add_subtree(rows[0].Text(0));
        }
        break;
      case Kind::kManagedBy:
        add("c.managing_unit_id IN (SELECT id FROM units WHERE code IN (" +
            CodeList(rule.codes, out.params) + "))");
        break;
    }
  }
  out.sql = clauses.empty() ? "(1 = 0)" : "(" + clauses + ")";
  return out;
}

}  // namespace xr::cadre
