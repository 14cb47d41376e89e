// Excel export and import over real databases (both engines): columns and redaction, the
// record, the template, dry run with per-row errors, commit, and idempotent re-import.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/application.h"
#include "cadre/dossier_json.h"
#include "cadre/dossier_service.h"
#include "interchange/excel_condition.h"
#include "interchange/excel_export.h"
#include "interchange/excel_import.h"
#include "interchange/xlsx_reader.h"
#include "interchange/xlsx_writer.h"
#include "org/org_service.h"
#include "store/migrate.h"
#include "testing/access_fixtures.h"
#include "testing/test_database.h"

namespace xr::interchange {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class ExcelServiceTest : public xr::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(xr::testing::SetUpAccess(db(), clock_).ok());
    // The whole program's schema: dossier writes touch tables of several capabilities.
    auto migrated = store::Migrate(db(), app::AllMigrations(), clock_);
    ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
    org::OrgService org(db(), *audit_);
    auto add = [&](std::optional<org::UnitId> parent, std::string code, std::string name) {
      return org
          .AddUnit(officer_, {parent, code, name, "", org::UnitType::kGovernment,
                              org::UnitLevel::kMunicipal, 0})
          ->id;
    };
    city_ = add(std::nullopt, "JH", "江华市");
    finance_ = add(city_, "JH01", "江华市财政局");
    dossiers_ =
        std::make_unique<cadre::DossierService>(db(), clock_, *audit_, xr::testing::TestKeyring());
    exports_ = std::make_unique<ExcelExport>(db(), clock_, *audit_, xr::testing::TestKeyring());
    imports_ = std::make_unique<ExcelImport>(db(), clock_, *audit_, xr::testing::TestKeyring(),
                                             *dossiers_);
  }

  json Person(std::string name, std::string birth, std::optional<std::string> id_number) {
    json d = {{"name", name},
              {"gender", "男"},
              {"birth_month", birth},
              {"ethnicity", "汉族"},
              {"party", "群众"},
              {"health", "健康"},
              {"unit_id", finance_.value()},
              {"managing_body", "市委管理"},
              {"status", "在职"}};
    if (id_number) d["id_number"] = *id_number;
    return d;
  }

  // A filled-in import file: the template's headers, then `rows`.
  std::string ImportFile(const std::vector<std::string>& headers,
                         const std::vector<std::vector<std::string>>& rows) {
    XlsxSheet sheet{.name = "干部信息"};
    for (const std::string& h : headers) sheet.columns.push_back({.header = h});
    for (const auto& row : rows) {
      XlsxRow cells;
      for (const std::string& value : row) cells.emplace_back(value);
      sheet.rows.push_back(std::move(cells));
    }
    return WriteXlsx({sheet}).value();
  }

  // 2026-11-27 10:00 in Shanghai.
  base::FakeClock clock_{*base::Timestamp::Parse("2026-11-27T02:00:00Z")};
  std::unique_ptr<audit::AuditLog> audit_ = xr::testing::MakeAuditLog(clock_);
  access::Actor officer_ = xr::testing::MakeActor(
      "ganbu", {"cadre.read", "cadre.write", "cadre.export", "org.read", "org.write"}, {{}},
      access::Clearance::kConfidential);
  access::Actor uncleared_ = xr::testing::MakeActor("chayue", {"cadre.read", "cadre.export"}, {{}},
                                                    access::Clearance::kInternal);
  access::Actor reader_ = xr::testing::MakeActor("reader", {"cadre.read"});
  org::UnitId city_, finance_;
  std::unique_ptr<cadre::DossierService> dossiers_;
  std::unique_ptr<ExcelExport> exports_;
  std::unique_ptr<ExcelImport> imports_;
  jobs::ImmediateJobContext context_;
};

TEST_P(ExcelServiceTest, ExportsTheListWithChosenColumnsRedactedPerClearance) {
  ASSERT_TRUE(
      dossiers_->Create(officer_, Person("王建国", "1975-03", "210203197503151232").dump()).ok());
  ASSERT_TRUE(dossiers_->Create(officer_, Person("李红", "1980-11", std::nullopt).dump()).ok());

  CadreExportRequest request;
  request.columns = {"gender", "birth_month", "age", "unit_name", "id_number"};
  auto file = exports_->ExportCadres(officer_, request, context_);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->rows, 2);
  EXPECT_EQ(file->file_name, "干部名册.xlsx");
  auto sheets = ReadXlsx(file->bytes);
  ASSERT_TRUE(sheets.ok());
  const auto& rows = (*sheets)[0].rows;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[0].cells,
              ElementsAre("姓名", "性别", "出生年月", "年龄", "所在单位", "公民身份号码"));
  EXPECT_THAT(rows[1].cells,
              ElementsAre("王建国", "男", "1975-03", "51", "江华市财政局", "210203197503151232"));
  EXPECT_THAT(rows[2].cells, ElementsAre("李红", "男", "1980-11", "46", "江华市财政局"));
  std::vector<std::string> recorded = AuditDetails("cadre.export");
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_THAT(recorded[0], HasSubstr("5:count1:2"));
  EXPECT_THAT(recorded[0], HasSubstr("id_number"));

  // Not cleared: the column is there, its cells say so.
  auto redacted = exports_->ExportCadres(uncleared_, request, context_);
  ASSERT_TRUE(redacted.ok()) << redacted.status().ToString();
  auto redacted_rows = (*ReadXlsx(redacted->bytes))[0].rows;
  EXPECT_EQ(redacted_rows[1].cells[5], "（无权查看）");
  EXPECT_EQ(redacted_rows[2].cells[5], "（无权查看）");

  // cadre.read alone does not export; unknown columns are named.
  EXPECT_EQ(exports_->ExportCadres(reader_, request, context_).status().code(),
            base::StatusCode::kPermissionDenied);
  request.columns = {"gender", "salary"};
  auto bad = exports_->ExportCadres(officer_, request, context_);
  EXPECT_EQ(bad.status().field(), "columns[1]");
}

TEST_P(ExcelServiceTest, ExportsAConditionsRowsStreamedWithIdNumbers) {
  json woman = Person("李红", "1980-11", "210203198011151222");
  woman["gender"] = "女";
  ASSERT_TRUE(dossiers_->Create(officer_, woman.dump()).ok());
  ASSERT_TRUE(
      dossiers_->Create(officer_, Person("王建国", "1975-03", "210203197503151232").dump()).ok());
  auto condition =
      search::DecodeCondition(json{{"field", "gender"}, {"op", "eq"}, {"value", "女"}});
  ASSERT_TRUE(condition.ok()) << condition.status().ToString();
  CadreExportRequest request;
  request.columns = {"gender", "id_number"};
  request.title = "组合查询结果";
  request.source = ConditionRows(*condition, base::Date::FromYmd(2026, 11, 27).value(),
                                 cadre::CadreSort::kStroke, false);
  auto file = exports_->ExportCadres(officer_, request, context_);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  auto rows = (*ReadXlsx(file->bytes))[0].rows;
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[1].cells, ElementsAre("李红", "女", "210203198011151222"));
  EXPECT_THAT(AuditDetails("cadre.export").at(0), HasSubstr("16:condition_fields6:gender"));
}

TEST_P(ExcelServiceTest, ExportsTablesAndRecordsTheTitle) {
  TableExportRequest request{
      .title = "班子结构分析",
      .sheets = {{.name = "年龄结构",
                  .columns = {"年龄段", "人数"},
                  .rows = {{std::string("35岁及以下"), std::int64_t{120}}}}}};
  auto file = exports_->ExportTable(reader_, request);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->file_name, "班子结构分析.xlsx");
  EXPECT_THAT((*ReadXlsx(file->bytes))[0].rows[1].cells, ElementsAre("35岁及以下", "120"));
  EXPECT_THAT(AuditDetails("table.export").at(0), HasSubstr("班子结构分析"));
  request.title = "";
  EXPECT_EQ(exports_->ExportTable(reader_, request).status().field(), "title");
}

TEST_P(ExcelServiceTest, TemplateHasTheStandardColumnsNotesAndLists) {
  auto bytes = imports_->BuildTemplate(officer_);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto sheets = ReadXlsx(*bytes);
  ASSERT_TRUE(sheets.ok());
  ASSERT_EQ(sheets->size(), 3u);
  EXPECT_EQ((*sheets)[0].name, "干部信息");
  EXPECT_EQ((*sheets)[0].rows[0].cells.size(), ImportColumns().size());
  EXPECT_EQ((*sheets)[0].rows[0].cells[0], "姓名");
  EXPECT_EQ((*sheets)[1].name, "填表说明");
  EXPECT_TRUE((*sheets)[2].hidden);
  EXPECT_EQ(imports_->BuildTemplate(reader_).status().code(), base::StatusCode::kPermissionDenied);
}

TEST_P(ExcelServiceTest, DryRunThenCommitThenReimportChangesNothing) {
  std::vector<std::string> headers{"姓名",     "性别",     "出生年月",  "民族",     "政治面貌",
                                   "健康状况", "身份证号", "所在单位",  "管理权限", "现任职务",
                                   "任职时间", "职级",     "任职级时间"};
  std::vector<std::vector<std::string>> rows{
      {"赵一", "男", "1975.03", "汉族", "群众", "健康", "210203197503151232", "江华市财政局",
       "市委管理", "办公室主任", "2020.06", "一级主任科员", "2021.12"},
      {"钱二", "女", "1999.13", "汉族", "群众", "健康", "", "江华市财政局", "市委管理", "", "", "",
       ""},
      {"孙三", "女", "1982-05", "汉族", "群众", "健康", "", "JH01", "市委管理", "", "", "", ""},
  };
  auto upload = imports_->Upload(officer_, "干部.xlsx", ImportFile(headers, rows));
  ASSERT_TRUE(upload.ok()) << upload.status().ToString();
  EXPECT_EQ(upload->rows, 3);
  EXPECT_THAT(upload->mapping, ElementsAre("name", "gender", "birth_month", "ethnicity", "party",
                                           "health", "id_number", "unit", "managing_body", "post",
                                           "post_start_month", "rank", "rank_start_month"));

  auto dry = imports_->DryRun(officer_, upload->id, upload->mapping, context_);
  ASSERT_TRUE(dry.ok()) << dry.status().ToString();
  EXPECT_EQ(dry->created, 2);
  EXPECT_EQ(dry->failed, 1);
  ASSERT_EQ(dry->rows[1].errors.size(), 1u);
  EXPECT_EQ(dry->rows[1].errors[0].row, 3);
  EXPECT_EQ(dry->rows[1].errors[0].column, "C");
  EXPECT_EQ(dry->rows[1].errors[0].header, "出生年月");
  EXPECT_THAT(dry->rows[1].errors[0].message, HasSubstr("1999.13"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadres"), 0);  // nothing written

  auto committed = imports_->Commit(officer_, upload->id, upload->mapping, context_);
  ASSERT_TRUE(committed.ok()) << committed.status().ToString();
  EXPECT_EQ(committed->created, 2);
  EXPECT_EQ(committed->failed, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadres"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadres WHERE post = '办公室主任'"), 1);
  EXPECT_THAT(AuditDetails("cadre.import").at(0), HasSubstr("7:created1:2"));

  // The same file again: matched by ID number (赵一) and by name + birth month (孙三).
  auto again = imports_->Upload(officer_, "干部.xlsx", ImportFile(headers, rows));
  ASSERT_TRUE(again.ok());
  auto second = imports_->Commit(officer_, again->id, again->mapping, context_);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->created, 0);
  EXPECT_EQ(second->updated, 0);
  EXPECT_EQ(second->unchanged, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadres"), 2);

  // A changed value updates that dossier only, naming the column.
  rows[0][9] = "副局长";
  auto changed = imports_->Upload(officer_, "干部.xlsx", ImportFile(headers, rows));
  ASSERT_TRUE(changed.ok());
  auto third = imports_->Commit(officer_, changed->id, changed->mapping, context_);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->updated, 1);
  EXPECT_EQ(third->unchanged, 1);
  EXPECT_THAT(third->rows[0].changed, ElementsAre("post"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadres WHERE post = '副局长'"), 1);
}

TEST_P(ExcelServiceTest, AWriterCannotReachADossierOutsideTheirScope) {
  org::OrgService org(db(), *audit_);
  auto audit_office =
      org.AddUnit(officer_, {city_, "JH02", "江华市审计局", "", org::UnitType::kGovernment,
                             org::UnitLevel::kMunicipal, 0});
  ASSERT_TRUE(audit_office.ok());
  // 王建国 is in 财政局; the writer sees only 审计局 and below.
  ASSERT_TRUE(
      dossiers_->Create(officer_, Person("王建国", "1975-03", "210203197503151232").dump()).ok());
  access::Actor scoped = xr::testing::MakeActor("shenji", {"cadre.read", "cadre.write"},
                                                {{access::ScopeRule::Kind::kUnitsBelow, {"JH02"}}},
                                                access::Clearance::kConfidential);
  std::vector<std::string> headers{"姓名",     "性别",         "出生年月", "民族",    "政治面貌",
                                   "健康状况", "公民身份号码", "所在单位", "管理权限"};
  auto upload = imports_->Upload(
      scoped, "a.xlsx",
      ImportFile(headers,
                 {{"王建国", "男", "1975.03", "汉族", "群众", "健康", "210203197503151232", "JH02",
                   "市委管理"},
                  {"周五", "男", "1979.09", "汉族", "群众", "健康", "", "JH01", "市委管理"}}));
  ASSERT_TRUE(upload.ok()) << upload.status().ToString();
  // The dry run refuses both rows as the commit does.
  auto dry = imports_->DryRun(scoped, upload->id, upload->mapping, context_);
  ASSERT_TRUE(dry.ok()) << dry.status().ToString();
  EXPECT_EQ(dry->failed, 2);
  ASSERT_EQ(dry->rows[1].errors.size(), 1u);
  EXPECT_EQ(dry->rows[1].errors[0].header, "所在单位");
  EXPECT_THAT(dry->rows[1].errors[0].message, HasSubstr("不在您的管理范围内"));
  auto report = imports_->Commit(scoped, upload->id, upload->mapping, context_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->failed, 2);
  // The person on record outside the scope: not changed, said on the ID number.
  ASSERT_EQ(report->rows[0].errors.size(), 1u);
  EXPECT_EQ(report->rows[0].errors[0].header, "公民身份号码");
  EXPECT_THAT(report->rows[0].errors[0].message, HasSubstr("不在您的管理范围内"));
  // A new person in a unit outside the scope: refused on the unit, nothing written.
  ASSERT_EQ(report->rows[1].errors.size(), 1u);
  EXPECT_EQ(report->rows[1].errors[0].header, "所在单位");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cadres"), 1);
  EXPECT_EQ(
      Count("SELECT COUNT(*) FROM cadres WHERE unit_id <> " + std::to_string(finance_.value())), 0);
}

TEST_P(ExcelServiceTest, MappingAndUploadsAreChecked) {
  std::string file = ImportFile({"姓名", "出生年月"}, {{"赵一", "1975.03"}});
  EXPECT_EQ(imports_->Upload(reader_, "a.xlsx", file).status().code(),
            base::StatusCode::kPermissionDenied);
  EXPECT_EQ(imports_->Upload(officer_, "a.xlsx", "not a file").status().field(), "file");
  auto upload = imports_->Upload(officer_, "a.xlsx", file);
  ASSERT_TRUE(upload.ok());
  EXPECT_EQ(imports_->DryRun(officer_, upload->id, {"name", "name"}, context_).status().field(),
            "mapping[1]");
  EXPECT_EQ(imports_->DryRun(officer_, upload->id, {"name", ""}, context_).status().field(),
            "mapping");
  auto uncleared_writer = xr::testing::MakeActor("w", {"cadre.read", "cadre.write"}, {{}},
                                                 access::Clearance::kInternal);
  EXPECT_EQ(imports_->DryRun(uncleared_writer, upload->id, {"name", "id_number"}, context_)
                .status()
                .field(),
            "mapping[1]");
  // Someone else's upload is not found.
  auto other = xr::testing::MakeActor("other", {"cadre.read", "cadre.write"});
  other.user_id = access::UserId(999);
  EXPECT_EQ(imports_->GetUpload(other, upload->id).status().code(), base::StatusCode::kNotFound);
  // Expired after a day.
  clock_.Advance(std::chrono::hours(25));
  EXPECT_EQ(imports_->GetUpload(officer_, upload->id).status().code(), base::StatusCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Engines, ExcelServiceTest, ::testing::ValuesIn(xr::testing::AllEngines()),
                         xr::testing::EngineName);

}  // namespace
}  // namespace xr::interchange
