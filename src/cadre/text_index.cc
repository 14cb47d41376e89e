#include "cadre/text_index.h"

#include <algorithm>
#include <map>
#include <set>

#include "cadre/common_bigrams.h"
#include "cadre/dossier_json.h"
#include "cadre/text_tokens.h"
#include "crypto/sealed.h"
#include "store/multi_row_insert.h"

namespace xr::cadre {
namespace {

constexpr std::size_t kRowsPerInsert = 200;

// Rows already there are left alone (a database being backfilled may have some).
base::Status InsertBigrams(store::Transaction& tx, CadreId id,
                           const std::vector<std::string>& bigrams) {
  store::MultiRowInsert rows("cadre_text_bigrams", "bigram, cadre_id", "ON CONFLICT DO NOTHING",
                             kRowsPerInsert);
  for (const std::string& bigram : bigrams) rows.Add({bigram, id});
  return rows.Write(tx);
}

base::Status DeleteBigrams(store::Transaction& tx, CadreId id,
                           const std::vector<std::string>& bigrams) {
  for (std::size_t at = 0; at < bigrams.size(); at += kRowsPerInsert) {
    const std::size_t n = std::min(kRowsPerInsert, bigrams.size() - at);
    std::string marks;
    store::Params params{id};
    for (std::size_t k = at; k < at + n; ++k) {
      marks += marks.empty() ? "?" : ", ?";
      params.emplace_back(bigrams[k]);
    }
    RETURN_IF_ERROR(tx.ExecuteDeferred(
        "DELETE FROM cadre_text_bigrams WHERE cadre_id = ? AND bigram IN (" + marks + ")", params));
  }
  return base::Status::Ok();
}

base::Status WriteLinks(store::Transaction& tx, CadreId id,
                        const std::vector<std::int64_t>& relatives) {
  for (std::int64_t relative : relatives) {
    RETURN_IF_ERROR(
        tx.ExecuteDeferred("INSERT INTO cadre_relative_links (cadre_id, relative_cadre_id) "
                           "VALUES (?, ?) ON CONFLICT DO NOTHING",
                           {id, relative}));
  }
  return base::Status::Ok();
}

void AddBigrams(std::string_view text, std::set<std::string>& out) {
  for (std::string& bigram : TextBigrams(text)) out.insert(std::move(bigram));
}

// Every indexed text of the cadres with ids in [low, high], by cadre id.
base::Result<std::map<std::int64_t, std::set<std::string>>> StoredBigramsIn(store::Transaction& tx,
                                                                            std::int64_t low,
                                                                            std::int64_t high) {
  std::map<std::int64_t, std::set<std::string>> out;
  for (const IndexedTextTable& table : kIndexedTextTables) {
    const bool cadres = table.table == "cadres";
    std::string sql = std::string("SELECT ") + (cadres ? "id" : "cadre_id");
    int columns = 0;
    for (std::string_view column : table.columns) {
      if (column.empty()) continue;
      sql += ", " + std::string(column);
      ++columns;
    }
    sql += " FROM " + std::string(table.table) + " WHERE " + (cadres ? "id" : "cadre_id") +
           " BETWEEN ? AND ?";
    RETURN_IF_ERROR(tx.ForEachRow(sql, {low, high}, [&](const store::RowView& row) {
      std::set<std::string>& bigrams = out[row.Int(0)];
      for (int c = 1; c <= columns; ++c) AddBigrams(row.Text(size_t(c)), bigrams);
      return base::Status::Ok();
    }));
  }
  return out;
}

}  // namespace

std::vector<std::string_view> IndexedTexts(const Dossier& d) {
  std::vector<std::string_view> texts{d.expertise, d.professional_title};
  auto resume = [&](const ResumeEntry& e) { texts.insert(texts.end(), {e.unit, e.post, e.note}); };
  for (const ResumeEntry& e : d.resume) {
    resume(e);
    for (const ResumeEntry& during : e.during) resume(during);
  }
  for (const Post& p : d.posts) texts.insert(texts.end(), {p.unit_name, p.title});
  for (const RewardOrSanction& w : d.rewards)
    texts.insert(texts.end(), {w.kind, w.issuer, w.reason});
  for (const Training& t : d.trainings) texts.insert(texts.end(), {t.course, t.provider});
  return texts;
}

std::vector<std::string> DossierBigrams(const Dossier& d) {
  std::set<std::string> bigrams;
  for (std::string_view text : IndexedTexts(d)) AddBigrams(text, bigrams);
  return {bigrams.begin(), bigrams.end()};
}

std::vector<std::int64_t> RelativeCadreIds(const Dossier& d, CadreId self) {
  std::vector<std::int64_t> ids;
  for (const FamilyMember& m : d.family) {
    if (m.cadre_id && *m.cadre_id != self) ids.push_back(m.cadre_id->value());
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::string_view PerRowFence(store::Dialect dialect) {
  return dialect == store::Dialect::kPostgres ? " OFFSET 0" : "";
}

std::string TextMatchSql(store::Dialect dialect, int& placeholders) {
  // SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's ILIKE does so too.
  const std::string like =
      dialect == store::Dialect::kPostgres ? " ILIKE ? ESCAPE '\\'" : " LIKE ? ESCAPE '\\'";
  placeholders = 0;
  std::string sql;
  for (const IndexedTextTable& table : kIndexedTextTables) {
    const bool cadres = table.table == "cadres";
    // The cadre's own texts are tested on its row, except on PostgreSQL: read by key there too,
    // the scan of the scoped cadres before them can stay in an index (the heap read only for the
    // candidates the bigrams leave).
    const bool own_row = cadres && dialect != store::Dialect::kPostgres;
    std::string any;
    for (std::string_view column : table.columns) {
      if (column.empty()) continue;
      any += (any.empty() ? "" : " OR ") + std::string(own_row ? "c." : "x.") +
             std::string(column) + like;
      ++placeholders;
    }
    sql += sql.empty() ? "" : " OR ";
    sql += own_row ? any
                   : "EXISTS (SELECT 1 FROM " + std::string(table.table) + " x WHERE x." +
                         (cadres ? "id" : "cadre_id") + " = c.id AND (" + any + ")" +
                         std::string(PerRowFence(dialect)) + ")";
  }
  return "(" + sql + ")";
}

base::Status IndexNewDossier(store::Transaction& tx, CadreId id, const Dossier& d) {
  const std::vector<std::string> bigrams = DossierBigrams(d);
  RETURN_IF_ERROR(InsertBigrams(tx, id, bigrams));
  if (!bigrams.empty()) RETURN_IF_ERROR(UpdateCommonBigramMask(tx, id));
  return WriteLinks(tx, id, RelativeCadreIds(d, id));
}

base::Result<std::vector<std::string>> StoredBigrams(store::Transaction& tx, CadreId id) {
  ASSIGN_OR_RETURN(auto stored, StoredBigramsIn(tx, id.value(), id.value()));
  const std::set<std::string>& bigrams = stored[id.value()];
  return std::vector<std::string>(bigrams.begin(), bigrams.end());
}

base::Status ReindexDossier(store::Transaction& tx, CadreId id,
                            const std::vector<std::string>& old_bigrams, const Dossier& d) {
  const std::vector<std::string> now = DossierBigrams(d);  // sorted, as old_bigrams
  std::vector<std::string> removed, added;
  std::set_difference(old_bigrams.begin(), old_bigrams.end(), now.begin(), now.end(),
                      std::back_inserter(removed));
  std::set_difference(now.begin(), now.end(), old_bigrams.begin(), old_bigrams.end(),
                      std::back_inserter(added));
  RETURN_IF_ERROR(DeleteBigrams(tx, id, removed));
  RETURN_IF_ERROR(InsertBigrams(tx, id, added));
  if (!removed.empty() || !added.empty()) RETURN_IF_ERROR(UpdateCommonBigramMask(tx, id));
  RETURN_IF_ERROR(tx.ExecuteDeferred("DELETE FROM cadre_relative_links WHERE cadre_id = ?", {id}));
  return WriteLinks(tx, id, RelativeCadreIds(d, id));
}

base::Result<std::int64_t> BackfillDossierIndex(store::Transaction& tx,
                                                const crypto::Keyring& keyring) {
  ASSIGN_OR_RETURN(std::int64_t pending, tx.QueryInt("SELECT COUNT(*) FROM cadre_index_backfill"));
  if (pending == 0) return 0;
  ASSIGN_OR_RETURN(std::int64_t max_id, tx.QueryInt("SELECT COALESCE(MAX(id), 0) FROM cadres"));
  crypto::DataKeys keys(tx, keyring);
  ASSIGN_OR_RETURN(const std::vector<CommonBigram> common, StoredCommonBigrams(tx));
  std::int64_t indexed = 0;
  constexpr std::int64_t kBatch = 2000;
  for (std::int64_t low = 1; low <= max_id; low += kBatch) {
    const std::int64_t high = low + kBatch - 1;
    ASSIGN_OR_RETURN(auto bigrams, StoredBigramsIn(tx, low, high));
    for (const auto& [id, set] : bigrams) {
      RETURN_IF_ERROR(
          InsertBigrams(tx, CadreId(id), std::vector<std::string>(set.begin(), set.end())));
      if (!common.empty()) RETURN_IF_ERROR(UpdateCommonBigramMask(tx, CadreId(id)));
    }
    ASSIGN_OR_RETURN(store::Rows families,
                     tx.Query("SELECT id, family_sealed FROM cadres WHERE id BETWEEN ? AND ? "
                              "AND family_sealed IS NOT NULL",
                              {low, high}));
    for (const store::Row& row : families) {
      const CadreId id = row.Id<CadreId>(0);
      ASSIGN_OR_RETURN(
          std::string text,
          keys.Open(crypto::FieldContext("cadres", "family_sealed", id.value()), row.Text(1)));
      ASSIGN_OR_RETURN(nlohmann::json json, ParseJsonText(text, "family"));
      Dossier d;
      ASSIGN_OR_RETURN(d.family, DecodeFamily(json));
      RETURN_IF_ERROR(WriteLinks(tx, id, RelativeCadreIds(d, id)));
    }
    indexed += std::int64_t(bigrams.size());
  }
  RETURN_IF_ERROR(tx.Execute("DELETE FROM cadre_index_backfill").status());
  return indexed;
}

std::vector<store::Migration> TextIndexMigrations() {
  // SQLite: the primary key is the table (WITHOUT ROWID), so a bigram's cadres are one range.
  // PostgreSQL: the same key as a unique index, which a bulk loader may drop and build again.
  // No foreign keys: derived rows, written only beside the dossier they come from. The backfill
  // marker asks BackfillDossierIndex (migrate, serve) to index cadres stored before.
  return {
      {2026112950, "cadre: full-text bigram index and relative links (compound query)", R"sql(
CREATE TABLE cadre_text_bigrams (
  bigram TEXT NOT NULL,
  cadre_id BIGINT NOT NULL,
  PRIMARY KEY (bigram, cadre_id)
) WITHOUT ROWID;
CREATE TABLE cadre_relative_links (
  cadre_id BIGINT NOT NULL,
  relative_cadre_id BIGINT NOT NULL,
  PRIMARY KEY (cadre_id, relative_cadre_id)
) WITHOUT ROWID;
CREATE TABLE cadre_index_backfill (name TEXT PRIMARY KEY);
INSERT INTO cadre_index_backfill (name) SELECT 'dossier_index' WHERE EXISTS (SELECT 1 FROM cadres);
)sql",
       R"sql(
CREATE TABLE cadre_text_bigrams (
  bigram TEXT COLLATE "C" NOT NULL,
  cadre_id BIGINT NOT NULL
);
CREATE UNIQUE INDEX cadre_text_bigrams_key ON cadre_text_bigrams (bigram, cadre_id);
CREATE TABLE cadre_relative_links (
  cadre_id BIGINT NOT NULL,
  relative_cadre_id BIGINT NOT NULL,
  PRIMARY KEY (cadre_id, relative_cadre_id)
);
CREATE TABLE cadre_index_backfill (name TEXT PRIMARY KEY);
INSERT INTO cadre_index_backfill (name) SELECT 'dossier_index' WHERE EXISTS (SELECT 1 FROM cadres);
)sql"},
  };
}

}  // namespace xr::cadre
