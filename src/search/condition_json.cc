// DecodeCondition and the field catalogue as JSON (GET /api/cadres/query/fields).

#include <nlohmann/json.hpp>

#include "cadre/text_tokens.h"
#include "search/cadre_query.h"
#include "search/condition_json.h"
#include "search/field_catalog.h"

namespace xr::search {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxListValues = 200;
constexpr std::size_t kMaxTextCharacters = 100;
constexpr std::size_t kMaxTermCharacters = 30;
constexpr std::int64_t kMaxNumber = 1000000;

base::Status Bad(const std::string& path, const std::string& message) {
  return base::InvalidArgument(message, path);
}

bool Allows(const FieldSpec& spec, Op op) {
  return std::find(spec.ops.begin(), spec.ops.end(), op) != spec.ops.end();
}

std::string Quoted(std::string_view text) { return "“" + std::string(text) + "”"; }

// One operand of `spec`'s type.
base::Result<Scalar> DecodeScalar(const FieldSpec& spec, const json& value,
                                  const std::string& path) {
  const std::string label(spec.label);
  switch (spec.type) {
    case FieldType::kNumber: {
      if (!value.is_number_integer()) return Bad(path, label + "须为整数");
      const std::int64_t n = value.get<std::int64_t>();
      if (n < 0 || n > kMaxNumber) return Bad(path, label + "超出范围（0–1000000）");
      return Scalar(n);
    }
    case FieldType::kUnit: {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 1) {
        return Bad(path, "单位须为单位编号（正整数）");
      }
      return Scalar(value.get<std::int64_t>());
    }
    case FieldType::kBoolean:
      if (!value.is_boolean()) return Bad(path, label + "须为 true 或 false");
      return Scalar(value.get<bool>());
    default:
      break;
  }
  if (!value.is_string()) return Bad(path, label + "须为文字");
  std::string text = value.get<std::string>();
  switch (spec.type) {
    case FieldType::kMonth: {
      auto month = base::YearMonth::Parse(text, path);
      if (!month.ok()) return Bad(path, label + "须为年月，如 2020-06");
      return Scalar(month->ToString());
    }
    case FieldType::kDate: {
      auto date = base::Date::Parse(text, path);
      if (!date.ok()) return Bad(path, label + "须为日期，如 2020-06-30");
      return Scalar(date->ToString());
    }
    case FieldType::kEnum:
    case FieldType::kRank:
      if (std::find(spec.options.begin(), spec.options.end(), text) == spec.options.end()) {
        return Bad(path, label + "没有" + Quoted(text) + "这一项");
      }
      return Scalar(std::move(text));
    case FieldType::kFulltext: {
      const std::size_t n = cadre::CharacterCount(text);
      if (n > kMaxTermCharacters) return Bad(path, "检索词不能超过 30 个字");
      if (cadre::TermBigrams(text).empty()) {
        return Bad(path, "检索词至少要有两个相连的汉字、字母或数字");
      }
      return Scalar(std::move(text));
    }
    default: {  // kText
      if (text.empty()) return Bad(path, label + "不能为空");
      if (cadre::CharacterCount(text) > kMaxTextCharacters) {
        return Bad(path, label + "不能超过 100 个字");
      }
      return Scalar(std::move(text));
    }
  }
}

// Orders two operands of one type (for between).
bool Less(const Scalar& a, const Scalar& b) { return a < b; }

base::Status DecodeValues(const FieldSpec& spec, Op op, const json& node, const std::string& path,
                          Condition& leaf) {
  const std::string value_path = path + ".value";
  const bool has_value = node.contains("value") && !node["value"].is_null();
  if (op == Op::kIsEmpty || op == Op::kNotEmpty) {
    if (has_value) return Bad(value_path, "“为空/不为空”不需要值");
    return base::Status::Ok();
  }
  if (!has_value) return Bad(value_path, "缺少条件的值");
  const json& value = node["value"];
  if (op == Op::kIn || op == Op::kNotIn || op == Op::kBetween) {
    if (!value.is_array()) return Bad(value_path, "值须为数组");
    if (op == Op::kBetween && value.size() != 2) {
      return Bad(value_path, "“介于”须给出两个值：下限和上限");
    }
    if (value.empty()) return Bad(value_path, "至少选择一项");
    if (value.size() > kMaxListValues) return Bad(value_path, "最多选择 200 项");
    for (std::size_t i = 0; i < value.size(); ++i) {
      ASSIGN_OR_RETURN(Scalar s,
                       DecodeScalar(spec, value[i], value_path + "[" + std::to_string(i) + "]"));
      leaf.values.push_back(std::move(s));
    }
    // Ladders (rank, education) are ordered by position, not by text: either order is a range.
    if (op == Op::kBetween && spec.options.empty() && Less(leaf.values[1], leaf.values[0])) {
      return Bad(value_path, "“介于”的下限不能大于上限");
    }
    return base::Status::Ok();
  }
  if (value.is_array()) return Bad(value_path, "该运算只取一个值");
  ASSIGN_OR_RETURN(Scalar s, DecodeScalar(spec, value, value_path));
  leaf.values.push_back(std::move(s));
  return base::Status::Ok();
}

base::Status DecodeParams(const FieldSpec& spec, const json& node, const std::string& path,
                          Condition& leaf) {
  if (!node.contains("params") || node["params"].is_null()) return base::Status::Ok();
  const std::string params_path = path + ".params";
  const json& params = node["params"];
  if (!params.is_object()) return Bad(params_path, "params 须为对象");
  for (auto it = params.begin(); it != params.end(); ++it) {
    const std::string param_path = params_path + "." + it.key();
    const FieldParam* param = nullptr;
    for (const FieldParam& p : spec.params) {
      if (p.name == it.key()) param = &p;
    }
    if (!param) return Bad(param_path, std::string(spec.label) + "没有参数 " + it.key());
    if (it.value().is_null()) continue;
    if (param->type == FieldType::kNumber) {
      if (!it.value().is_number_integer()) return Bad(param_path, std::string(param->label) + "须为整数");
      const std::int64_t n = it.value().get<std::int64_t>();
      if (n < param->min || n > param->max) {
        return Bad(param_path, std::string(param->label) + "须在 " + std::to_string(param->min) +
                                   "–" + std::to_string(param->max) + " 之间");
      }
      leaf.params[it.key()] = n;
    } else {
      auto date = it.value().is_string() ? base::Date::Parse(it.value().get<std::string>())
                                         : base::Result<base::Date>(base::InvalidArgument(""));
      if (!date.ok()) return Bad(param_path, std::string(param->label) + "须为日期，如 2026-01-01");
      leaf.params[it.key()] = date->ToString();
    }
  }
  auto from = leaf.params.find("from"), to = leaf.params.find("to");
  if (from != leaf.params.end() && to != leaf.params.end() && to->second < from->second) {
    return Bad(params_path + ".to", "截止日期不能早于起始日期");
  }
  return base::Status::Ok();
}

base::Result<Condition> DecodeNode(const json& node, const std::string& path, int depth,
                                   int& leaves) {
  if (!node.is_object()) return Bad(path, "条件须为对象");
  if (depth > kMaxConditionDepth) return Bad(path, "条件嵌套不能超过 8 层");
  Condition out;
  const bool all = node.contains("all"), any = node.contains("any"), negated = node.contains("not");
  const bool leaf = node.contains("field");
  if (int(all) + int(any) + int(negated) + int(leaf) != 1) {
    return Bad(path, "条件须是 all、any、not 或 field 之一");
  }
  if (all || any) {
    const char* key = all ? "all" : "any";
    const std::string group_path = path + "." + key;
    if (node.size() != 1) return Bad(path, std::string("条件组 ") + key + " 不能有其他键");
    const json& members = node[key];
    if (!members.is_array()) return Bad(group_path, "条件组须为数组");
    out.kind = all ? Condition::Kind::kAll : Condition::Kind::kAny;
    for (std::size_t i = 0; i < members.size(); ++i) {
      ASSIGN_OR_RETURN(Condition member, DecodeNode(members[i],
                                                    group_path + "[" + std::to_string(i) + "]",
                                                    depth + 1, leaves));
      out.children.push_back(std::move(member));
    }
    return out;
  }
  if (negated) {
    if (node.size() != 1) return Bad(path, "not 不能有其他键");
    out.kind = Condition::Kind::kNot;
    ASSIGN_OR_RETURN(Condition member, DecodeNode(node["not"], path + ".not", depth + 1, leaves));
    out.children.push_back(std::move(member));
    return out;
  }
  if (++leaves > kMaxConditionLeaves) return Bad(path, "条件不能超过 100 个");
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (it.key() != "field" && it.key() != "op" && it.key() != "value" && it.key() != "params") {
      return Bad(path + "." + it.key(), "条件中有无法识别的键 " + it.key());
    }
  }
  out.kind = Condition::Kind::kLeaf;
  if (!node["field"].is_string()) return Bad(path + ".field", "field 须为字段名");
  out.field = node["field"].get<std::string>();
  const FieldSpec* spec = FindField(out.field);
  if (!spec) return Bad(path + ".field", "没有可查询的字段 " + out.field);
  if (!node.contains("op") || !node["op"].is_string()) {
    return Bad(path + ".op", "缺少运算（op）");
  }
  auto op = OpFromName(node["op"].get<std::string>());
  if (!op || !Allows(*spec, *op)) {
    return Bad(path + ".op", std::string(spec->label) + "不支持运算 " + node["op"].get<std::string>());
  }
  out.op = *op;
  RETURN_IF_ERROR(DecodeValues(*spec, out.op, node, path, out));
  RETURN_IF_ERROR(DecodeParams(*spec, node, path, out));
  return out;
}

}  // namespace

base::Result<Condition> DecodeCondition(const json& node, std::string_view path) {
  int leaves = 0;
  return DecodeNode(node, std::string(path), 1, leaves);
}

nlohmann::json FieldCatalogJson() {
  json fields = json::array();
  for (const FieldSpec& spec : FieldCatalog()) {
    json ops = json::array();
    for (Op op : spec.ops) ops.push_back(OpName(op));
    json options = nullptr;
    if (!spec.options.empty()) {
      options = json::array();
      for (std::string_view o : spec.options) options.push_back(o);
    }
    json params = nullptr;
    if (!spec.params.empty()) {
      params = json::array();
      for (const FieldParam& p : spec.params) {
        json param{{"name", p.name},
                   {"label", p.label},
                   {"type", FieldTypeName(p.type)},
                   {"default", p.default_number ? json(*p.default_number) : json(nullptr)}};
        params.push_back(std::move(param));
      }
    }
    fields.push_back({{"field", spec.key},
                      {"label", spec.label},
                      {"group", spec.group},
                      {"type", FieldTypeName(spec.type)},
                      {"ops", std::move(ops)},
                      {"options", std::move(options)},
                      {"dictionary", spec.dictionary.empty() ? json(nullptr) : json(spec.dictionary)},
                      {"unit", spec.unit.empty() ? json(nullptr) : json(spec.unit)},
                      {"params", std::move(params)}});
  }
  json operators = json::object();
  for (Op op : kAllOps) operators[std::string(OpName(op))] = OpLabel(op);
  return {{"fields", std::move(fields)}, {"operators", std::move(operators)}};
}

}  // namespace xr::search
