#pragma once
// SQL for the dictionaries (table dict_items, dictionary_schema.cc).

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "cadre/dictionary.h"
#include "store/database.h"

namespace xr::cadre {

// Every dictionary item, each kind's items by sort_order then code: the snapshot the dossier
// rules read. Call it inside the transaction that validates, so the tables match what is saved.
base::Result<CodeTables> LoadCodeTables(store::Transaction& tx);

// One stored item with its kind and whether it is one of the national standard's (seeded by the
// migration: its code and label are fixed).
struct DictRow {
  std::string kind;
  DictItem item;
  bool builtin = false;
  friend bool operator==(const DictRow&, const DictRow&) = default;
};

class DictionaryRepository {
 public:
  explicit DictionaryRepository(store::Transaction& tx) : tx_(tx) {}

  // Every item, by kind, then sort_order, then code.
  base::Result<std::vector<DictRow>> ListAll();
  // The items of `kind` by sort_order, then code (empty for an unknown kind).
  base::Result<std::vector<DictRow>> List(std::string_view kind);
  // NotFound (field "code") when `kind` has no item with this code.
  base::Result<DictRow> Find(std::string_view kind, std::string_view code);
  // One more than the largest sort_order of `kind` (1 for an empty kind).
  base::Result<std::int64_t> NextSortOrder(std::string_view kind);
  // Inserts a non-builtin item. AlreadyExists (field "code" / "label") when the kind already has
  // an item with this code / label.
  base::Status Insert(std::string_view kind, const DictItem& item);
  // Writes label, sort_order and enabled of the stored item (kind, item.code). AlreadyExists
  // (field "label") when another item of the kind has the label; NotFound (field "code") when
  // there is no such item.
  base::Status Update(std::string_view kind, const DictItem& item);

 private:
  // AlreadyExists (field "label") when an item of `kind` other than `code` has `label`.
  base::Status CheckLabelFree(std::string_view kind, std::string_view label, std::string_view code);

  store::Transaction& tx_;
};

}  // namespace xr::cadre
