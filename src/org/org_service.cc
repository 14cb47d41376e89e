#include "org/org_service.h"

#include <algorithm>

#include "org/org_permissions.h"

namespace xr::org {
namespace {

const base::Clock& SystemClock() {
  static const base::RealClock clock;
  return clock;
}

// A unit not found by id is reported on the request's `id`.
base::Result<Unit> FindForChange(OrgRepository& repository, UnitId id) {
  auto unit = repository.FindUnit(id);
  if (!unit.ok() && unit.status().code() == base::StatusCode::kNotFound) {
    return base::NotFound("机构不存在", "id");
  }
  return unit;
}

base::Status RefuseAbolishedParent(const Unit& parent) {
  if (parent.abolished()) {
    return base::FailedPrecondition("上级机构“" + parent.name + "”已撤销，不能新增下级机构",
                                    "parent_id");
  }
  return base::Status::Ok();
}

std::string Names(const std::vector<Unit>& units) {
  std::string out;
  for (const Unit& unit : units) out += (out.empty() ? "" : "、") + unit.short_name;
  return out;
}

base::Result<std::string> ParentName(OrgRepository& repository,
                                     const std::optional<UnitId>& parent) {
  if (!parent) return std::string("（无）");
  ASSIGN_OR_RETURN(Unit unit, repository.FindUnit(*parent));
  return unit.name;
}

}  // namespace

OrgService::OrgService(store::Database& db, const access::Recorder& recorder)
    : OrgService(db, SystemClock(), recorder) {}

base::Status OrgService::Record(store::Transaction& tx, const access::Actor& actor, UnitId unit,
                                std::string_view history_action, std::string_view audit_action,
                                std::string_view object_type, std::int64_t object_id,
                                const std::vector<FieldChange>& changes) {
  UnitHistoryEntry entry;
  entry.unit_id = unit;
  entry.at = clock_.Now();
  entry.actor = actor.username;
  entry.actor_name = actor.display_name.empty() ? actor.username : actor.display_name;
  entry.action = std::string(history_action);
  entry.changes = ChangesJson(changes);
  RETURN_IF_ERROR(OrgRepository(tx).InsertHistory(entry));
  access::Recorder::Details details;
  if (object_type != "unit") details.emplace_back("unit_id", std::to_string(unit.value()));
  for (const FieldChange& change : changes) {
    details.emplace_back(change.field, change.old_value.empty()
                                           ? change.new_value
                                           : change.old_value + " → " + change.new_value);
  }
  return recorder_.Write(tx, actor, audit_action, object_type, std::to_string(object_id),
                         std::move(details));
}

base::Result<Unit> OrgService::AddUnit(const access::Actor& actor, const NewUnit& unit,
                                       bool append_last) {
  RETURN_IF_ERROR(access::Require(actor, kOrgWrite));
  RETURN_IF_ERROR(ValidateNewUnit(unit));
  return db_.TransactValue<Unit>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<Unit> {
        OrgRepository repository(tx);
        NewUnit request = unit;
        if (request.parent_id) {
          auto parent = repository.FindUnit(*request.parent_id);
          if (!parent.ok() && parent.status().code() == base::StatusCode::kNotFound) {
            return base::NotFound("上级机构不存在", "parent_id");
          }
          if (!parent.ok()) return parent.status();
          RETURN_IF_ERROR(RefuseAbolishedParent(*parent));
        }
        if (append_last) {
          ASSIGN_OR_RETURN(std::vector<Unit> siblings,
                           repository.ListLiveChildren(request.parent_id));
          request.sort_order = siblings.empty() ? 1 : siblings.back().sort_order + 1;
        }
        ASSIGN_OR_RETURN(Unit added, repository.InsertUnit(request));
        ASSIGN_OR_RETURN(std::string parent_name, ParentName(repository, added.parent_id));
        RETURN_IF_ERROR(Record(tx, actor, added.id, "create", "unit.create", "unit",
                               added.id.value(),
                               {{"code", "", added.code},
                                {"name", "", added.name},
                                {"short_name", "", added.short_name},
                                {"type", "", std::string(Label(added.type))},
                                {"level", "", std::string(Label(added.level))},
                                {"parent", "", parent_name},
                                {"sort_order", "", std::to_string(added.sort_order)}}));
        return added;
      });
}

base::Result<PositionId> OrgService::AddPosition(const access::Actor& actor,
                                                 const Position& position) {
  RETURN_IF_ERROR(access::Require(actor, kOrgWrite));
  RETURN_IF_ERROR(ValidateNewPosition(position));
  return db_.TransactValue<PositionId>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<PositionId> {
        OrgRepository repository(tx);
        auto unit = repository.FindUnit(position.unit_id);
        if (!unit.ok() && unit.status().code() == base::StatusCode::kNotFound) {
          return base::NotFound("机构不存在", "unit_id");
        }
        if (!unit.ok()) return unit.status();
        if (unit->abolished()) {
          return base::FailedPrecondition("机构“" + unit->name + "”已撤销，不能新增职位", "unit");
        }
        ASSIGN_OR_RETURN(PositionId id, repository.InsertPosition(position));
        RETURN_IF_ERROR(Record(tx, actor, position.unit_id, "position.create", "position.create",
                               "position", id.value(),
                               {{"position", "", position.name},
                                {"headcount", "", std::to_string(position.headcount)},
                                {"sort_order", "", std::to_string(position.sort_order)}}));
        return id;
      });
}

base::Result<std::vector<Unit>> OrgService::ListUnits(const access::Actor& actor,
                                                      bool include_abolished) {
  RETURN_IF_ERROR(access::Require(actor, kOrgRead));
  return db_.TransactValue<std::vector<Unit>>(store::TxMode::kRead, [&](store::Transaction& tx) {
    return OrgRepository(tx).ListUnits(include_abolished);
  });
}

base::Result<Unit> OrgService::FindUnitByCode(const access::Actor& actor, std::string_view code) {
  RETURN_IF_ERROR(access::Require(actor, kOrgRead));
  auto unit = db_.TransactValue<Unit>(store::TxMode::kRead, [&](store::Transaction& tx) {
    return OrgRepository(tx).FindUnitByCode(code);
  });
  if (!unit.ok() && unit.status().code() == base::StatusCode::kNotFound) {
    return base::NotFound("机构编码不存在：" + std::string(code), "unit");
  }
  return unit;
}

base::Result<UnitDetails> OrgService::GetUnit(const access::Actor& actor, UnitId id) {
  RETURN_IF_ERROR(access::Require(actor, kOrgRead));
  return db_.TransactValue<UnitDetails>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<UnitDetails> {
        OrgRepository repository(tx);
        UnitDetails details;
        ASSIGN_OR_RETURN(details.unit, FindForChange(repository, id));
        ASSIGN_OR_RETURN(details.positions, repository.ListPositions(id));
        return details;
      });
}

base::Result<std::vector<UnitHistoryEntry>> OrgService::History(const access::Actor& actor,
                                                                UnitId id) {
  RETURN_IF_ERROR(access::Require(actor, kOrgRead));
  return db_.TransactValue<std::vector<UnitHistoryEntry>>(
      store::TxMode::kRead,
      [&](store::Transaction& tx) -> base::Result<std::vector<UnitHistoryEntry>> {
        OrgRepository repository(tx);
        RETURN_IF_ERROR(FindForChange(repository, id).status());
        return repository.ListHistory(id);
      });
}

base::Result<Unit> OrgService::UpdateUnit(const access::Actor& actor, UnitId id,
                                          const UnitUpdate& update) {
  RETURN_IF_ERROR(access::Require(actor, kOrgWrite));
  return db_.TransactValue<Unit>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<Unit> {
        OrgRepository repository(tx);
        ASSIGN_OR_RETURN(Unit unit, FindForChange(repository, id));
        ASSIGN_OR_RETURN(std::vector<FieldChange> changes, PlanUnitUpdate(unit, update));
        if (changes.empty()) return unit;
        unit.name = update.name.value_or(unit.name);
        unit.short_name = update.short_name.value_or(unit.short_name);
        if (unit.short_name.empty()) unit.short_name = unit.name;
        unit.type = update.type.value_or(unit.type);
        unit.level = update.level.value_or(unit.level);
        RETURN_IF_ERROR(repository.UpdateUnitFields(unit));
        RETURN_IF_ERROR(
            Record(tx, actor, id, "update", "unit.update", "unit", id.value(), changes));
        return unit;
      });
}

base::Result<Unit> OrgService::MoveUnit(const access::Actor& actor, UnitId id,
                                        const UnitMove& move) {
  RETURN_IF_ERROR(access::Require(actor, kOrgWrite));
  return db_.TransactValue<Unit>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<Unit> {
        OrgRepository repository(tx);
        ASSIGN_OR_RETURN(Unit unit, FindForChange(repository, id));
        std::optional<Unit> parent;
        if (move.parent_id) {
          auto found = repository.FindUnit(*move.parent_id);
          if (!found.ok() && found.status().code() == base::StatusCode::kNotFound) {
            return base::NotFound("目标上级机构不存在", "parent_id");
          }
          if (!found.ok()) return found.status();
          parent = std::move(*found);
        }
        RETURN_IF_ERROR(CheckMove(unit, parent));
        ASSIGN_OR_RETURN(std::vector<Unit> siblings, repository.ListLiveChildren(move.parent_id));
        std::vector<UnitId> order;
        for (const Unit& sibling : siblings) order.push_back(sibling.id);
        ASSIGN_OR_RETURN(order, InsertAt(order, id, move.index));
        const size_t at = size_t(std::find(order.begin(), order.end(), id) - order.begin());

        const bool same_parent = unit.parent_id == move.parent_id;
        std::vector<Unit> others;
        std::vector<std::pair<UnitId, std::int64_t>> numbers;
        for (const Unit& sibling : siblings) {
          if (sibling.id == id) continue;
          others.push_back(sibling);
          numbers.emplace_back(sibling.id, sibling.sort_order);
        }
        const Placement placement =
            PlaceAmong(numbers, at, same_parent ? std::optional(unit.sort_order) : std::nullopt);
        ASSIGN_OR_RETURN(Unit moved, repository.MoveSubtree(unit, parent, placement.sort_order));
        const std::string parent_sort_key = parent ? parent->sort_key : "";
        for (const auto& [sibling_id, sort_order] : placement.renumbered) {
          const Unit& sibling = *std::find_if(others.begin(), others.end(),
                                              [&](const Unit& u) { return u.id == sibling_id; });
          RETURN_IF_ERROR(repository.SetSortOrder(sibling, parent_sort_key, sort_order));
        }
        const bool moves_parent = !same_parent;

        std::vector<FieldChange> changes;
        if (moves_parent) {
          ASSIGN_OR_RETURN(std::string old_parent, ParentName(repository, unit.parent_id));
          changes.push_back({"parent", std::move(old_parent), parent ? parent->name : "（无）"});
        }
        if (unit.sort_order != moved.sort_order) {
          changes.push_back(
              {"sort_order", std::to_string(unit.sort_order), std::to_string(moved.sort_order)});
        }
        if (changes.empty()) return moved;
        RETURN_IF_ERROR(Record(tx, actor, id, "move", "unit.move", "unit", id.value(), changes));
        return moved;
      });
}

base::Status OrgService::ReorderChildren(const access::Actor& actor, UnitId parent,
                                         const std::vector<UnitId>& ids) {
  RETURN_IF_ERROR(access::Require(actor, kOrgWrite));
  return db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    OrgRepository repository(tx);
    ASSIGN_OR_RETURN(Unit found, FindForChange(repository, parent));
    if (found.abolished()) {
      return base::FailedPrecondition("机构“" + found.name + "”已撤销，不能再调整", "unit");
    }
    const std::string parent_sort_key = found.sort_key;
    ASSIGN_OR_RETURN(std::vector<Unit> children, repository.ListLiveChildren(parent));
    std::vector<UnitId> current;
    for (const Unit& child : children) current.push_back(child.id);
    RETURN_IF_ERROR(CheckChildrenOrder(current, ids));
    std::vector<Unit> reordered;
    for (UnitId id : ids) {
      reordered.push_back(*std::find_if(children.begin(), children.end(),
                                        [&](const Unit& child) { return child.id == id; }));
    }
    bool changed = false;
    for (size_t i = 0; i < reordered.size(); ++i) {
      if (reordered[i].sort_order == SortOrderAt(i)) continue;
      changed = true;
      RETURN_IF_ERROR(repository.SetSortOrder(reordered[i], parent_sort_key, SortOrderAt(i)));
    }
    if (!changed) return base::Status::Ok();
    return Record(tx, actor, parent, "reorder", "unit.reorder", "unit", parent.value(),
                  {{"children", Names(children), Names(reordered)}});
  });
}

base::Result<Unit> OrgService::AbolishUnit(const access::Actor& actor, UnitId id,
                                           const Abolition& abolition) {
  RETURN_IF_ERROR(access::Require(actor, kOrgWrite));
  return db_.TransactValue<Unit>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<Unit> {
        OrgRepository repository(tx);
        ASSIGN_OR_RETURN(Unit unit, FindForChange(repository, id));
        ASSIGN_OR_RETURN(std::vector<Unit> children, repository.ListLiveChildren(id));
        RETURN_IF_ERROR(CheckAbolish(unit, std::int64_t(children.size()), abolition));
        RETURN_IF_ERROR(repository.AbolishUnit(id, abolition));
        ASSIGN_OR_RETURN(std::int64_t positions, repository.AbolishPositionsOf(id, clock_.Now()));
        std::vector<FieldChange> changes = {{"abolished_on", "", abolition.date.ToString()},
                                            {"abolish_reason", "", abolition.reason}};
        if (positions > 0) changes.push_back({"positions", std::to_string(positions), "0"});
        RETURN_IF_ERROR(
            Record(tx, actor, id, "abolish", "unit.abolish", "unit", id.value(), changes));
        unit.abolished_on = abolition.date;
        unit.abolish_reason = abolition.reason;
        return unit;
      });
}

base::Result<Position> OrgService::UpdatePosition(const access::Actor& actor, PositionId id,
                                                  const PositionUpdate& update) {
  RETURN_IF_ERROR(access::Require(actor, kOrgWrite));
  return db_.TransactValue<Position>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<Position> {
        OrgRepository repository(tx);
        ASSIGN_OR_RETURN(Position position, repository.FindPosition(id));
        Position after = position;
        after.name = update.name.value_or(position.name);
        after.headcount = update.headcount.value_or(position.headcount);
        after.sort_order = update.sort_order.value_or(position.sort_order);
        RETURN_IF_ERROR(ValidateNewPosition(after));
        std::vector<FieldChange> changes;
        if (after.name != position.name) changes.push_back({"position", position.name, after.name});
        if (after.headcount != position.headcount) {
          changes.push_back(
              {"headcount", std::to_string(position.headcount), std::to_string(after.headcount)});
        }
        if (after.sort_order != position.sort_order) {
          changes.push_back({"sort_order", std::to_string(position.sort_order),
                             std::to_string(after.sort_order)});
        }
        if (changes.empty()) return position;
        // The history names the position even when only its 职数 changed.
        if (after.name == position.name) {
          changes.insert(changes.begin(), {"position", position.name, position.name});
        }
        RETURN_IF_ERROR(repository.UpdatePosition(after));
        RETURN_IF_ERROR(Record(tx, actor, position.unit_id, "position.update", "position.update",
                               "position", id.value(), changes));
        return after;
      });
}

base::Status OrgService::AbolishPosition(const access::Actor& actor, PositionId id) {
  RETURN_IF_ERROR(access::Require(actor, kOrgWrite));
  return db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    OrgRepository repository(tx);
    ASSIGN_OR_RETURN(Position position, repository.FindPosition(id));
    RETURN_IF_ERROR(repository.AbolishPosition(id, clock_.Now()));
    return Record(
        tx, actor, position.unit_id, "position.abolish", "position.abolish", "position", id.value(),
        {{"position", position.name, ""}, {"headcount", std::to_string(position.headcount), ""}});
  });
}

base::Result<OrgService::Counts> OrgService::Count(const access::Actor&) {
  return db_.TransactValue<Counts>(
      store::TxMode::kRead, [](store::Transaction& tx) -> base::Result<Counts> {
        OrgRepository repository(tx);
        Counts counts;
        ASSIGN_OR_RETURN(counts.units, repository.CountUnits());
        ASSIGN_OR_RETURN(counts.positions, repository.CountPositions());
        return counts;
      });
}

}  // namespace xr::org
