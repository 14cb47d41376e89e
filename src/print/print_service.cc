#include "print/print_service.h"

#include <chrono>
#include <set>

#include "access/permission.h"
#include "cadre/cadre_fields.h"
#include "cadre/cadre_permissions.h"
#include "cadre/cadre_scope.h"
#include "cadre/dossier_repository.h"
#include "cadre/rmb_text.h"
#include "print/pdf_renderer.h"
#include "print/rmb_content.h"
#include "print/rmb_layout.h"
#include "print/zip_writer.h"

namespace xr::print {
namespace {

// Forms loaded per write transaction in a batch (each with its audit entry); they are drawn
// after the transaction ends, so the database is never held while cairo works.
constexpr std::size_t kBatchChunk = 25;

struct LoadedForm {
  cadre::Dossier dossier;
  cadre::RmbTexts texts;
  RmbRedaction redaction;
  std::string photo;
};

// The renderer of this thread (a pango font map is not shared between threads).
base::Result<RmbRenderer*> ThreadRenderer() {
  thread_local std::unique_ptr<RmbRenderer> renderer;
  if (!renderer) {
    auto created = RmbRenderer::Create();
    if (!created.ok()) return created.status();
    renderer = std::move(*created);
  }
  return renderer.get();
}

// One form's dossier, texts and photo, with the parts the reader may not see left out, and its
// `cadre.print_rmb` entry. NotFound when missing or outside `scope`.
base::Result<LoadedForm> LoadForm(store::Transaction& tx, const access::Actor& actor,
                                  const crypto::Keyring& keyring, const access::Recorder& recorder,
                                  const cadre::ScopePredicate& scope, cadre::CadreId id,
                                  std::string_view batch) {
  cadre::DossierRepository repository(tx);
  ASSIGN_OR_RETURN(cadre::StoredDossier stored, repository.Load(id, scope));
  const bool id_cleared = cadre::MayRead(actor, cadre::kIdNumberField);
  const bool family_cleared = cadre::MayRead(actor, cadre::kFamilyField);
  const bool has_id = stored.id_number_sealed.has_value();
  const bool has_family = stored.family_sealed.has_value();
  if (id_cleared || family_cleared) RETURN_IF_ERROR(cadre::OpenConfidential(tx, keyring, stored));
  LoadedForm form;
  form.dossier = std::move(stored.dossier);
  form.dossier.personal_matters = {};  // not on the form
  if (!id_cleared) form.dossier.id_number.reset();
  if (!family_cleared) form.dossier.family.clear();
  form.redaction = {.id_number = !id_cleared && has_id, .family = !family_cleared};
  ASSIGN_OR_RETURN(form.texts, cadre::LoadRmbTexts(tx, form.dossier));
  if (form.dossier.has_photo) {
    ASSIGN_OR_RETURN(std::optional<cadre::StoredPhoto> photo, repository.Photo(id));
    if (photo) form.photo = std::move(photo->bytes);
  }
  std::string confidential;
  if (id_cleared && has_id) confidential = std::string(cadre::kIdNumberField);
  if (family_cleared && has_family) {
    confidential += (confidential.empty() ? "" : ",") + std::string(cadre::kFamilyField);
  }
  access::Recorder::Details details{{"confidential", confidential}};
  if (!batch.empty()) details.emplace_back("batch", std::string(batch));
  RETURN_IF_ERROR(recorder.Write(tx, actor, "cadre.print_rmb", "cadre", std::to_string(id.value()),
                                 std::move(details)));
  return form;
}

RmbLayout LayoutOf(const LoadedForm& form, base::Date today, const TextMetrics& metrics) {
  return LayoutRmb(
      RmbContentFor(form.dossier, form.texts, today, !form.photo.empty(), form.redaction), metrics);
}

// Names in files: no path separators or characters Windows refuses.
std::string SafeName(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (std::string_view("/\\:*?\"<>|").find(c) != std::string_view::npos ||
        static_cast<unsigned char>(c) < 0x20) {
      out += '_';
    } else {
      out += c;
    }
  }
  return out.empty() ? std::string("未命名") : out;
}

// MS-DOS date and time of `at` in Asia/Shanghai (zip entries).
std::pair<std::uint16_t, std::uint16_t> DosDateTime(base::Timestamp at) {
  using namespace std::chrono;
  const auto local = floor<seconds>(at.time_point() + hours(8));
  const auto day = floor<days>(local);
  const year_month_day ymd(day);
  const hh_mm_ss<seconds> time(local - day);
  const int year = std::max(1980, int(ymd.year()));
  const auto date = static_cast<std::uint16_t>(((year - 1980) << 9) | (unsigned(ymd.month()) << 5) |
                                               unsigned(ymd.day()));
  const auto clock = static_cast<std::uint16_t>(
      (time.hours().count() << 11) | (time.minutes().count() << 5) | (time.seconds().count() / 2));
  return {date, clock};
}

}  // namespace

base::Result<PrintedFile> PrintService::PrintRmb(const access::Actor& actor, cadre::CadreId id) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreRead));
  ASSIGN_OR_RETURN(RmbRenderer * renderer, ThreadRenderer());
  const base::Timestamp now = clock_.Now();
  ASSIGN_OR_RETURN(
      LoadedForm form,
      db_.TransactValue<LoadedForm>(
          store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<LoadedForm> {
            ASSIGN_OR_RETURN(cadre::ScopePredicate scope, cadre::ScopeOf(tx, actor));
            return LoadForm(tx, actor, keyring_, recorder_, scope, id, "");
          }));
  const RmbLayout layout = LayoutOf(form, now.ShanghaiDate(), renderer->metrics());
  ASSIGN_OR_RETURN(std::string pdf, renderer->Render(layout, form.photo,
                                                     {"干部任免审批表 " + form.texts.name, now}));
  return PrintedFile{"任免审批表-" + SafeName(form.texts.name) + ".pdf", "application/pdf",
                     std::move(pdf)};
}

base::Status PrintService::CheckBatch(const access::Actor& actor, std::size_t count,
                                      BatchFormat format) const {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreRead));
  if (count == 0) return base::InvalidArgument("请选择要打印任免审批表的干部", "cadre_ids");
  if (count > kMaxBatchForms) {
    return base::InvalidArgument(
        "一次最多打印 " + std::to_string(kMaxBatchForms) + " 份任免审批表，请分批打印",
        "cadre_ids");
  }
  if (format == BatchFormat::kZip && count > kMaxZipForms) {
    return base::InvalidArgument("压缩包一次最多 " + std::to_string(kMaxZipForms) +
                                     " 份（每份 PDF 各自嵌入字体）；更多请选择合并为一个 PDF",
                                 "format");
  }
  return base::Status::Ok();
}

base::Result<std::vector<cadre::CadreId>> PrintService::CadresMatching(
    const access::Actor& actor, const search::Condition& condition, base::Date reference_date) {
  RETURN_IF_ERROR(access::Require(actor, cadre::kCadreRead));
  ASSIGN_OR_RETURN(
      store::Rows rows,
      db_.TransactValue<store::Rows>(
          store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<store::Rows> {
            ASSIGN_OR_RETURN(search::SqlPredicate where,
                             search::CompileForActor(tx, actor, condition, reference_date));
            store::Params params = std::move(where.params);
            params.emplace_back(static_cast<std::int64_t>(kMaxBatchForms + 1));
            return tx.Query("SELECT c.id FROM cadres c JOIN units u ON u.id = c.unit_id WHERE " +
                                where.sql + " ORDER BY u.sort_key, c.sort_order, c.id LIMIT ?",
                            params);
          }));
  if (rows.empty()) return base::InvalidArgument("没有符合条件的干部", "condition");
  if (rows.size() > kMaxBatchForms) {
    return base::InvalidArgument(
        "符合条件的干部超过 " + std::to_string(kMaxBatchForms) + " 人，请缩小查询范围后分批打印",
        "condition");
  }
  std::vector<cadre::CadreId> ids;
  for (const store::Row& row : rows) ids.emplace_back(row.Int(0));
  return ids;
}

base::Result<BatchResult> PrintService::PrintRmbBatch(const access::Actor& actor,
                                                      const std::vector<cadre::CadreId>& ids,
                                                      BatchFormat format,
                                                      jobs::JobContext& context) {
  std::vector<cadre::CadreId> unique;
  std::set<std::int64_t> seen;
  for (cadre::CadreId id : ids)
    if (seen.insert(id.value()).second) unique.push_back(id);
  RETURN_IF_ERROR(CheckBatch(actor, unique.size(), format));
  ASSIGN_OR_RETURN(RmbRenderer * renderer, ThreadRenderer());
  const base::Timestamp now = clock_.Now();
  const base::Date today = now.ShanghaiDate();
  const std::string batch_label =
      (format == BatchFormat::kZip ? "zip:" : "pdf:") + std::to_string(unique.size());

  BatchResult result;
  ZipWriter zip;
  const auto [dos_date, dos_time] = DosDateTime(now);
  std::unique_ptr<RmbRenderer::Document> document;
  if (format == BatchFormat::kPdf) {
    ASSIGN_OR_RETURN(document,
                     renderer->StartDocument(
                         {"干部任免审批表（" + std::to_string(unique.size()) + "人）", now}));
  }
  const auto total = static_cast<std::int64_t>(unique.size());
  context.Report(0, total, "正在生成任免审批表");
  for (std::size_t start = 0; start < unique.size(); start += kBatchChunk) {
    if (context.Cancelled()) return base::FailedPrecondition("已取消");
    const std::size_t end = std::min(unique.size(), start + kBatchChunk);
    std::vector<std::optional<LoadedForm>> forms;
    ASSIGN_OR_RETURN(
        forms,
        db_.TransactValue<std::vector<std::optional<LoadedForm>>>(
            store::TxMode::kWrite,
            [&](store::Transaction& tx) -> base::Result<std::vector<std::optional<LoadedForm>>> {
              ASSIGN_OR_RETURN(cadre::ScopePredicate scope, cadre::ScopeOf(tx, actor));
              std::vector<std::optional<LoadedForm>> loaded;
              for (std::size_t i = start; i < end; ++i) {
                auto form = LoadForm(tx, actor, keyring_, recorder_, scope, unique[i], batch_label);
                if (!form.ok() && form.status().code() != base::StatusCode::kNotFound)
                  return form.status();
                loaded.push_back(form.ok() ? std::optional(std::move(*form)) : std::nullopt);
              }
              return loaded;
            }));
    for (std::size_t i = start; i < end; ++i) {
      if (context.Cancelled()) return base::FailedPrecondition("已取消");
      std::optional<LoadedForm>& form = forms[i - start];
      if (!form) {
        result.skipped.push_back({unique[i], "干部不存在或不在您的管理范围内"});
      } else {
        const RmbLayout layout = LayoutOf(*form, today, renderer->metrics());
        if (document) {
          RETURN_IF_ERROR(document->AddForm(layout, form->photo));
        } else {
          ASSIGN_OR_RETURN(
              std::string pdf,
              renderer->Render(layout, form->photo, {"干部任免审批表 " + form->texts.name, now}));
          RETURN_IF_ERROR(zip.Add("任免审批表-" + SafeName(form->texts.name) + "-" +
                                      std::to_string(unique[i].value()) + ".pdf",
                                  pdf, dos_date, dos_time));
        }
        ++result.printed;
        form.reset();
      }
      context.Report(
          static_cast<std::int64_t>(i + 1), total,
          "已生成 " + std::to_string(i + 1) + "/" + std::to_string(total) + " 份任免审批表");
    }
  }
  if (result.printed == 0) {
    return base::NotFound("所选干部均不存在或不在您的管理范围内", "cadre_ids");
  }
  const std::string base_name = "任免审批表（" + std::to_string(result.printed) + "人）";
  if (document) {
    ASSIGN_OR_RETURN(std::string pdf, document->Finish());
    result.file = {base_name + ".pdf", "application/pdf", std::move(pdf)};
  } else {
    result.file = {base_name + ".zip", "application/zip", zip.Finish()};
  }
  return result;
}

}  // namespace xr::print
