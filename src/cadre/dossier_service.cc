#include "cadre/dossier_service.h"

#include <algorithm>
#include <set>

#include "access/permission.h"
#include "cadre/cadre_fields.h"
#include "cadre/cadre_permissions.h"
#include "cadre/cadre_scope.h"
#include "cadre/dictionary_repository.h"
#include "cadre/dossier_history.h"
#include "cadre/dossier_json.h"
#include "cadre/dossier_repository.h"
#include "cadre/rmb_text.h"
#include "cadre/search_keys.h"
#include "org/org_repository.h"

namespace xr::cadre {
namespace {

using nlohmann::json;

constexpr std::string_view kVersionConflict =
    "VERSION_CONFLICT: 该档案已被他人修改，请查看对方的修改后重新提交";
constexpr std::size_t kMaxPhotoBytes = 5 * 1024 * 1024;

std::string Join(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ",") + name;
  return text;
}

// Whether the reader may see any confidential part (they share one sensitivity today; each is
// still asked separately below).
bool MayReadAnyConfidential(const access::Actor& actor) {
  return std::any_of(kDossierConfidentialKeys.begin(), kDossierConfidentialKeys.end(),
                     [&](std::string_view field) { return MayRead(actor, field); });
}

// Confidential values are opened only for a cleared reader, and the read is recorded in the same
// transaction, which must then be a write transaction (docs/decisions.md).
store::TxMode ReadMode(const access::Actor& actor) {
  return MayReadAnyConfidential(actor) ? store::TxMode::kWrite : store::TxMode::kRead;
}

bool IsRedactionMarker(const json& value) {
  if (!value.is_object()) return false;
  auto it = value.find("redacted");
  return it != value.end() && it->is_boolean() && it->get<bool>();
}

// Whether a confidential value says nothing (what a form without that part sends).
bool IsEmptyConfidential(std::string_view field, const json& value) {
  if (value.is_null()) return true;
  if (field == kFamilyField) return value.is_array() && value.empty();
  if (field == kPersonalMattersField) return value == EncodePersonalMatters({});
  return false;
}

// Input as the service accepts it: output-only keys and redaction markers (a client sending back
// what it was shown) are dropped; a confidential field the actor may not read cannot be written
// (on creation it may be sent empty).
base::Status Prepare(const access::Actor& actor, json& input, bool creating) {
  if (!input.is_object()) return base::InvalidArgument("档案内容应为 JSON 对象", "body");
  for (auto it = input.begin(); it != input.end();) {
    const std::string key = it.key();
    if (IsDossierOutputOnlyKey(key) || (IsDossierConfidentialKey(key) && IsRedactionMarker(*it))) {
      it = input.erase(it);
      continue;
    }
    if (IsDossierConfidentialKey(key) && !MayRead(actor, key) &&
        !(creating && IsEmptyConfidential(key, *it))) {
      return base::PermissionDenied("无权填写保密信息（" + key + "）");
    }
    ++it;
  }
  return base::Status::Ok();
}

// Fills the unit name of posts that name a unit of the tree but no name.
base::Status FillPostUnitNames(store::Transaction& tx, Dossier& dossier) {
  org::OrgRepository units(tx);
  for (size_t i = 0; i < dossier.posts.size(); ++i) {
    Post& post = dossier.posts[i];
    if (!post.unit_id || !post.unit_name.empty()) continue;
    auto unit = units.FindUnit(*post.unit_id);
    if (!unit.ok() && unit.status().code() == base::StatusCode::kNotFound) {
      return base::NotFound("任职单位不存在", "posts[" + std::to_string(i) + "].unit_id");
    }
    if (!unit.ok()) return unit.status();
    post.unit_name = unit->name;
  }
  return base::Status::Ok();
}

bool WithinField(const std::string& path, std::string_view field) {
  if (!path.starts_with(field)) return false;
  return path.size() == field.size() || path[field.size()] == '[' || path[field.size()] == '.';
}

// Leaves out the confidential parts `actor` may not read, naming them in `view.redacted`, and the
// warnings about them; for a cleared reader records which parts were read.
// Which confidential parts have a stored value.
struct Present {
  bool id_number = false;
  bool family = false;
  bool personal_matters = false;
};
Present PresentIn(const StoredDossier& stored) {
  return {stored.id_number_sealed.has_value(), stored.family_sealed.has_value(),
          stored.personal_matters_sealed.has_value()};
}

base::Status Redact(store::Transaction& tx, const access::Actor& actor,
                    const access::Recorder& recorder, Present present, DossierView& view) {
  Dossier& d = view.dossier;
  std::vector<std::string> read;
  auto part = [&](std::string_view field, bool stored_value, auto clear) {
    if (MayRead(actor, field)) {
      if (stored_value) read.emplace_back(field);
      return;
    }
    clear();
    // An absent ID number is shown as absent; the family and the personal matters are
    // always marked, as even their emptiness is confidential.
    if (stored_value || field != kIdNumberField) view.redacted.emplace_back(field);
  };
  part(kIdNumberField, present.id_number, [&] { d.id_number.reset(); });
  part(kFamilyField, present.family, [&] { d.family.clear(); });
  part(kPersonalMattersField, present.personal_matters, [&] { d.personal_matters = {}; });
  std::erase_if(view.warnings, [&](const RuleFinding& finding) {
    return std::any_of(view.redacted.begin(), view.redacted.end(),
                       [&](const std::string& field) { return WithinField(finding.field, field); });
  });
  if (read.empty()) return base::Status::Ok();
  return recorder.Write(tx, actor, "cadre.read_confidential", "cadre", std::to_string(d.id.value()),
                        {{"fields", Join(read)}});
}

// The end of `day` in Asia/Shanghai (UTC+8, no DST) as an instant: 16:00 UTC that day.
base::Timestamp EndOfShanghaiDay(base::Date day) {
  return base::Timestamp(base::Timestamp::Micros(day.days() + std::chrono::hours(16)));
}

}  // namespace

base::Result<CadreId> DossierService::Create(const access::Actor& actor,
                                             const std::string& dossier_json,
                                             std::vector<RuleFinding>* warnings) {
  RETURN_IF_ERROR(access::Require(actor, kCadreWrite));
  ASSIGN_OR_RETURN(json input, ParseJsonText(dossier_json));
  RETURN_IF_ERROR(Prepare(actor, input, /*creating=*/true));
  ASSIGN_OR_RETURN(const Dossier decoded, DecodeDossier(input));
  const base::Timestamp now = clock_.Now();
  std::vector<RuleFinding> findings;
  auto id = db_.TransactValue<CadreId>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<CadreId> {
        ASSIGN_OR_RETURN(CodeTables tables, LoadCodeTables(tx));
        Dossier dossier = decoded;
        ASSIGN_OR_RETURN(findings, ValidateDossier(dossier, tables, now.ShanghaiDate()));
        RETURN_IF_ERROR(FillPostUnitNames(tx, dossier));
        if (dossier.id_number) {
          ASSIGN_OR_RETURN(std::optional<CadreId> other,
                           FindByIdNumber(tx, keyring_, *dossier.id_number));
          if (other) return base::AlreadyExists("该身份证号已有干部档案", "id_number");
        }
        ASSIGN_OR_RETURN(CadreId id,
                         InsertDossier(tx, keyring_, dossier, now, ChangeLogActor(actor)));
        RETURN_IF_ERROR(StoreSearchKeys(tx, keyring_, id, dossier.name, dossier.id_number));
        // A record the actor could not read afterwards is outside their scope: refuse it as if
        // the unit did not exist (the transaction rolls back).
        ASSIGN_OR_RETURN(ScopePredicate scope, ScopeOf(tx, actor));
        ASSIGN_OR_RETURN(bool visible, DossierRepository(tx).Visible(id, scope));
        if (!visible) return base::NotFound("所在单位不存在", "unit_id");
        RETURN_IF_ERROR(recorder_.Write(tx, actor, "cadre.create", "cadre",
                                        std::to_string(id.value()),
                                        {{"unit_id", std::to_string(dossier.unit_id.value())}}));
        return id;
      });
  if (id.ok() && warnings) *warnings = std::move(findings);
  return id;
}

base::Result<DossierView> DossierService::Update(const access::Actor& actor, CadreId id,
                                                 const DossierPatch& patch) {
  RETURN_IF_ERROR(access::Require(actor, kCadreWrite));
  ASSIGN_OR_RETURN(json fields, ParseJsonText(patch.fields_json));
  RETURN_IF_ERROR(Prepare(actor, fields, /*creating=*/false));
  const base::Timestamp now = clock_.Now();
  bool conflict = false;
  auto view = db_.TransactValue<DossierView>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<DossierView> {
        conflict = false;
        DossierRepository repository(tx);
        ASSIGN_OR_RETURN(ScopePredicate scope, ScopeOf(tx, actor));
        ASSIGN_OR_RETURN(StoredDossier stored, repository.Load(id, scope));
        if (stored.dossier.version != patch.expected_version) {
          // Not Aborted here: Transact would retry it as a transient conflict.
          conflict = true;
          return base::FailedPrecondition(std::string(kVersionConflict), "version");
        }
        RETURN_IF_ERROR(OpenConfidential(tx, keyring_, stored));
        const json before = EncodeDossierFields(stored.dossier);
        json merged = before;
        for (auto it = fields.begin(); it != fields.end(); ++it) merged[it.key()] = it.value();
        ASSIGN_OR_RETURN(Dossier next, DecodeDossier(merged));
        ASSIGN_OR_RETURN(CodeTables tables, LoadCodeTables(tx));
        DossierView out;
        ASSIGN_OR_RETURN(out.warnings, ValidateDossier(next, tables, now.ShanghaiDate()));
        RETURN_IF_ERROR(FillPostUnitNames(tx, next));
        next.id = id;
        const FieldChanges changes = Diff(before, EncodeDossierFields(next));
        if (changes.empty()) {
          out.dossier = std::move(stored.dossier);
          RETURN_IF_ERROR(Redact(tx, actor, recorder_, PresentIn(stored), out));
          ASSIGN_OR_RETURN(out.form, LoadRmbTexts(tx, out.dossier));
          return out;
        }
        std::vector<std::string> names;
        for (const JsonFieldChange& c : changes) names.push_back(c.field);
        auto changed = [&](std::string_view field) {
          return std::find(names.begin(), names.end(), field) != names.end();
        };
        if (changed(kIdNumberField) && next.id_number) {
          ASSIGN_OR_RETURN(std::optional<CadreId> other,
                           FindByIdNumber(tx, keyring_, *next.id_number));
          if (other && *other != id) {
            return base::AlreadyExists("该身份证号已有干部档案", "id_number");
          }
        }
        ASSIGN_OR_RETURN(next.version, repository.Replace(next, patch.expected_version, now));
        RETURN_IF_ERROR(StoreConfidential(tx, keyring_, next));
        RETURN_IF_ERROR(AppendDossierChange(tx, keyring_, id, next.managing_unit_id, next.version,
                                            now, ChangeLogActor(actor), changes)
                            .status());
        if (changed("name") || changed(kIdNumberField)) {
          RETURN_IF_ERROR(StoreSearchKeys(tx, keyring_, id, next.name, next.id_number));
        }
        ASSIGN_OR_RETURN(bool visible, repository.Visible(id, scope));
        if (!visible) return base::NotFound("所在单位不存在", "unit_id");
        // Field names only: the values may be confidential.
        RETURN_IF_ERROR(recorder_.Write(tx, actor, "cadre.update", "cadre",
                                        std::to_string(id.value()), {{"fields", Join(names)}}));
        ASSIGN_OR_RETURN(org::Unit unit, org::OrgRepository(tx).FindUnit(next.unit_id));
        next.unit_name = unit.name;
        next.has_photo = stored.dossier.has_photo;
        out.dossier = std::move(next);
        // StoreConfidential has just stored the family and personal matters, and the ID number
        // when there is one.
        RETURN_IF_ERROR(
            Redact(tx, actor, recorder_, {out.dossier.id_number.has_value(), true, true}, out));
        ASSIGN_OR_RETURN(out.form, LoadRmbTexts(tx, out.dossier));
        return out;
      });
  if (!view.ok() && conflict) return base::Aborted(std::string(kVersionConflict));
  return view;
}

base::Result<DossierView> DossierService::Get(const access::Actor& actor, CadreId id,
                                              std::optional<base::Date> as_of) {
  RETURN_IF_ERROR(access::Require(actor, kCadreRead));
  const base::Date today = clock_.Now().ShanghaiDate();
  const bool cleared = MayReadAnyConfidential(actor);
  return db_.TransactValue<DossierView>(
      ReadMode(actor), [&](store::Transaction& tx) -> base::Result<DossierView> {
        DossierRepository repository(tx);
        ASSIGN_OR_RETURN(ScopePredicate scope, ScopeOf(tx, actor));
        ASSIGN_OR_RETURN(StoredDossier stored, repository.Load(id, scope));
        if (cleared) RETURN_IF_ERROR(OpenConfidential(tx, keyring_, stored));
        DossierView view;
        if (!as_of) {
          view.dossier = stored.dossier;
        } else {
          ASSIGN_OR_RETURN(std::vector<StoredChange> later,
                           repository.Changes(id, 0, EndOfShanghaiDay(*as_of)));
          if (later.empty()) {
            view.dossier = stored.dossier;
          } else {
            if (later.back().version <= 1) return base::NotFound("该日期时尚无此干部档案");
            json state = EncodeDossierFields(stored.dossier);
            for (const StoredChange& change : later) {
              Undo(state, change.changes);
              if (cleared) {
                ASSIGN_OR_RETURN(FieldChanges confidential,
                                 OpenConfidentialChanges(tx, keyring_, change));
                Undo(state, confidential);
              }
            }
            auto past = DecodeDossier(state);
            if (!past.ok()) {
              return base::Internal("无法还原档案的历史状态：" + past.status().ToString());
            }
            view.dossier = std::move(*past);
            view.dossier.id = id;
            view.dossier.version = later.back().version - 1;
            view.dossier.has_photo = stored.dossier.has_photo;
            auto unit = org::OrgRepository(tx).FindUnit(view.dossier.unit_id);
            if (unit.ok()) view.dossier.unit_name = unit->name;
          }
        }
        view.warnings = DossierWarnings(view.dossier, today);
        RETURN_IF_ERROR(Redact(tx, actor, recorder_, PresentIn(stored), view));
        ASSIGN_OR_RETURN(view.form, LoadRmbTexts(tx, view.dossier));
        return view;
      });
}

base::Result<std::vector<ChangeEntry>> DossierService::History(const access::Actor& actor,
                                                               CadreId id,
                                                               std::int64_t since_version) {
  RETURN_IF_ERROR(access::Require(actor, kCadreRead));
  return db_.TransactValue<std::vector<ChangeEntry>>(
      ReadMode(actor), [&](store::Transaction& tx) -> base::Result<std::vector<ChangeEntry>> {
        DossierRepository repository(tx);
        ASSIGN_OR_RETURN(ScopePredicate scope, ScopeOf(tx, actor));
        ASSIGN_OR_RETURN(bool visible, repository.Visible(id, scope));
        if (!visible) return base::NotFound("干部不存在");
        ASSIGN_OR_RETURN(std::vector<StoredChange> stored, repository.Changes(id, since_version));
        std::vector<ChangeEntry> entries;
        std::set<std::string> read;
        for (const StoredChange& change : stored) {
          ChangeEntry entry{change.version, change.at, change.actor, {}};
          for (const JsonFieldChange& c : change.changes) {
            entry.changes.push_back({c.field, DumpJson(c.old_value), DumpJson(c.new_value), false});
          }
          std::vector<std::string> readable;
          for (const std::string& field : change.confidential_fields) {
            if (MayRead(actor, field)) {
              readable.push_back(field);
            } else {
              entry.changes.push_back({field, "", "", true});
            }
          }
          if (!readable.empty()) {
            ASSIGN_OR_RETURN(FieldChanges opened, OpenConfidentialChanges(tx, keyring_, change));
            for (const JsonFieldChange& c : opened) {
              if (std::find(readable.begin(), readable.end(), c.field) == readable.end()) continue;
              entry.changes.push_back(
                  {c.field, DumpJson(c.old_value), DumpJson(c.new_value), false});
              read.insert(c.field);
            }
          }
          std::sort(entry.changes.begin(), entry.changes.end(),
                    [](const FieldChange& a, const FieldChange& b) { return a.field < b.field; });
          entries.push_back(std::move(entry));
        }
        if (!read.empty()) {
          RETURN_IF_ERROR(recorder_.Write(
              tx, actor, "cadre.read_confidential", "cadre", std::to_string(id.value()),
              {{"fields", Join(std::vector<std::string>(read.begin(), read.end()))},
               {"history", "true"}}));
        }
        return entries;
      });
}

base::Result<DossierService::Photo> DossierService::GetPhoto(const access::Actor& actor,
                                                             CadreId id) {
  RETURN_IF_ERROR(access::Require(actor, kCadreRead));
  return db_.TransactValue<Photo>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<Photo> {
        DossierRepository repository(tx);
        ASSIGN_OR_RETURN(ScopePredicate scope, ScopeOf(tx, actor));
        ASSIGN_OR_RETURN(bool visible, repository.Visible(id, scope));
        if (!visible) return base::NotFound("干部不存在");
        ASSIGN_OR_RETURN(std::optional<StoredPhoto> photo, repository.Photo(id));
        if (!photo) return base::NotFound("尚未上传照片");
        return Photo{std::move(photo->content_type), std::move(photo->bytes)};
      });
}

base::Status DossierService::SetPhoto(const access::Actor& actor, CadreId id, const Photo& photo) {
  RETURN_IF_ERROR(access::Require(actor, kCadreWrite));
  const std::string_view bytes = photo.bytes;
  std::string type;
  if (bytes.starts_with("\xFF\xD8\xFF")) {
    type = "image/jpeg";
  } else if (bytes.starts_with("\x89PNG\r\n\x1A\n")) {
    type = "image/png";
  } else {
    return base::InvalidArgument("照片须为 JPEG 或 PNG 图片", "photo");
  }
  if (bytes.size() > kMaxPhotoBytes) {
    return base::InvalidArgument("照片不能超过 5 MB", "photo");
  }
  if (!photo.content_type.empty() && photo.content_type != type) {
    return base::InvalidArgument("照片内容与声明的类型（" + photo.content_type + "）不符", "photo");
  }
  const base::Timestamp now = clock_.Now();
  return db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    DossierRepository repository(tx);
    ASSIGN_OR_RETURN(ScopePredicate scope, ScopeOf(tx, actor));
    ASSIGN_OR_RETURN(bool visible, repository.Visible(id, scope));
    if (!visible) return base::NotFound("干部不存在");
    RETURN_IF_ERROR(repository.SetPhoto(id, {type, photo.bytes}, now));
    return recorder_.Write(tx, actor, "cadre.photo", "cadre", std::to_string(id.value()),
                           {{"content_type", type}, {"bytes", std::to_string(bytes.size())}});
  });
}

}  // namespace xr::cadre
