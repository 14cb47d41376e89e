// Encryption at rest and redaction of a confidential field (公民身份号码) over a real server, on
// both engines: the plaintext never reaches the database, an internal-clearance caller sees the
// redaction marker, a confidential-clearance caller sees the value, and that read is recorded
// naming the field only.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/server_fixture.h"
#include "cadre/id_number.h"

namespace xr::testing {
namespace {

using nlohmann::json;

class ConfidentialFieldTest : public ServerTest {
 protected:
  // Every byte SQLite has on disk for the database: the file and its write-ahead log.
  std::string RawSqliteBytes() {
    std::string path = db().description().substr(std::string("sqlite:").size());
    std::string bytes;
    for (const std::string& file : {path, path + "-wal", path + "-journal"}) {
      std::ifstream in(file, std::ios::binary);
      if (!in) continue;
      std::stringstream content;
      content << in.rdbuf();
      bytes += content.str();
    }
    return bytes;
  }

  // A cadre the district officer (managed-by the district organization department) can see.
  cadre::Cadre DistrictCadre() {
    json list = json::parse(ClientAs("dongcheng").Get("/api/cadres?page_size=1").body);
    EXPECT_FALSE(list["items"].empty());
    auto c = application_->cadres().Get(app::CliOperator(),
                                        cadre::CadreId(list["items"][0]["id"].get<std::int64_t>()));
    EXPECT_TRUE(c.ok());
    return *c;
  }
};

TEST_P(ConfidentialFieldTest, StoredSealedShownByClearanceAndRecorded) {
  const std::string first17 = "21020219800115003";
  const std::string plaintext = first17 + cadre::IdNumberCheckCharacter(first17);
  cadre::Cadre c = DistrictCadre();
  c.name = "测试干部";
  c.id_number = plaintext;
  c.gender = "男";
  c.birth_month = *base::YearMonth::Parse("1980-01");
  access::Actor officer = app::CliOperator();
  auto id = application_->cadres().Add(officer, c);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  const std::string path = "/api/cadres/" + std::to_string(id->value());

  // At rest: no plaintext anywhere in the database; the column holds v1:<key id>:<base64>.
  auto stored = db().TransactValue<std::string>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<std::string> {
        ASSIGN_OR_RETURN(
            store::Row row,
            tx.QueryOne("SELECT id_number_sealed FROM cadres WHERE id = ?", {*id}, "missing"));
        return row.Text(0);
      });
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(stored->starts_with("v1:")) << *stored;
  EXPECT_EQ(stored->find(plaintext), std::string::npos);
  if (engine() == Engine::kSqlite) {
    const std::string raw = RawSqliteBytes();
    ASSERT_GT(raw.size(), 10000u);
    EXPECT_NE(raw.find("测试干部"),
              std::string::npos);  // the reading works: a plain field is there
    EXPECT_EQ(raw.find(plaintext), std::string::npos);
    EXPECT_EQ(raw.find(plaintext.substr(6, 8)), std::string::npos);  // not even the birth date
  } else {
    // Every text column of every row of the tables that could hold it.
    for (const char* sql :
         {"SELECT CAST(c AS TEXT) FROM cadres c", "SELECT CAST(a AS TEXT) FROM audit_entries a",
          "SELECT CAST(k AS TEXT) FROM data_keys k"}) {
      auto rows = db().TransactValue<store::Rows>(
          store::TxMode::kRead, [&](store::Transaction& tx) { return tx.Query(sql); });
      ASSERT_TRUE(rows.ok()) << sql << ": " << rows.status().ToString();
      for (const store::Row& row : *rows) EXPECT_EQ(row.Text(0).find(plaintext), std::string::npos);
    }
  }

  // Internal clearance (district_officer): the visible marker, on the record and in the list.
  const json marker = {{"redacted", true}, {"sensitivity", "confidential"}};
  HttpResponse internal = ClientAs("dongcheng").Get(path);
  ASSERT_EQ(internal.status, 200) << internal.body;
  EXPECT_EQ(json::parse(internal.body)["id_number"], marker);
  EXPECT_EQ(internal.body.find(plaintext), std::string::npos);
  HttpResponse list = ClientAs("dongcheng").Get("/api/cadres?page_size=1000");
  ASSERT_EQ(list.status, 200);
  for (const json& item : json::parse(list.body)["items"]) EXPECT_EQ(item["id_number"], marker);

  auto entries_for = [&](const std::string& action) {
    return db()
        .TransactValue<store::Rows>(
            store::TxMode::kRead,
            [&](store::Transaction& tx) {
              return tx.Query(
                  "SELECT actor, details FROM audit_entries WHERE action = ? AND object_id = ?",
                  {action, std::to_string(id->value())});
            })
        .value();
  };
  EXPECT_TRUE(entries_for("cadre.read_confidential").empty());  // nothing was revealed yet

  // Confidential clearance (cadre_officer): the value, and one entry naming the field.
  HttpResponse confidential = ClientAs("ganbu").Get(path);
  ASSERT_EQ(confidential.status, 200) << confidential.body;
  EXPECT_EQ(json::parse(confidential.body)["id_number"], plaintext);
  store::Rows reads = entries_for("cadre.read_confidential");
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].Text(0), "ganbu");
  EXPECT_NE(reads[0].Text(1).find("id_number"), std::string::npos) << reads[0].Text(1);
  EXPECT_EQ(reads[0].Text(1).find(plaintext), std::string::npos);
  // The create entry names the field too, never the value.
  store::Rows creates = entries_for("cadre.create");
  ASSERT_EQ(creates.size(), 1u);
  EXPECT_NE(creates[0].Text(1).find("id_number"), std::string::npos);
  EXPECT_EQ(creates[0].Text(1).find(plaintext), std::string::npos);

  // The demo's cadres carry valid fictional numbers, readable with clearance.
  json listed = json::parse(ClientAs("ganbu").Get("/api/cadres?page_size=5").body);
  for (const json& item : listed["items"]) {
    ASSERT_TRUE(item["id_number"].is_string()) << item.dump();
    EXPECT_TRUE(cadre::NormalizeIdNumber(item["id_number"].get<std::string>()).ok());
  }
}

TEST_P(ConfidentialFieldTest, RejectsAnInvalidIdNumber) {
  cadre::Cadre c = DistrictCadre();
  c.id_number = "210202199902300011";  // 1999-02-30
  auto id = application_->cadres().Add(app::CliOperator(), c);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().field(), "id_number");
}

INSTANTIATE_TEST_SUITE_P(Engines, ConfidentialFieldTest, ::testing::ValuesIn(AllEngines()),
                         EngineName);

}  // namespace
}  // namespace xr::testing
