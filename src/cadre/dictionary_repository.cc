#include "cadre/dictionary_repository.h"

#include <map>

namespace xr::cadre {
namespace {

constexpr std::string_view kColumns =
    "SELECT kind, code, label, sort_order, enabled, builtin FROM dict_items ";
constexpr std::string_view kOrder = " ORDER BY kind, sort_order, code";

DictRow ReadRow(const store::Row& row) {
  DictRow out;
  out.kind = row.Text(0);
  out.item.code = row.Text(1);
  out.item.label = row.Text(2);
  out.item.sort_order = row.Int(3);
  out.item.enabled = row.Bool(4);
  out.builtin = row.Bool(5);
  return out;
}

std::vector<DictRow> ReadRows(const store::Rows& rows) {
  std::vector<DictRow> out;
  out.reserve(rows.size());
  for (const store::Row& row : rows) out.push_back(ReadRow(row));
  return out;
}

}  // namespace

base::Result<CodeTables> LoadCodeTables(store::Transaction& tx) {
  ASSIGN_OR_RETURN(std::vector<DictRow> rows, DictionaryRepository(tx).ListAll());
  std::map<std::string, std::vector<DictItem>, std::less<>> items;
  for (DictRow& row : rows) items[row.kind].push_back(std::move(row.item));
  return CodeTables(std::move(items));
}

base::Result<std::vector<DictRow>> DictionaryRepository::ListAll() {
  ASSIGN_OR_RETURN(store::Rows rows, tx_.Query(std::string(kColumns) + std::string(kOrder)));
  return ReadRows(rows);
}

base::Result<std::vector<DictRow>> DictionaryRepository::List(std::string_view kind) {
  ASSIGN_OR_RETURN(
      store::Rows rows,
      tx_.Query(std::string(kColumns) + "WHERE kind = ?" + std::string(kOrder), {kind}));
  return ReadRows(rows);
}

base::Result<DictRow> DictionaryRepository::Find(std::string_view kind, std::string_view code) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   tx_.Query(std::string(kColumns) + "WHERE kind = ? AND code = ?", {kind, code}));
  if (rows.empty()) return base::NotFound("字典项不存在：" + std::string(code), "code");
  return ReadRow(rows.front());
}

base::Result<std::int64_t> DictionaryRepository::NextSortOrder(std::string_view kind) {
  return tx_.QueryInt("SELECT COALESCE(MAX(sort_order), 0) + 1 FROM dict_items WHERE kind = ?",
                      {kind});
}

base::Status DictionaryRepository::CheckLabelFree(std::string_view kind, std::string_view label,
                                                  std::string_view code) {
  ASSIGN_OR_RETURN(
      store::Rows rows,
      tx_.Query("SELECT code FROM dict_items WHERE kind = ? AND label = ? AND code <> ?",
                {kind, label, code}));
  if (!rows.empty()) {
    return base::AlreadyExists(
        "名称“" + std::string(label) + "”已被代码 " + rows.front().Text(0) + " 使用", "label");
  }
  return base::Status::Ok();
}

// Duplicates are answered before the statement: after a failed statement a PostgreSQL
// transaction can only roll back.
base::Status DictionaryRepository::Insert(std::string_view kind, const DictItem& item) {
  ASSIGN_OR_RETURN(std::int64_t taken,
                   tx_.QueryInt("SELECT COUNT(*) FROM dict_items WHERE kind = ? AND code = ?",
                                {kind, item.code}));
  if (taken > 0) return base::AlreadyExists("代码 " + item.code + " 已存在", "code");
  RETURN_IF_ERROR(CheckLabelFree(kind, item.label, item.code));
  auto inserted = tx_.Execute(
      "INSERT INTO dict_items (kind, code, label, sort_order, enabled, builtin) "
      "VALUES (?, ?, ?, ?, ?, 0)",
      {kind, item.code, item.label, item.sort_order, item.enabled});
  if (!inserted.ok() && inserted.status().code() == base::StatusCode::kAlreadyExists) {
    return base::AlreadyExists("代码或名称已存在", "code");
  }
  return inserted.status();
}

base::Status DictionaryRepository::Update(std::string_view kind, const DictItem& item) {
  RETURN_IF_ERROR(CheckLabelFree(kind, item.label, item.code));
  ASSIGN_OR_RETURN(std::int64_t changed,
                   tx_.Execute("UPDATE dict_items SET label = ?, sort_order = ?, enabled = ? "
                               "WHERE kind = ? AND code = ?",
                               {item.label, item.sort_order, item.enabled, kind, item.code}));
  if (changed == 0) return base::NotFound("字典项不存在：" + item.code, "code");
  return base::Status::Ok();
}

}  // namespace xr::cadre
