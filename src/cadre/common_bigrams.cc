#include "cadre/common_bigrams.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace xr::cadre {
namespace {

bool IsPostgres(const store::Transaction& tx) { return tx.dialect() == store::Dialect::kPostgres; }

// The OR of `1 << f.bit` over the rows: PostgreSQL has bit_or (SUM would give a numeric); in
// SQLite the bits are distinct powers of two, so their SUM is their OR.
std::string MaskAggregate(const store::Transaction& tx) {
  return IsPostgres(tx) ? "COALESCE(bit_or(CAST(1 AS BIGINT) << f.bit), 0)"
                        : "COALESCE(SUM(1 << f.bit), 0)";
}

// Writes (id, mask) pairs: PostgreSQL takes a chunk as two arrays in one statement (a round trip
// per row would be most of the work); SQLite runs in-process, a statement per row.
base::Status WriteMasks(store::Transaction& tx,
                        const std::vector<std::pair<std::int64_t, std::int64_t>>& masks) {
  if (!IsPostgres(tx)) {
    for (const auto& [id, mask] : masks) {
      RETURN_IF_ERROR(
          tx.Execute("UPDATE cadres SET common_bigrams = ? WHERE id = ?", {mask, id}).status());
    }
    return base::Status::Ok();
  }
  constexpr std::size_t kChunk = 10000;
  for (std::size_t at = 0; at < masks.size(); at += kChunk) {
    std::string ids = "{", values = "{";
    char digits[24];
    for (std::size_t k = at; k < std::min(masks.size(), at + kChunk); ++k) {
      if (k > at) ids += ',', values += ',';
      ids.append(digits, std::to_chars(digits, digits + sizeof digits, masks[k].first).ptr);
      values.append(digits, std::to_chars(digits, digits + sizeof digits, masks[k].second).ptr);
    }
    ids += '}', values += '}';
    RETURN_IF_ERROR(tx.Execute("UPDATE cadres c SET common_bigrams = m.mask FROM "
                               "unnest(CAST(? AS BIGINT[]), CAST(? AS BIGINT[])) AS m(id, mask) "
                               "WHERE c.id = m.id",
                               {ids, values})
                        .status());
  }
  return base::Status::Ok();
}

base::Result<std::vector<CommonBigram>> CommonBigramsWhere(store::Transaction& tx,
                                                           const std::string& where,
                                                           const store::Params& params) {
  ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT bit, bigram, postings FROM cadre_common_bigrams" + where + " ORDER BY bit",
               params));
  std::vector<CommonBigram> out;
  for (const store::Row& row : rows) out.push_back({int(row.Int(0)), row.Text(1), row.Int(2)});
  return out;
}

}  // namespace

std::vector<CommonBigram> PickCommonBigrams(std::vector<BigramPostings> counted,
                                            std::int64_t cadres, double min_share) {
  const auto least = std::max<std::int64_t>(1, std::int64_t(std::ceil(min_share * double(cadres))));
  std::erase_if(counted, [&](const BigramPostings& b) { return b.postings < least; });
  std::sort(counted.begin(), counted.end(), [](const BigramPostings& a, const BigramPostings& b) {
    return a.postings != b.postings ? a.postings > b.postings : a.bigram < b.bigram;
  });
  std::vector<CommonBigram> out;
  for (const BigramPostings& b : counted) {
    if (int(out.size()) == kCommonBigramBits) break;
    out.push_back({int(out.size()), b.bigram, b.postings});
  }
  return out;
}

base::Result<std::vector<CommonBigram>> StoredCommonBigrams(store::Transaction& tx) {
  return CommonBigramsWhere(tx, "", {});
}

base::Result<std::vector<CommonBigram>> CommonBigramsAmong(
    store::Transaction& tx, const std::vector<std::string>& bigrams) {
  if (bigrams.empty()) return std::vector<CommonBigram>{};
  std::string marks;
  store::Params params;
  for (const std::string& bigram : bigrams) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(bigram);
  }
  return CommonBigramsWhere(tx, " WHERE bigram IN (" + marks + ")", params);
}

base::Status UpdateCommonBigramMask(store::Transaction& tx, CadreId id) {
  // Rewritten only when it changes: a new row keeps its default 0 when it has no common bigram,
  // and PostgreSQL writes no new row version. A probe per common bigram (as EXISTS: as a join,
  // SQLite without statistics scanned the whole index for the cadre's rows). Deferred: nothing
  // is read back, so on PostgreSQL it goes with the bigrams' INSERT in the next round trip.
  return tx.ExecuteDeferred(
      "UPDATE cadres SET common_bigrams = m.mask FROM (SELECT " + MaskAggregate(tx) +
          " AS mask FROM cadre_common_bigrams f WHERE EXISTS (SELECT 1 FROM "
          "cadre_text_bigrams b WHERE b.bigram = f.bigram AND b.cadre_id = ?)) AS m "
          "WHERE cadres.id = ? AND cadres.common_bigrams <> m.mask",
      {id, id});
}

base::Result<std::int64_t> CountMasksOutOfStep(store::Transaction& tx) {
  return tx.QueryInt("SELECT COUNT(*) FROM cadres c WHERE c.common_bigrams <> (SELECT " +
                     MaskAggregate(tx) +
                     " FROM cadre_common_bigrams f WHERE EXISTS (SELECT 1 FROM cadre_text_bigrams "
                     "b WHERE b.bigram = f.bigram AND b.cadre_id = c.id))");
}

base::Result<bool> CommonBigramsDue(store::Transaction& tx) {
  ASSIGN_OR_RETURN(const std::int64_t chosen,
                   tx.QueryInt("SELECT COUNT(*) FROM cadre_common_bigrams"));
  if (chosen > 0) return false;
  ASSIGN_OR_RETURN(const std::int64_t cadres,
                   tx.QueryInt("SELECT COUNT(*) FROM (SELECT 1 FROM cadres LIMIT ?) c",
                               {kCommonBigramsFromCadres}));
  return cadres >= kCommonBigramsFromCadres;
}

base::Status RecordCommonBigrams(store::Transaction& tx, const std::vector<CommonBigram>& chosen,
                                 std::int64_t cadres) {
  RETURN_IF_ERROR(tx.Execute("DELETE FROM cadre_common_bigrams").status());
  for (const CommonBigram& b : chosen) {
    RETURN_IF_ERROR(tx.Execute("INSERT INTO cadre_common_bigrams (bit, bigram, postings, cadres) "
                               "VALUES (?, ?, ?, ?)",
                               {std::int64_t(b.bit), b.bigram, b.postings, cadres})
                        .status());
  }
  return base::Status::Ok();
}

base::Result<CommonBigramChoice> ChooseCommonBigrams(store::Transaction& tx, double min_share) {
  CommonBigramChoice out;
  ASSIGN_OR_RETURN(out.cadres, tx.QueryInt("SELECT COUNT(*) FROM cadres"));
  std::vector<BigramPostings> counted;
  RETURN_IF_ERROR(tx.ForEachRow("SELECT bigram, COUNT(*) FROM cadre_text_bigrams GROUP BY bigram",
                                {}, [&](const store::RowView& row) {
                                  counted.push_back({std::string(row.Text(0)), row.Int(1)});
                                  return base::Status::Ok();
                                }));
  out.chosen = PickCommonBigrams(std::move(counted), out.cadres, min_share);
  RETURN_IF_ERROR(RecordCommonBigrams(tx, out.chosen, out.cadres));

  // Every cadre's mask from the chosen bigrams' postings (read in key order, a range each),
  // then the rows whose stored mask differs.
  ASSIGN_OR_RETURN(const std::int64_t max_id,
                   tx.QueryInt("SELECT COALESCE(MAX(id), 0) FROM cadres"));
  std::vector<std::int64_t> masks(std::size_t(max_id) + 1, 0);
  for (const CommonBigram& b : out.chosen) {
    RETURN_IF_ERROR(tx.ForEachRow("SELECT cadre_id FROM cadre_text_bigrams WHERE bigram = ?",
                                  {b.bigram}, [&](const store::RowView& row) {
                                    const std::int64_t id = row.Int(0);
                                    if (id >= 0 && id <= max_id) {
                                      masks[std::size_t(id)] |= std::int64_t(1) << b.bit;
                                    }
                                    return base::Status::Ok();
                                  }));
  }
  std::vector<std::pair<std::int64_t, std::int64_t>> changed;
  RETURN_IF_ERROR(
      tx.ForEachRow("SELECT id, common_bigrams FROM cadres", {}, [&](const store::RowView& row) {
        const std::int64_t id = row.Int(0);
        if (row.Int(1) != masks[std::size_t(id)]) {
          changed.emplace_back(id, masks[std::size_t(id)]);
        }
        return base::Status::Ok();
      }));
  RETURN_IF_ERROR(WriteMasks(tx, changed));
  out.masks_changed = std::int64_t(changed.size());
  return out;
}

std::vector<store::Migration> CommonBigramMigrations() {
  // cadre_common_bigrams.cadres: how many cadres there were when the set was chosen (the same
  // on every row; `postings` is out of that many).
  return {
      {2026113000, "cadre: common full-text bigrams as a bit mask per cadre", R"sql(
ALTER TABLE cadres ADD COLUMN common_bigrams INTEGER NOT NULL DEFAULT 0;
CREATE TABLE cadre_common_bigrams (
  bit INTEGER PRIMARY KEY,
  bigram TEXT NOT NULL UNIQUE,
  postings INTEGER NOT NULL,
  cadres INTEGER NOT NULL
);
)sql",
       R"sql(
ALTER TABLE cadres ADD COLUMN common_bigrams BIGINT NOT NULL DEFAULT 0;
CREATE TABLE cadre_common_bigrams (
  bit INTEGER PRIMARY KEY,
  bigram TEXT COLLATE "C" NOT NULL UNIQUE,
  postings BIGINT NOT NULL,
  cadres BIGINT NOT NULL
);
)sql"},
  };
}

}  // namespace xr::cadre
