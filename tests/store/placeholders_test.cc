#include "store/postgres/placeholders.h"

#include <gtest/gtest.h>

namespace xr::store::postgres {
namespace {

struct Case {
  const char* in;
  const char* out;
  int count;
};

TEST(RewritePlaceholdersTest, Table) {
  const Case cases[] = {
      {"SELECT 1", "SELECT 1", 0},
      {"SELECT ?", "SELECT $1", 1},
      {"INSERT INTO t VALUES (?, ?, ?)", "INSERT INTO t VALUES ($1, $2, $3)", 3},
      {"SELECT '?' , ?", "SELECT '?' , $1", 1},
      {"SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1},
      {"SELECT E'a\\'?', ?", "SELECT E'a\\'?', $1", 1},
      {"SELECT \"a?b\" FROM t WHERE x = ?", "SELECT \"a?b\" FROM t WHERE x = $1", 1},
      {"SELECT \"a\"\"?\" , ?", "SELECT \"a\"\"?\" , $1", 1},
      {"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2},
      {"SELECT /* ? /* nested ? */ ? */ ?", "SELECT /* ? /* nested ? */ ? */ $1", 1},
      {"SELECT $$ a ? $$, ?", "SELECT $$ a ? $$, $1", 1},
      {"SELECT $tag$ ? $tag$, ?", "SELECT $tag$ ? $tag$, $1", 1},
      {"SELECT '中文?', ?", "SELECT '中文?', $1", 1},
      {"SELECT 'unterminated ?", "SELECT 'unterminated ?", 0},
      {"SELECT x FROM t WHERE a=?AND b=?", "SELECT x FROM t WHERE a=$1AND b=$2", 2},
  };
  for (const Case& c : cases) {
    RewrittenSql r = RewritePlaceholders(c.in);
    EXPECT_EQ(r.sql, c.out) << c.in;
    EXPECT_EQ(r.placeholders, c.count) << c.in;
  }
}

TEST(RedactUrlTest, RemovesPasswords) {
  EXPECT_EQ(RedactUrl("postgresql://xr:s3cret@db.example:5432/xuanren"),
            "postgresql://xr@db.example:5432/xuanren");
  EXPECT_EQ(RedactUrl("postgres://xr@host/db"), "postgres://xr@host/db");
  EXPECT_EQ(RedactUrl("postgresql://xr:p%40ss@host/db?sslmode=require&password=x"),
            "postgresql://xr@host/db?sslmode=require");
  EXPECT_EQ(RedactUrl("postgresql://host/db?password=x"), "postgresql://host/db");
  EXPECT_EQ(RedactUrl("postgresql://[::1]:5432/db"), "postgresql://[::1]:5432/db");
}

}  // namespace
}  // namespace xr::store::postgres
