#include "cadre/dictionary_service.h"

#include <algorithm>
#include <array>

#include "cadre/dictionary_permissions.h"

namespace xr::cadre {
namespace {

constexpr std::array<DictionaryKind, 7> kKinds{{
    {kDictGender, "性别", "GB/T 2261.1-2003 人的性别代码"},
    {kDictEthnicity, "民族", "GB/T 3304-1991 中国各民族名称的罗马字母拼写法和代码"},
    {kDictParty, "政治面貌", "GB/T 4762-1984 政治面貌代码"},
    {kDictEducationLevel, "学历", "GB/T 4658-2006 学历代码"},
    {kDictDegree, "学位", "GB/T 6864-2003 中华人民共和国学位代码"},
    {kDictRelation, "称谓", "GB/T 4761-2008 家庭关系代码"},
    {kDictHealth, "健康状况", "GB/T 2261.3-2003 健康状况代码"},
}};

constexpr std::int64_t kMaxSortOrder = 999999999;

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

base::Result<DictionaryKind> RequireKind(std::string_view kind) {
  std::optional<DictionaryKind> found = FindDictionaryKind(kind);
  if (!found) return base::NotFound("字典不存在：" + std::string(kind), "kind");
  return *found;
}

std::string ItemId(std::string_view kind, std::string_view code) {
  return std::string(kind) + "/" + std::string(code);
}

std::string EnabledText(bool enabled) { return enabled ? "启用" : "停用"; }

}  // namespace

std::span<const DictionaryKind> DictionaryKinds() { return kKinds; }

std::optional<DictionaryKind> FindDictionaryKind(std::string_view kind) {
  for (const DictionaryKind& k : kKinds) {
    if (k.kind == kind) return k;
  }
  return std::nullopt;
}

base::Status ValidateDictCode(std::string_view code) {
  const bool alphanumeric = std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  });
  if (code.empty() || code.size() > 10 || !alphanumeric) {
    return base::InvalidArgument("代码应为 1–10 位字母或数字", "code");
  }
  return base::Status::Ok();
}

std::string TrimLabel(std::string_view label) {
  constexpr std::string_view kIdeographicSpace = "\u3000";
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    while (!label.empty() && (label.front() == ' ' || label.front() == '\t')) {
      label.remove_prefix(1);
      trimmed = true;
    }
    while (!label.empty() && (label.back() == ' ' || label.back() == '\t')) {
      label.remove_suffix(1);
      trimmed = true;
    }
    if (label.starts_with(kIdeographicSpace)) {
      label.remove_prefix(kIdeographicSpace.size());
      trimmed = true;
    }
    if (label.ends_with(kIdeographicSpace)) {
      label.remove_suffix(kIdeographicSpace.size());
      trimmed = true;
    }
  }
  return std::string(label);
}

base::Status ValidateDictLabel(std::string_view label) {
  const std::string trimmed = TrimLabel(label);
  if (trimmed.empty() || Utf8Length(trimmed) > 30) {
    return base::InvalidArgument("名称应为 1–30 个字符", "label");
  }
  const bool has_control = std::any_of(trimmed.begin(), trimmed.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
  });
  if (has_control) return base::InvalidArgument("名称不能含换行等控制字符", "label");
  return base::Status::Ok();
}

base::Status ValidateDictSortOrder(std::int64_t sort_order) {
  if (sort_order < 0 || sort_order > kMaxSortOrder) {
    return base::InvalidArgument("排序号应为 0–999999999 的整数", "sort_order");
  }
  return base::Status::Ok();
}

base::Result<std::vector<Dictionary>> DictionaryService::List(const access::Actor&) {
  return db_.TransactValue<std::vector<Dictionary>>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<std::vector<Dictionary>> {
        ASSIGN_OR_RETURN(std::vector<DictRow> rows, DictionaryRepository(tx).ListAll());
        std::vector<Dictionary> out;
        for (const DictionaryKind& kind : kKinds) out.push_back({kind, {}});
        for (DictRow& row : rows) {
          for (Dictionary& dictionary : out) {
            if (dictionary.kind.kind == row.kind) {
              dictionary.items.push_back(std::move(row));
              break;
            }
          }
        }
        return out;
      });
}

base::Result<Dictionary> DictionaryService::Get(const access::Actor&, std::string_view kind) {
  ASSIGN_OR_RETURN(DictionaryKind found, RequireKind(kind));
  return db_.TransactValue<Dictionary>(
      store::TxMode::kRead, [&](store::Transaction& tx) -> base::Result<Dictionary> {
        ASSIGN_OR_RETURN(std::vector<DictRow> items, DictionaryRepository(tx).List(kind));
        return Dictionary{found, std::move(items)};
      });
}

base::Result<DictRow> DictionaryService::AddItem(const access::Actor& actor, std::string_view kind,
                                                 const NewDictItem& item) {
  RETURN_IF_ERROR(access::Require(actor, kDictManage));
  ASSIGN_OR_RETURN(DictionaryKind found, RequireKind(kind));
  RETURN_IF_ERROR(ValidateDictCode(item.code));
  RETURN_IF_ERROR(ValidateDictLabel(item.label));
  if (item.sort_order) RETURN_IF_ERROR(ValidateDictSortOrder(*item.sort_order));
  return db_.TransactValue<DictRow>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<DictRow> {
        DictionaryRepository repository(tx);
        DictRow row{std::string(kind), {item.code, TrimLabel(item.label), 0, item.enabled}, false};
        if (item.sort_order) {
          row.item.sort_order = *item.sort_order;
        } else {
          ASSIGN_OR_RETURN(row.item.sort_order, repository.NextSortOrder(kind));
        }
        RETURN_IF_ERROR(repository.Insert(kind, row.item));
        RETURN_IF_ERROR(recorder_.Write(tx, actor, "dict.create", "dict_item",
                                        ItemId(kind, row.item.code),
                                        {{"dictionary", std::string(found.name)},
                                         {"code", row.item.code},
                                         {"label", row.item.label},
                                         {"sort_order", std::to_string(row.item.sort_order)},
                                         {"enabled", EnabledText(row.item.enabled)}}));
        return row;
      });
}

base::Result<DictRow> DictionaryService::UpdateItem(const access::Actor& actor,
                                                    std::string_view kind, std::string_view code,
                                                    const DictItemUpdate& update) {
  RETURN_IF_ERROR(access::Require(actor, kDictManage));
  ASSIGN_OR_RETURN(DictionaryKind found, RequireKind(kind));
  if (update.label) RETURN_IF_ERROR(ValidateDictLabel(*update.label));
  if (update.sort_order) RETURN_IF_ERROR(ValidateDictSortOrder(*update.sort_order));
  return db_.TransactValue<DictRow>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<DictRow> {
        DictionaryRepository repository(tx);
        ASSIGN_OR_RETURN(DictRow row, repository.Find(kind, code));
        const DictItem before = row.item;
        if (update.label) row.item.label = TrimLabel(*update.label);
        row.item.sort_order = update.sort_order.value_or(row.item.sort_order);
        row.item.enabled = update.enabled.value_or(row.item.enabled);
        if (row.item == before) return row;
        if (row.builtin && row.item.label != before.label) {
          return base::FailedPrecondition("“" + before.label + "”是国家标准（" +
                                              std::string(found.standard) +
                                              "）的内置项，名称不能修改，可调整排序或停用",
                                          "label");
        }
        RETURN_IF_ERROR(repository.Update(kind, row.item));
        access::Recorder::Details details{{"dictionary", std::string(found.name)},
                                          {"code", row.item.code}};
        if (row.item.label != before.label) {
          details.emplace_back("label", before.label + " → " + row.item.label);
        } else {
          details.emplace_back("label", row.item.label);
        }
        if (row.item.sort_order != before.sort_order) {
          details.emplace_back("sort_order", std::to_string(before.sort_order) + " → " +
                                                 std::to_string(row.item.sort_order));
        }
        if (row.item.enabled != before.enabled) {
          details.emplace_back("enabled",
                               EnabledText(before.enabled) + " → " + EnabledText(row.item.enabled));
        }
        RETURN_IF_ERROR(recorder_.Write(tx, actor, "dict.update", "dict_item",
                                        ItemId(kind, row.item.code), std::move(details)));
        return row;
      });
}

}  // namespace xr::cadre
