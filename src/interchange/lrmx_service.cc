#include "interchange/lrmx_service.h"

#include <zip.h>

#include <algorithm>
#include <map>

#include "cadre/cadre_fields.h"
#include "cadre/cadre_permissions.h"
#include "cadre/cadre_scope.h"
#include "cadre/dictionary_repository.h"
#include "cadre/dossier_history.h"
#include "cadre/dossier_json.h"
#include "cadre/dossier_repository.h"
#include "cadre/dossier_rules.h"
#include "cadre/rmb_text.h"
#include "cadre/search_keys.h"
#include "interchange/lrm_legacy.h"
#include "interchange/lrmx_document.h"
#include "interchange/lrmx_mapping.h"
#include "org/org_repository.h"

namespace xr::interchange {
namespace {

using cadre::Dossier;
using nlohmann::json;

constexpr const char* kOutsideScope = "单位不在您的管理范围内";

constexpr size_t kMaxZipMembers = 20000;
constexpr std::uint64_t kMaxZipMemberBytes = 20u << 20;
constexpr std::uint64_t kMaxZipTotalBytes = 1ull << 30;
constexpr std::uint64_t kMaxZipRatio = 1000;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}
bool EndsWithNoCase(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && Lower(text.substr(text.size() - suffix.size())) == suffix;
}
std::string StemOf(std::string_view name) {
  const size_t dot = name.rfind('.');
  return Lower(dot == std::string_view::npos ? name : name.substr(0, dot));
}

// The fields of a dossier an 任免审批表 carries (the rest — unit, 管理权限, ranks, rewards,
// trainings, personal matters — stay as stored when a form replaces a record).
constexpr std::string_view kFormFields[] = {"name",
                                            "gender",
                                            "birth_month",
                                            "ethnicity",
                                            "native_place",
                                            "birth_place",
                                            "party",
                                            "party_join_month",
                                            "work_start_month",
                                            "health",
                                            "professional_title",
                                            "expertise",
                                            "id_number",
                                            "education",
                                            "resume",
                                            "posts",
                                            "assessments",
                                            "family",
                                            "appointment"};

bool IsFormField(std::string_view field) {
  return std::find(std::begin(kFormFields), std::end(kFormFields), field) != std::end(kFormFields);
}

// Copies form field `field` (and its "_code" companion) from `from` into `into`.
void CopyField(const json& from, json& into, std::string_view field) {
  for (const std::string& key : {std::string(field), std::string(field) + "_code"}) {
    if (from.contains(key)) into[key] = from[key];
  }
}

std::string ContentTypeOf(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
  if (bytes.starts_with("\x89PNG\r\n\x1A\n")) return "image/png";
  return {};
}

// Coded labels as forms write them that the dictionary spells otherwise.
void NormalizeLabels(Dossier& d, const cadre::CodeTables& tables,
                     std::vector<std::string>& warnings) {
  static const std::map<std::string, std::string, std::less<>> kLevelAliases = {
      {"大学本科", "大学"},
      {"本科", "大学"},
      {"大学专科", "大专"},
      {"专科", "大专"},
      {"中等专科", "中专"},
      {"研究生（硕士）", "硕士研究生"},
      {"研究生（博士）", "博士研究生"}};
  for (auto it = d.education.begin(); it != d.education.end();) {
    if (!tables.ByLabel(cadre::kDictEducationLevel, it->level.label)) {
      auto alias = kLevelAliases.find(it->level.label);
      if (alias != kLevelAliases.end()) {
        it->level.label = alias->second;
      } else {
        warnings.push_back("学历“" + it->level.label +
                           "”不在字典中，按原文保存，未作为结构化学历导入");
        it = d.education.erase(it);
        continue;
      }
    }
    if (!it->degree.label.empty() && !tables.ByLabel(cadre::kDictDegree, it->degree.label)) {
      warnings.push_back("学位“" + it->degree.label + "”不在字典中，按原文保存");
      it->degree.label.clear();
    }
    ++it;
  }
  for (cadre::FamilyMember& member : d.family) {
    if (!member.political_status.label.empty() &&
        !tables.ByLabel(cadre::kDictParty, member.political_status.label)) {
      warnings.push_back("家庭成员" + member.name + "的政治面貌“" + member.political_status.label +
                         "”不在字典中，未导入");
      member.political_status.label.clear();
    }
  }
}

LrmxFileResult ErrorResult(const std::string& name, const base::Status& status) {
  LrmxFileResult r;
  r.name = name;
  r.outcome = LrmxOutcome::kError;
  r.message = status.message();
  r.field = status.field();
  return r;
}

base::Result<LrmxDocument> ReadDocument(const LrmxFile& file) {
  if (EndsWithNoCase(file.name, ".lrm")) return ParseLrm(file.bytes, file.photo);
  return ParseLrmx(file.bytes);
}

base::Status StoreExtras(store::Transaction& tx, cadre::CadreId id, const std::string& version,
                         const std::string& unknown_xml, base::Timestamp at) {
  return tx.ExecuteDeferred(
      "INSERT INTO cadre_lrmx_extras (cadre_id, version, unknown_elements, updated_at) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (cadre_id) DO UPDATE SET version = excluded.version, "
      "unknown_elements = excluded.unknown_elements, updated_at = excluded.updated_at",
      {id, version, unknown_xml, at.ToRfc3339()});
}

// Everything of a file that goes with the record besides the dossier itself. `new_record`: the
// record was inserted in this transaction, so it has no kept texts to replace yet.
base::Status StoreFormParts(store::Transaction& tx, cadre::CadreId id, bool new_record,
                            const LrmxDocument& doc, const LrmxImport& imported,
                            const Dossier& stored, base::Timestamp at,
                            std::vector<std::string>& warnings) {
  const std::vector<cadre::KeptText> kept = LrmxKeptTexts(doc, imported, stored);
  RETURN_IF_ERROR(new_record ? cadre::AddKeptTexts(tx, id, kept)
                             : cadre::StoreKeptTexts(tx, id, kept));
  RETURN_IF_ERROR(StoreExtras(tx, id, imported.version, imported.unknown_xml, at));
  if (!imported.photo.empty()) {
    const std::string type = ContentTypeOf(imported.photo);
    if (type.empty()) {
      warnings.push_back("照片不是 JPEG 或 PNG 图片，未导入");
    } else {
      RETURN_IF_ERROR(cadre::DossierRepository(tx).SetPhoto(id, {type, imported.photo}, at));
    }
  }
  return base::Status::Ok();
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}

}  // namespace

std::optional<ExistingChoice> ExistingChoiceFromName(std::string_view name) {
  if (name == "ask") return ExistingChoice::kAsk;
  if (name == "keep") return ExistingChoice::kKeep;
  if (name == "replace") return ExistingChoice::kReplace;
  if (name == "merge") return ExistingChoice::kMerge;
  return std::nullopt;
}

std::string_view LrmxOutcomeName(LrmxOutcome outcome) {
  switch (outcome) {
    case LrmxOutcome::kImported:
      return "imported";
    case LrmxOutcome::kReplaced:
      return "replaced";
    case LrmxOutcome::kMerged:
      return "merged";
    case LrmxOutcome::kKept:
      return "kept";
    case LrmxOutcome::kExists:
      return "exists";
    case LrmxOutcome::kChecked:
      return "checked";
    case LrmxOutcome::kError:
      return "error";
  }
  return "error";
}

std::vector<ExpandedFile> ExpandUploads(std::vector<LrmxFile> uploads) {
  std::vector<ExpandedFile> out;
  for (LrmxFile& upload : uploads) {
    if (!EndsWithNoCase(upload.name, ".zip") && !upload.bytes.starts_with("PK\x03\x04")) {
      out.push_back({std::move(upload), {}});
      continue;
    }
    auto fail = [&](std::string message) {
      out.push_back({{upload.name, {}, {}}, std::move(message)});
    };
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source =
        zip_source_buffer_create(upload.bytes.data(), upload.bytes.size(), 0, &error);
    if (source == nullptr) {
      fail("无法读取压缩包");
      continue;
    }
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (archive == nullptr) {
      zip_source_free(source);
      fail("不是有效的 zip 压缩包（文件损坏或不完整）");
      continue;
    }
    const zip_int64_t count = zip_get_num_entries(archive, 0);
    if (count < 0 || static_cast<size_t>(count) > kMaxZipMembers) {
      zip_close(archive);
      fail("压缩包中的文件超过 20000 个");
      continue;
    }
    std::vector<ExpandedFile> members;
    std::map<std::string, std::string> pictures;  // stem (lower case, with folder) → bytes
    std::uint64_t total = 0;
    std::string failure;
    for (zip_int64_t i = 0; i < count && failure.empty(); ++i) {
      const char* raw = zip_get_name(archive, zip_uint64_t(i), ZIP_FL_ENC_RAW);
      if (raw == nullptr) continue;
      std::string name = raw;
      if (!IsValidUtf8(name)) {
        auto converted = ConvertToUtf8(name, "GB18030", "GBK");
        name = converted.ok() ? *converted : std::string("（文件名无法识别）");
      }
      if (name.ends_with("/") || name.find("__MACOSX") != std::string::npos) continue;
      const bool lrmx = EndsWithNoCase(name, ".lrmx");
      const bool lrm = EndsWithNoCase(name, ".lrm");
      const bool pic = EndsWithNoCase(name, ".pic");
      if (!lrmx && !lrm && !pic) continue;
      const std::string shown = upload.name + "/" + name;
      zip_stat_t stat;
      zip_stat_init(&stat);
      if (zip_stat_index(archive, zip_uint64_t(i), 0, &stat) != 0) {
        members.push_back({{shown, {}, {}}, "压缩包中的文件无法读取"});
        continue;
      }
      if (stat.size > kMaxZipMemberBytes) {
        members.push_back({{shown, {}, {}}, "文件超过 20 MB，不是正常的任免审批表文件"});
        continue;
      }
      if (stat.size > (1u << 20) && stat.comp_size > 0 &&
          stat.size / stat.comp_size > kMaxZipRatio) {
        failure = "压缩包的压缩比异常（疑似压缩炸弹），未读取";
        break;
      }
      total += stat.size;
      if (total > kMaxZipTotalBytes) {
        failure = "压缩包解压后超过 1 GB，请分批导入";
        break;
      }
      zip_file_t* entry = zip_fopen_index(archive, zip_uint64_t(i), 0);
      if (entry == nullptr) {
        members.push_back({{shown, {}, {}}, "压缩包中的文件无法读取（可能已加密或损坏）"});
        continue;
      }
      // Read at most the declared size plus one byte: a member that inflates beyond its
      // declared size is refused rather than followed.
      std::string bytes(stat.size + 1, '\0');
      zip_int64_t got = 0;
      while (got < zip_int64_t(bytes.size())) {
        const zip_int64_t n = zip_fread(entry, bytes.data() + got, bytes.size() - size_t(got));
        if (n <= 0) break;
        got += n;
      }
      zip_fclose(entry);
      if (got != zip_int64_t(stat.size)) {
        members.push_back({{shown, {}, {}}, "压缩包中的文件已损坏或大小与记录不符"});
        continue;
      }
      bytes.resize(size_t(got));
      if (pic) {
        pictures[StemOf(name)] = std::move(bytes);
      } else {
        members.push_back({{shown, std::move(bytes), {}}, {}});
      }
    }
    zip_close(archive);
    if (!failure.empty()) {
      fail(failure);
      continue;
    }
    for (ExpandedFile& member : members) {
      if (EndsWithNoCase(member.file.name, ".lrm")) {
        auto it = pictures.find(StemOf(member.file.name.substr(upload.name.size() + 1)));
        if (it != pictures.end()) member.file.photo = it->second;
      }
      out.push_back(std::move(member));
    }
  }
  return out;
}

struct LrmxService::RunData {
  org::UnitId unit_id;
  cadre::CodeTables tables;
};

base::Result<std::vector<LrmxFileResult>> LrmxService::Import(
    const access::Actor& actor, const std::vector<ExpandedFile>& files,
    const LrmxImportOptions& options, jobs::JobContext* context) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreWrite));
  // Read once here rather than again in every file's transaction: on PostgreSQL each statement
  // is a round trip. Each file's write still checks that the unit exists (CheckUnits).
  RunData run;
  RETURN_IF_ERROR(db_.Transact(store::TxMode::kRead, [&](store::Transaction& tx) -> base::Status {
    auto unit = org::OrgRepository(tx).FindUnitByCode(options.unit_code);
    if (!unit.ok() && unit.status().code() == base::StatusCode::kNotFound)
      return base::NotFound("单位代码“" + options.unit_code + "”不存在", "unit");
    if (!unit.ok()) return unit.status();
    run.unit_id = unit->id;
    ASSIGN_OR_RETURN(run.tables, cadre::LoadCodeTables(tx));
    return base::Status::Ok();
  }));
  std::vector<LrmxFileResult> results;
  const std::int64_t total = std::int64_t(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    if (context != nullptr && context->Cancelled()) break;
    const ExpandedFile& file = files[i];
    if (!file.error.empty()) {
      results.push_back(ErrorResult(file.file.name, base::InvalidArgument(file.error, "file")));
    } else {
      auto one = ImportFile(actor, file.file, options, &run);
      results.push_back(one.ok() ? std::move(*one) : ErrorResult(file.file.name, one.status()));
    }
    if (context != nullptr) {
      context->Report(std::int64_t(i + 1), total,
                      (options.dry_run ? "已检查 " : "已导入 ") + std::to_string(i + 1) + "/" +
                          std::to_string(total) + " 个文件");
    }
  }
  return results;
}

base::Result<LrmxFileResult> LrmxService::ImportOne(const access::Actor& actor,
                                                    const LrmxFile& file,
                                                    const LrmxImportOptions& options) {
  return ImportFile(actor, file, options, nullptr);
}

base::Result<LrmxFileResult> LrmxService::ImportFile(const access::Actor& actor,
                                                     const LrmxFile& file,
                                                     const LrmxImportOptions& options,
                                                     const RunData* run) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreWrite));
  auto document = ReadDocument(file);
  if (!document.ok()) return ErrorResult(file.name, document.status());
  auto mapped = ImportLrmx(*document);
  if (!mapped.ok()) return ErrorResult(file.name, mapped.status());
  const LrmxDocument& doc = *document;
  const LrmxImport& imported = *mapped;
  const base::Timestamp now = clock_.Now();

  LrmxFileResult result;
  // A per-file problem (validation) ends the transaction without writing and is reported in
  // the result; `file_error` tells it from a failure of the store.
  std::optional<base::Status> file_error;
  const base::Status status = db_.Transact(
      options.dry_run ? store::TxMode::kRead : store::TxMode::kWrite,
      [&](store::Transaction& tx) -> base::Status {
        result = LrmxFileResult{};
        result.name = file.name;
        result.warnings = imported.warnings;
        file_error.reset();
        auto reject = [&](base::Status s) {
          file_error = s;
          return s;
        };
        Dossier dossier = imported.dossier;
        std::optional<cadre::CodeTables> loaded_tables;
        if (run != nullptr) {
          dossier.unit_id = run->unit_id;
        } else {
          ASSIGN_OR_RETURN(org::Unit unit,
                           org::OrgRepository(tx).FindUnitByCode(options.unit_code));
          dossier.unit_id = unit.id;
          ASSIGN_OR_RETURN(loaded_tables, cadre::LoadCodeTables(tx));
        }
        const cadre::CodeTables& tables = run != nullptr ? run->tables : *loaded_tables;
        // One per attempt, shared by every read and write of keys below: each data key is looked
        // up and unwrapped once per file.
        crypto::DataKeys keys(tx, keyring_);
        dossier.managing_body = options.managing_body;
        NormalizeLabels(dossier, tables, result.warnings);
        auto validated = cadre::ValidateDossier(dossier, tables, now.ShanghaiDate());
        if (!validated.ok()) return reject(validated.status());

        std::optional<cadre::CadreId> existing;
        if (dossier.id_number) {
          ASSIGN_OR_RETURN(existing, cadre::FindByIdNumber(tx, keys, *dossier.id_number));
        }
        if (!existing) {
          // Whether the new record would be in the actor's scope, checked before writing it (no
          // statement at all for an actor who sees every cadre): the same answer as reading it
          // back once written, since a new record is nobody's own.
          ASSIGN_OR_RETURN(cadre::ScopePredicate scope, cadre::ScopeOf(tx, actor));
          ASSIGN_OR_RETURN(bool visible,
                           cadre::DossierRepository(tx).WouldBeVisible(dossier, scope));
          if (!visible) return reject(base::NotFound(kOutsideScope, "unit"));
          if (options.dry_run) {
            result.outcome = LrmxOutcome::kChecked;
            return base::Status::Ok();
          }
          // The search keys go into the UPDATE of the sealed parts.
          ASSIGN_OR_RETURN(cadre::CadreId id, cadre::InsertDossier(tx, keys, dossier, now,
                                                                   cadre::ChangeLogActor(actor),
                                                                   cadre::WithSearchKeys::kYes));
          dossier.id = id;
          RETURN_IF_ERROR(StoreFormParts(tx, id, /*new_record=*/true, doc, imported, dossier, now,
                                         result.warnings));
          RETURN_IF_ERROR(recorder_.Write(tx, actor, "cadre.import_lrmx", "cadre",
                                          std::to_string(id.value()),
                                          {{"file", file.name}, {"outcome", "imported"}}));
          result.outcome = LrmxOutcome::kImported;
          result.id = id;
          return base::Status::Ok();
        }

        // The person is on record: compare the form's fields.
        cadre::DossierRepository repository(tx);
        ASSIGN_OR_RETURN(cadre::ScopePredicate scope, cadre::ScopeOf(tx, actor));
        auto loaded = repository.Load(*existing, scope);
        if (!loaded.ok() && loaded.status().code() == base::StatusCode::kNotFound) {
          return reject(base::AlreadyExists(
              "该身份证号的干部已在库中，但不在您的管理范围内，不能导入", "ShenFenZheng"));
        }
        if (!loaded.ok()) return loaded.status();
        cadre::StoredDossier stored = std::move(*loaded);
        RETURN_IF_ERROR(cadre::OpenConfidential(keys, stored));
        const json before = cadre::EncodeDossierFields(stored.dossier);
        const json from_file = cadre::EncodeDossierFields(dossier);
        json candidate = before;
        for (std::string_view field : kFormFields) {
          // A form's 现任职务 is one text post: structured posts on record stay.
          if (field == "posts" && !stored.dossier.posts.empty()) continue;
          CopyField(from_file, candidate, field);
        }
        result.id = *existing;
        for (const cadre::JsonFieldChange& change : cadre::Diff(before, candidate)) {
          if (change.field.ends_with("_code")) continue;
          const bool readable =
              !cadre::IsDossierConfidentialKey(change.field) || cadre::MayRead(actor, change.field);
          result.diff.push_back(
              {change.field,
               readable ? cadre::DumpJson(change.old_value) : std::string("\"（无权查看）\""),
               readable ? cadre::DumpJson(change.new_value) : std::string("\"（无权查看）\"")});
        }
        ExistingChoice choice = options.existing;
        if (choice == ExistingChoice::kAsk) {
          result.outcome = LrmxOutcome::kExists;
          return base::Status::Ok();
        }
        if (choice == ExistingChoice::kKeep) {
          result.outcome = LrmxOutcome::kKept;
          if (options.dry_run) return base::Status::Ok();
          return recorder_.Write(tx, actor, "cadre.import_lrmx", "cadre",
                                 std::to_string(existing->value()),
                                 {{"file", file.name}, {"outcome", "kept"}});
        }
        json next_json = before;
        if (choice == ExistingChoice::kReplace) {
          next_json = candidate;
        } else {
          for (const std::string& field : options.merge_fields) {
            if (!IsFormField(field)) {
              return reject(
                  base::InvalidArgument("“" + field + "”不是任免审批表中的字段", "fields"));
            }
            CopyField(from_file, next_json, field);
          }
        }
        for (std::string_view key : cadre::kDossierConfidentialKeys) {
          if (next_json[std::string(key)] != before[std::string(key)] &&
              !cadre::MayRead(actor, key)) {
            return reject(base::PermissionDenied("无权修改保密信息（" + std::string(key) + "）"));
          }
        }
        auto decoded = cadre::DecodeDossier(next_json);
        if (!decoded.ok()) return reject(decoded.status());
        Dossier next = std::move(*decoded);
        auto revalidated = cadre::ValidateDossier(next, tables, now.ShanghaiDate());
        if (!revalidated.ok()) return reject(revalidated.status());
        next.id = *existing;
        result.outcome =
            choice == ExistingChoice::kReplace ? LrmxOutcome::kReplaced : LrmxOutcome::kMerged;
        if (options.dry_run) return base::Status::Ok();
        const cadre::FieldChanges changes = cadre::Diff(before, cadre::EncodeDossierFields(next));
        std::vector<std::string> names;
        for (const cadre::JsonFieldChange& c : changes) names.push_back(c.field);
        if (!changes.empty()) {
          ASSIGN_OR_RETURN(next.version, repository.Replace(next, stored.dossier.version, now));
          RETURN_IF_ERROR(cadre::StoreConfidential(tx, keys, next, cadre::WithSearchKeys::kYes));
          RETURN_IF_ERROR(cadre::AppendDossierChange(tx, keys, next.id, next.managing_unit_id,
                                                     next.version, now,
                                                     cadre::ChangeLogActor(actor), changes)
                              .status());
        }
        RETURN_IF_ERROR(StoreFormParts(tx, next.id, /*new_record=*/false, doc, imported, next, now,
                                       result.warnings));
        return recorder_.Write(tx, actor, "cadre.import_lrmx", "cadre",
                               std::to_string(next.id.value()),
                               {{"file", file.name},
                                {"outcome", std::string(LrmxOutcomeName(result.outcome))},
                                {"fields", JoinNames(names)}});
      });
  if (file_error && !status.ok()) return ErrorResult(file.name, *file_error);
  if (!status.ok()) return status;
  return result;
}

base::Status LrmxService::SavePending(const access::Actor& actor, std::string_view batch,
                                      const LrmxFile& file) {
  const base::Timestamp now = clock_.Now();
  return db_.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    RETURN_IF_ERROR(tx.Execute("DELETE FROM lrmx_pending_files WHERE created_at < ?",
                               {now.Plus(-std::chrono::hours(24)).ToRfc3339()})
                        .status());
    return tx
        .Execute(
            "INSERT INTO lrmx_pending_files (batch, name, owner, bytes, photo, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (batch, name) DO UPDATE SET "
            "bytes = excluded.bytes, photo = excluded.photo",
            {std::string(batch), file.name, actor.username, Base64Encode(file.bytes),
             Base64Encode(file.photo), now.ToRfc3339()})
        .status();
  });
}

base::Result<LrmxFile> LrmxService::TakePending(const access::Actor& actor, std::string_view batch,
                                                std::string_view name) {
  return db_.TransactValue<LrmxFile>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<LrmxFile> {
        ASSIGN_OR_RETURN(store::Row row,
                         tx.QueryOne("SELECT bytes, photo FROM lrmx_pending_files "
                                     "WHERE batch = ? AND name = ? AND owner = ?",
                                     {std::string(batch), std::string(name), actor.username},
                                     "没有待处理的文件“" + std::string(name) +
                                         "”（已处理或已过期，请重新导入）"));
        LrmxFile file;
        file.name = std::string(name);
        ASSIGN_OR_RETURN(file.bytes, Base64Decode(row.Text(0), "name"));
        ASSIGN_OR_RETURN(file.photo, Base64Decode(row.Text(1), "name"));
        RETURN_IF_ERROR(tx.Execute("DELETE FROM lrmx_pending_files WHERE batch = ? AND name = ?",
                                   {std::string(batch), std::string(name)})
                            .status());
        return file;
      });
}

std::vector<store::Migration> LrmxMigrations() {
  return {
      // Files of an LRMX import whose person already exists, until the user chooses per file
      // (keep / replace / merge). Base64 text: the same column type on both engines.
      {2026112981, "interchange: LRMX files awaiting the choice for an existing person", R"sql(
CREATE TABLE lrmx_pending_files (
  batch TEXT NOT NULL,
  name TEXT NOT NULL,
  owner TEXT NOT NULL,
  bytes TEXT NOT NULL,
  photo TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (batch, name)
);
CREATE INDEX lrmx_pending_files_created ON lrmx_pending_files(created_at);
)sql",
       ""},
  };
}

base::Result<LrmxExport> LrmxService::Export(const access::Actor& actor, cadre::CadreId id) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreExport));
  if (!cadre::MayRead(actor, "id_number") || !cadre::MayRead(actor, "family")) {
    return base::PermissionDenied(
        "任免审批表含身份证号和家庭成员等保密信息，您的密级不能查看，无法导出 LRMX");
  }
  return db_.TransactValue<LrmxExport>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<LrmxExport> {
        ASSIGN_OR_RETURN(cadre::ScopePredicate scope, cadre::ScopeOf(tx, actor));
        cadre::DossierRepository repository(tx);
        ASSIGN_OR_RETURN(cadre::StoredDossier stored, repository.Load(id, scope));
        RETURN_IF_ERROR(cadre::OpenConfidential(tx, keyring_, stored));
        ASSIGN_OR_RETURN(std::vector<cadre::KeptText> kept, cadre::LoadKeptTexts(tx, id));
        ASSIGN_OR_RETURN(store::Rows extras,
                         tx.Query("SELECT version, unknown_elements FROM cadre_lrmx_extras "
                                  "WHERE cadre_id = ?",
                                  {id}));
        ASSIGN_OR_RETURN(std::optional<cadre::StoredPhoto> photo, repository.Photo(id));
        const std::string version = extras.empty() ? std::string() : extras[0].Text(0);
        const std::string unknown = extras.empty() ? std::string() : extras[0].Text(1);
        const LrmxDocument doc = ExportLrmx(stored.dossier, kept,
                                            photo ? photo->bytes : std::string(), version, unknown);
        RETURN_IF_ERROR(recorder_.Write(tx, actor, "cadre.export_lrmx", "cadre",
                                        std::to_string(id.value()),
                                        {{"fields", "id_number,family"}}));
        return LrmxExport{stored.dossier.name + ".lrmx", WriteLrmx(doc)};
      });
}

}  // namespace xr::interchange
