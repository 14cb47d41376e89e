#include "cadre/cadre_repository.h"

#include <algorithm>

#include "cadre/vocabulary.h"

namespace xr::cadre {
namespace {

constexpr std::string_view kSelect =
    "SELECT c.id, c.name, c.gender, c.birth_month, c.ethnicity, c.party, c.unit_id, u.name, "
    "c.post, c.rank, c.managing_body, c.sort_order, c.managing_unit_id, c.id_number_sealed ";
constexpr std::string_view kFrom = "FROM cadres c JOIN units u ON u.id = c.unit_id ";
constexpr int kTotalColumn = 14;  // PageSql's count, after the columns of kSelect

base::Result<Cadre> ReadCadre(const store::Row& row) {
  Cadre cadre;
  cadre.id = row.Id<CadreId>(0);
  cadre.name = row.Text(1);
  cadre.gender = row.Text(2);
  ASSIGN_OR_RETURN(cadre.birth_month, base::YearMonth::Parse(row.Text(3)));
  cadre.ethnicity = row.Text(4);
  cadre.party = row.Text(5);
  cadre.unit_id = row.Id<org::UnitId>(6);
  cadre.unit_name = row.Text(7);
  cadre.post = row.Text(8);
  cadre.rank = row.Text(9);
  cadre.managing_body = row.Text(10);
  cadre.sort_order = row.Int(11);
  if (!row.IsNull(12)) cadre.managing_unit_id = row.Id<org::UnitId>(12);
  if (!row.IsNull(13)) {
    cadre.id_number = row.Text(13);  // sealed; see CadreRepository
    cadre.id_number_stored = true;
  }
  return cadre;
}

// LIKE pattern matching `text` literally, with '\' as the escape character.
std::string ContainsPattern(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

// The least string above every string that starts with `prefix` (non-empty, its last byte
// below 0xFF): "/1/5/" → "/1/50", "zs" → "zt".
std::string PrefixEnd(std::string prefix) {
  prefix.back() = char(static_cast<unsigned char>(prefix.back()) + 1);
  return prefix;
}

// ORDER BY of each sort, ending in c.id so that pages never overlap. Fixed text only.
std::string OrderBy(CadreSort sort, bool descending) {
  const char* direction = descending ? " DESC" : "";
  auto key = [&](std::string_view column) { return std::string(column) + direction; };
  switch (sort) {
    case CadreSort::kPosition:
      break;
    case CadreSort::kStroke:
      // Exactly the index cadres_name_sort_key (name_sort_key, id): a page is an index range.
      return key("c.name_sort_key") + ", " + key("c.id");
    case CadreSort::kAge:
      return key("c.birth_month") + ", u.sort_key, c.sort_order, c.id";
    case CadreSort::kPostStart:
      // Cadres without a current post last, in either direction (the engines disagree on
      // where NULL sorts).
      return "(c.post_start_month IS NULL), " + key("c.post_start_month") +
             ", u.sort_key, c.sort_order, c.id";
  }
  return key("u.sort_key") + ", " + key("c.sort_order") + ", " + key("c.id");
}

// The page of `where` in `order`: the page's ids first — from index entries alone where an index
// covers the condition and the order (a "deferred join") — and then only the page's rows, rather
// than reading every matching row to sort them. With `total_in_page` the ids' pass also counts
// all matches, as the last column. Its parameters: those of `where`, then LIMIT and OFFSET.
// The FROM of the query that picks a page's ids. Given the join, SQLite puts the units in the
// outer loop and sorts every scoped cadre; in 姓氏笔画 order the cadres must come first, so that
// cadres_name_sort_key gives the order and a page stops after its rows (the whole city: 10.9 s
// → 2 ms; a district still reads its cadres by cadres_managed and sorts them). CROSS JOIN is
// how SQLite is told a join's order; PostgreSQL weighs the LIMIT itself.
std::string_view PageFrom(store::Dialect dialect, CadreSort sort) {
  return dialect == store::Dialect::kSqlite && sort == CadreSort::kStroke
             ? "FROM cadres c CROSS JOIN units u ON u.id = c.unit_id "
             : kFrom;
}

std::string PageSql(std::string_view from, const std::string& where, const std::string& order,
                    bool total_in_page) {
  if (!total_in_page) {
    return std::string(kSelect) + std::string(kFrom) + "WHERE c.id IN (SELECT c.id " +
           std::string(from) + where + " ORDER BY " + order + " LIMIT ? OFFSET ?) ORDER BY " +
           order;
  }
  return std::string(kSelect) + ", p.total FROM (SELECT c.id, COUNT(*) OVER () AS total " +
         std::string(from) + where + " ORDER BY " + order +
         " LIMIT ? OFFSET ?) p JOIN cadres c ON c.id = p.id JOIN units u ON u.id = c.unit_id "
         "ORDER BY " +
         order;
}

}  // namespace

base::Result<CadreId> CadreRepository::Insert(const Cadre& c) {
  auto id = tx_.QueryInt(
      "INSERT INTO cadres (name, gender, birth_month, ethnicity, party, unit_id, post, rank, "
      "managing_body, managing_unit_id, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {c.name, c.gender, c.birth_month, c.ethnicity, c.party, c.unit_id, c.post, c.rank,
       c.managing_body, c.managing_unit_id, c.sort_order});
  if (!id.ok() && id.status().code() == base::StatusCode::kFailedPrecondition) {
    return base::NotFound("所在单位或管理单位不存在", "unit_id");
  }
  if (!id.ok()) return id.status();
  return CadreId(*id);
}

base::Status CadreRepository::SetIdNumberSealed(CadreId id, const std::string& sealed) {
  ASSIGN_OR_RETURN(
      std::int64_t changed,
      tx_.Execute("UPDATE cadres SET id_number_sealed = ? WHERE id = ?", {sealed, id}));
  if (changed != 1) return base::NotFound("干部不存在");
  return base::Status::Ok();
}

base::Result<Cadre> CadreRepository::Find(CadreId id, const ScopePredicate& scope) {
  store::Params params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  ASSIGN_OR_RETURN(store::Row row,
                   tx_.QueryOne(std::string(kSelect) + std::string(kFrom) + "WHERE c.id = ?" +
                                    (scope.sql.empty() ? "" : " AND " + scope.sql),
                                params, "干部不存在"));
  return ReadCadre(row);
}

base::Result<CadreRepository::ListStatements> CadreRepository::ListSql(
    const CadreQuery& query, const ScopePredicate& scope,
    const std::optional<std::string>& id_number_index) {
  ASSIGN_OR_RETURN(QuickSearch search, ParseQuickSearch(query.q));
  bool matches_nothing = false;
  // The condition is assembled from fixed fragments; every value is a bound parameter.
  std::string where = "1 = 1";
  store::Params params;
  if (!scope.sql.empty()) {
    where += " AND " + scope.sql;
    params = scope.params;
  }
  if (query.status != "all") {
    where += " AND c.status = ?";
    params.emplace_back(query.status);
  }
  if (query.unit_id) {
    ASSIGN_OR_RETURN(store::Row unit, tx_.QueryOne("SELECT path FROM units WHERE id = ?",
                                                   {*query.unit_id}, "机构不存在"));
    // The subtree of "/1/5/" is every path in ["/1/5/", "/1/50"): '0' follows '/' in ASCII.
    std::string low = unit.Text(0);
    where += " AND u.path >= ? AND u.path < ?";
    params.emplace_back(low);
    params.emplace_back(PrefixEnd(low));
  }
  if (!query.name_contains.empty()) {
    where += " AND c.name LIKE ? ESCAPE '\\'";
    params.emplace_back(ContainsPattern(query.name_contains));
  }
  switch (search.kind) {
    case QuickSearch::Kind::kNone:
      break;
    case QuickSearch::Kind::kName:
      where += " AND c.name LIKE ? ESCAPE '\\'";
      params.emplace_back(ContainsPattern(search.text));
      break;
    case QuickSearch::Kind::kInitials:
      // A prefix as an index range (LIKE would not use the index on SQLite).
      where += " AND c.name_initials >= ? AND c.name_initials < ?";
      params.emplace_back(search.text);
      params.emplace_back(PrefixEnd(search.text));
      break;
    case QuickSearch::Kind::kIdNumber:
      // No index key yet: no cadre has an index, so none matches.
      matches_nothing = !id_number_index.has_value();
      where += " AND c.id_number_index = ?";
      params.emplace_back(id_number_index.value_or(""));
      break;
  }
  ListStatements out = ListWhereSql(where, params, query.sort, query.descending, query.page,
                                    query.page_size, Total::kSeparately);
  out.matches_nothing = matches_nothing;
  return out;
}

base::Result<CadrePage> CadreRepository::List(const CadreQuery& query, const ScopePredicate& scope,
                                              const std::optional<std::string>& id_number_index) {
  ASSIGN_OR_RETURN(ListStatements statements, ListSql(query, scope, id_number_index));
  return RunList(statements);
}

base::Result<CadrePage> CadreRepository::RunList(const ListStatements& statements) {
  CadrePage page;
  if (statements.matches_nothing) return page;
  if (!statements.total_in_page) {
    ASSIGN_OR_RETURN(page.total, tx_.QueryInt(statements.count_sql, statements.count_params));
    // A page past the end needs no second pass.
    if (page.total <= statements.offset) return page;
  }
  ASSIGN_OR_RETURN(store::Rows rows, tx_.Query(statements.page_sql, statements.page_params));
  page.items.reserve(rows.size());
  for (const store::Row& row : rows) {
    ASSIGN_OR_RETURN(Cadre cadre, ReadCadre(row));
    page.items.push_back(std::move(cadre));
  }
  if (statements.total_in_page) {
    if (!rows.empty()) {
      page.total = rows.front().Int(kTotalColumn);
    } else if (statements.offset > 0) {
      // A page past the end carries no count.
      ASSIGN_OR_RETURN(page.total, tx_.QueryInt(statements.count_sql, statements.count_params));
    }
  }
  return page;
}

CadreRepository::ListStatements CadreRepository::ListWhereSql(std::string_view where,
                                                              const store::Params& params,
                                                              CadreSort sort, bool descending,
                                                              int page, int page_size,
                                                              Total total) const {
  ListStatements out;
  const std::string clause = "WHERE " + std::string(where);
  out.total_in_page = total == Total::kInPage;
  out.count_sql = "SELECT COUNT(*) " + std::string(kFrom) + clause;
  out.count_params = params;
  out.page_sql =
      PageSql(PageFrom(tx_.dialect(), sort), clause, OrderBy(sort, descending), out.total_in_page);
  out.page_params = params;
  out.offset = std::int64_t{page - 1} * page_size;
  out.page_params.emplace_back(page_size);
  out.page_params.emplace_back(out.offset);
  return out;
}

base::Result<CadrePage> CadreRepository::ListWhere(std::string_view where,
                                                   const store::Params& params, CadreSort sort,
                                                   bool descending, int page, int page_size,
                                                   Total total) {
  return RunList(ListWhereSql(where, params, sort, descending, page, page_size, total));
}

base::Result<std::int64_t> CadreRepository::Count(const ScopePredicate& scope) {
  return tx_.QueryInt(
      "SELECT COUNT(*) " + std::string(kFrom) + (scope.sql.empty() ? "" : "WHERE " + scope.sql),
      scope.params);
}

base::Result<std::vector<RankCount>> CadreRepository::CountByRank(const ScopePredicate& scope) {
  ASSIGN_OR_RETURN(store::Rows rows, tx_.Query("SELECT c.rank, COUNT(*) " + std::string(kFrom) +
                                                   (scope.sql.empty() ? "" : "WHERE " + scope.sql) +
                                                   " GROUP BY c.rank",
                                               scope.params));
  std::vector<RankCount> counts;
  for (const store::Row& row : rows) counts.push_back({row.Text(0), row.Int(1)});
  auto ladder_position = [](const RankCount& c) {
    auto ranks = Ranks();
    return std::find(ranks.begin(), ranks.end(), c.rank) - ranks.begin();
  };
  std::sort(counts.begin(), counts.end(), [&](const RankCount& a, const RankCount& b) {
    return ladder_position(a) < ladder_position(b);
  });
  return counts;
}

}  // namespace xr::cadre
