#include "cadre/dossier_rules.h"

#include "cadre/id_number.h"

namespace xr::cadre {
namespace {

base::YearMonth MonthOf(base::Date date) {
  return base::YearMonth::FromYm(date.year(), date.month()).value();
}

size_t CharacterCount(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

base::Status FillCode(Coded& value, const CodeTables& tables, std::string_view kind,
                      std::string_view what, const std::string& field) {
  if (value.label.empty()) return base::InvalidArgument("请填写" + std::string(what), field);
  const std::optional<DictItem> item = tables.ByLabel(kind, value.label);
  if (!item) {
    return base::InvalidArgument(
        std::string(what) + "“" + value.label + "”不在字典中，请从列表中选择", field);
  }
  value.code = item->code;
  return base::Status();
}

}  // namespace

base::Result<std::vector<RuleFinding>> ValidateDossier(Dossier& dossier, const CodeTables& tables,
                                                       base::Date today) {
  const base::YearMonth this_month = MonthOf(today);
  const size_t name_length = CharacterCount(dossier.name);
  if (name_length < 2 || name_length > 20 || dossier.name.find(' ') != std::string::npos) {
    return base::InvalidArgument("姓名须为 2 至 20 个字，不含空格", "name");
  }
  RETURN_IF_ERROR(FillCode(dossier.gender, tables, kDictGender, "性别", "gender"));
  if (dossier.birth_month > this_month) {
    return base::InvalidArgument("出生年月不能晚于本月", "birth_month");
  }
  if (dossier.id_number) {
    ASSIGN_OR_RETURN(*dossier.id_number, NormalizeIdNumber(*dossier.id_number));
  }
  if (dossier.unit_id.value() <= 0) return base::InvalidArgument("请选择所在单位", "unit_id");
  return DossierWarnings(dossier, today);
}

std::vector<RuleFinding> DossierWarnings(const Dossier&, base::Date) { return {}; }

}  // namespace xr::cadre
