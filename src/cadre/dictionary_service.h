#pragma once
// Use cases on the dictionaries (字典管理, RuoYi style): every signed-in user reads them (they
// are public standards, used to fill the form's selects); changing them needs dict.manage.
//
// Items are never deleted — a disabled item stays readable on old records and is refused on new
// input. Built-in items (the national standard, seeded by migration) keep their code and label;
// only their sort order and enabled flag change. Every change appends one entry to the
// full-process record (`dict.create`, `dict.update`, object type `dict_item`, object id
// "<kind>/<code>") in its own transaction.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.h"
#include "access/recorder.h"
#include "cadre/dictionary_repository.h"
#include "store/database.h"

namespace xr::cadre {

// A dictionary kind: its API name (dictionary.h), 中文名称 and the standard its built-in items
// come from.
struct DictionaryKind {
  std::string_view kind;
  std::string_view name;
  std::string_view standard;
};

// The seven kinds, in the order the 字典管理 page lists them.
std::span<const DictionaryKind> DictionaryKinds();
// nullopt for an unknown kind.
std::optional<DictionaryKind> FindDictionaryKind(std::string_view kind);

struct Dictionary {
  DictionaryKind kind;
  std::vector<DictRow> items;  // by sort_order, then code
};

struct NewDictItem {
  std::string code;
  std::string label;
  std::optional<std::int64_t> sort_order;  // nullopt: after the kind's last item
  bool enabled = true;
};

// A partial edit; only the fields present change.
struct DictItemUpdate {
  std::optional<std::string> label;
  std::optional<std::int64_t> sort_order;
  std::optional<bool> enabled;
};

// Pure checks, InvalidArgument naming the field:
//   code: 1–10 characters of [0-9A-Za-z] (field "code");
//   label: 1–30 characters after trimming surrounding white space, no control characters
//          (field "label");
//   sort_order: 0–999999999 (field "sort_order").
base::Status ValidateDictCode(std::string_view code);
base::Status ValidateDictLabel(std::string_view label);
base::Status ValidateDictSortOrder(std::int64_t sort_order);
// `label` without surrounding ASCII white space and U+3000 (ideographic space).
std::string TrimLabel(std::string_view label);

class DictionaryService {
 public:
  DictionaryService(store::Database& db, const access::Recorder& recorder)
      : db_(db), recorder_(recorder) {}

  // Every kind with its items, in DictionaryKinds() order.
  base::Result<std::vector<Dictionary>> List(const access::Actor& actor);
  // NotFound (field "kind") for an unknown kind.
  base::Result<Dictionary> Get(const access::Actor& actor, std::string_view kind);

  // PermissionDenied without dict.manage; NotFound (field "kind"); InvalidArgument per the
  // checks above; AlreadyExists (field "code" / "label") when the kind has an item with that
  // code / label. The label is stored trimmed. Returns the stored item (builtin false).
  base::Result<DictRow> AddItem(const access::Actor& actor, std::string_view kind,
                                const NewDictItem& item);
  // PermissionDenied without dict.manage; NotFound (field "kind" / "code"); InvalidArgument per
  // the checks above; FailedPrecondition (field "label") for a new label on a built-in item;
  // AlreadyExists (field "label") when another item has the label. A request that changes
  // nothing writes nothing. Returns the item as it is afterwards.
  base::Result<DictRow> UpdateItem(const access::Actor& actor, std::string_view kind,
                                   std::string_view code, const DictItemUpdate& update);

 private:
  store::Database& db_;
  const access::Recorder& recorder_;
};

}  // namespace xr::cadre
