// PrintService on both engines: the form of a stored dossier as its reader may see it, the
// record of each print, data scope, and batches as a zip (read back with libzip) or one PDF.

#include "print/print_service.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <fstream>
#include <sstream>

#include "cadre/dossier_json.h"
#include "cadre/dossier_sample.h"
#include "cadre/dossier_service.h"
#include "org/org_service.h"
#include "print/pdf_tools.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::print {
namespace {

using Kind = access::ScopeRule::Kind;
using testing::PdfPages;
using testing::PdfText;

std::string Jpeg() {
  std::ifstream in(std::string(XR_PRINT_TEST_DATA) + "/photo.jpg", std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

// The names and contents of a zip, read with libzip.
std::vector<std::pair<std::string, std::string>> Unzip(const std::string& bytes) {
  std::vector<std::pair<std::string, std::string>> files;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive =
      source ? zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) : nullptr;
  EXPECT_NE(archive, nullptr) << zip_error_strerror(&error);
  if (!archive) {
    if (source) zip_source_free(source);
    return files;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t stat;
    zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat);
    std::string content(stat.size, '\0');
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    EXPECT_EQ(zip_fread(file, content.data(), stat.size), static_cast<zip_int64_t>(stat.size));
    zip_fclose(file);
    files.emplace_back(stat.name, std::move(content));
  }
  zip_close(archive);
  return files;
}

class PrintServiceTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(xr::testing::SetUpAccess(db(), clock_).ok());
    org::OrgService org(db(), *audit_);
    auto add = [&](std::optional<org::UnitId> parent, std::string code, std::string name) {
      return org
          .AddUnit(officer_, {parent, code, name, "", org::UnitType::kGovernment,
                              org::UnitLevel::kMunicipal, 0})
          ->id;
    };
    city_ = add(std::nullopt, "JH", "江华市");
    finance_ = add(city_, "JH01", "江华市财政局");
    audit_office_ = add(city_, "JH02", "江华市审计局");
    dossiers_ =
        std::make_unique<cadre::DossierService>(db(), clock_, *audit_, xr::testing::TestKeyring());
    service_ = std::make_unique<PrintService>(db(), clock_, *audit_, xr::testing::TestKeyring());
    cadre::Dossier d = cadre::testing::SampleDossier(finance_, city_);
    d.appointment.proposed_post = "江华市人民政府副市长";
    d.appointment.reporting_unit = "中共江华市委组织部";
    wang_ = Create(d);
    cadre::Dossier other = cadre::testing::SampleDossier(audit_office_, city_);
    other.name = "赵敏";
    other.gender = {"女", "2"};
    other.id_number = "210203198001011226";
    other.family.clear();
    zhao_ = Create(other);
  }

  cadre::CadreId Create(const cadre::Dossier& d) {
    auto id = dossiers_->Create(officer_, cadre::EncodeDossierFields(d).dump());
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : cadre::CadreId();
  }

  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-27T02:00:00Z")};
  std::unique_ptr<audit::AuditLog> audit_ = xr::testing::MakeAuditLog(clock_);
  access::Actor officer_ =
      xr::testing::MakeActor("ganbu", {"cadre.read", "cadre.write", "org.read", "org.write"});
  // Reads dossiers but is not cleared for confidential fields.
  access::Actor clerk_ = xr::testing::MakeActor("wenshu", {"cadre.read"}, {access::ScopeRule{}},
                                                access::Clearance::kInternal);
  org::UnitId city_, finance_, audit_office_;
  std::unique_ptr<cadre::DossierService> dossiers_;
  std::unique_ptr<PrintService> service_;
  cadre::CadreId wang_, zhao_;
};

TEST_P(PrintServiceTest, ClearedReaderGetsTheWholeFormAndThePrintIsRecorded) {
  auto file = service_->PrintRmb(officer_, wang_);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->file_name, "任免审批表-王建国.pdf");
  EXPECT_EQ(file->content_type, "application/pdf");
  EXPECT_EQ(PdfPages(file->bytes), 2);
  const std::string text = PdfText(file->bytes);
  for (const char* expected : {"王建国", "（51岁）", "江华市财政局局长", "江华市人民政府副市长",
                               "中共江华市委组织部", "210203197503151232", "李芳", "王小明"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "cadre.print_rmb"),
            std::vector<std::string>{"cadre:" + std::to_string(wang_.value())});
  ASSERT_EQ(AuditDetails("cadre.print_rmb").size(), 1u);
  EXPECT_NE(AuditDetails("cadre.print_rmb")[0].find("id_number,family"), std::string::npos)
      << AuditDetails("cadre.print_rmb")[0];
}

TEST_P(PrintServiceTest, UnclearedReaderGetsTheFormWithTheConfidentialPartsMarked) {
  auto file = service_->PrintRmb(clerk_, wang_);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  const std::string text = PdfText(file->bytes);
  EXPECT_NE(text.find("王建国"), std::string::npos);
  EXPECT_EQ(text.find("210203197503151232"), std::string::npos);
  EXPECT_EQ(text.find("李芳"), std::string::npos);
  EXPECT_NE(text.find("（无权查看）"), std::string::npos);
  ASSERT_EQ(AuditDetails("cadre.print_rmb").size(), 1u);
  EXPECT_EQ(AuditDetails("cadre.print_rmb")[0].find("id_number"), std::string::npos);
}

TEST_P(PrintServiceTest, ScopeAndPermission) {
  const access::Actor audit_only = xr::testing::MakeActor(
      "shenji", {"cadre.read"}, {{Kind::kUnitsBelow, {"JH02"}}}, access::Clearance::kSecret);
  EXPECT_EQ(service_->PrintRmb(audit_only, wang_).status().code(), base::StatusCode::kNotFound);
  EXPECT_TRUE(service_->PrintRmb(audit_only, zhao_).ok());
  EXPECT_EQ(service_->PrintRmb(officer_, cadre::CadreId(99999)).status().code(),
            base::StatusCode::kNotFound);
  const access::Actor nobody = xr::testing::MakeActor("xitong", {"org.read"});
  EXPECT_EQ(service_->PrintRmb(nobody, wang_).status().code(), base::StatusCode::kPermissionDenied);
  jobs::ImmediateJobContext context;
  EXPECT_EQ(service_->PrintRmbBatch(nobody, {wang_}, BatchFormat::kZip, context).status().code(),
            base::StatusCode::kPermissionDenied);
  // Only the in-scope form is printed and recorded.
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "cadre.print_rmb"),
            std::vector<std::string>{"cadre:" + std::to_string(zhao_.value())});
}

TEST_P(PrintServiceTest, StoredPhotoIsPrinted) {
  ASSERT_TRUE(dossiers_->SetPhoto(officer_, wang_, {"image/jpeg", Jpeg()}).ok());
  auto file = service_->PrintRmb(officer_, wang_);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_NE(file->bytes.find("/DCTDecode"), std::string::npos);
  EXPECT_NE(file->bytes.find(Jpeg().substr(0, 300)), std::string::npos);
}

TEST_P(PrintServiceTest, BatchAsZipSkipsWhatTheReaderCannotSee) {
  std::vector<std::tuple<std::int64_t, std::int64_t, std::string>> progress;
  jobs::ImmediateJobContext context(
      [&](std::int64_t done, std::int64_t total, const std::string& message) {
        progress.emplace_back(done, total, message);
      });
  auto result = service_->PrintRmbBatch(officer_, {wang_, cadre::CadreId(99999), zhao_, wang_},
                                        BatchFormat::kZip, context);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->printed, 2);
  ASSERT_EQ(result->skipped.size(), 1u);
  EXPECT_EQ(result->skipped[0].id, cadre::CadreId(99999));
  EXPECT_EQ(result->file.file_name, "任免审批表（2人）.zip");
  EXPECT_EQ(result->file.content_type, "application/zip");
  auto files = Unzip(result->file.bytes);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].first, "任免审批表-王建国-" + std::to_string(wang_.value()) + ".pdf");
  EXPECT_EQ(files[1].first, "任免审批表-赵敏-" + std::to_string(zhao_.value()) + ".pdf");
  EXPECT_NE(PdfText(files[1].second).find("赵敏"), std::string::npos);
  EXPECT_EQ(PdfPages(files[0].second), 2);
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back(), std::make_tuple(std::int64_t{3}, std::int64_t{3},
                                             std::string("已生成 3/3 份任免审批表")));
  EXPECT_EQ(xr::testing::RecordedObjects(db(), "cadre.print_rmb").size(), 2u);
}

TEST_P(PrintServiceTest, BatchAsOnePdf) {
  jobs::ImmediateJobContext context;
  auto result = service_->PrintRmbBatch(clerk_, {zhao_, wang_}, BatchFormat::kPdf, context);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->file.file_name, "任免审批表（2人）.pdf");
  EXPECT_EQ(PdfPages(result->file.bytes), 4);
  const std::string text = PdfText(result->file.bytes);
  EXPECT_LT(text.find("赵敏"), text.find("王建国"));
  EXPECT_EQ(text.find("李芳"), std::string::npos);
}

TEST_P(PrintServiceTest, BatchLimitsAndCancel) {
  jobs::ImmediateJobContext context;
  auto empty = service_->PrintRmbBatch(officer_, {}, BatchFormat::kPdf, context);
  EXPECT_EQ(empty.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(empty.status().field(), "cadre_ids");
  std::vector<cadre::CadreId> many;
  for (std::int64_t i = 1; i <= static_cast<std::int64_t>(kMaxBatchForms) + 1; ++i)
    many.emplace_back(i);
  EXPECT_EQ(service_->CheckBatch(officer_, many.size(), BatchFormat::kPdf).field(), "cadre_ids");
  EXPECT_TRUE(service_->CheckBatch(officer_, kMaxBatchForms, BatchFormat::kPdf).ok());
  EXPECT_TRUE(service_->CheckBatch(officer_, kMaxZipForms, BatchFormat::kZip).ok());
  EXPECT_EQ(service_->CheckBatch(officer_, kMaxZipForms + 1, BatchFormat::kZip).field(), "format");
  auto none =
      service_->PrintRmbBatch(officer_, {cadre::CadreId(99999)}, BatchFormat::kZip, context);
  EXPECT_EQ(none.status().code(), base::StatusCode::kNotFound);

  context.cancel = true;
  auto cancelled = service_->PrintRmbBatch(officer_, {wang_, zhao_}, BatchFormat::kZip, context);
  EXPECT_FALSE(cancelled.ok());
  EXPECT_TRUE(xr::testing::RecordedObjects(db(), "cadre.print_rmb").empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, PrintServiceTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::print
