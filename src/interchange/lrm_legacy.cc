#include "interchange/lrm_legacy.h"

#include <vector>

namespace xr::interchange {
namespace {

std::vector<std::string> SplitOn(std::string_view text, std::string_view separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t at = text.find(separator); at != std::string_view::npos;
       at = text.find(separator, start)) {
    parts.emplace_back(text.substr(start, at - start));
    start = at + separator.size();
  }
  parts.emplace_back(text.substr(start));
  return parts;
}

std::string Clean(std::string text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      out += '\n';
      continue;
    }
    out += text[i];
  }
  const size_t begin = out.find_first_not_of(" \t\n");
  if (begin == std::string::npos) return {};
  const size_t end = out.find_last_not_of(" \t\n");
  return out.substr(begin, end - begin + 1);
}

// "a#b@c#d" → {a, b, c, d} (学历#学位@在职学历#在职学位).
std::vector<std::string> EducationParts(const std::string& text) {
  std::vector<std::string> out(4);
  const std::vector<std::string> kinds = SplitOn(text, "@");
  for (size_t k = 0; k < 2 && k < kinds.size(); ++k) {
    const std::vector<std::string> pair = SplitOn(kinds[k], "#");
    for (size_t j = 0; j < 2 && j < pair.size(); ++j) out[k * 2 + j] = Clean(pair[j]);
  }
  return out;
}

}  // namespace

base::Result<LrmxDocument> ParseLrm(std::string_view bytes, std::string_view photo) {
  if (bytes.size() > kLrmxMaxFileBytes)
    return base::InvalidArgument("文件超过 20 MB，不是正常的任免审批表文件", "file");
  if (photo.size() > kLrmxMaxPhotoBytes) return base::InvalidArgument("照片超过 5 MB", "ZhaoPian");
  std::string text;
  if (IsValidUtf8(bytes)) {
    text = std::string(bytes);
  } else {
    ASSIGN_OR_RETURN(text, ConvertToUtf8(bytes, "GB18030", "GBK"));
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  std::string_view body = text;
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r' || body.back() == ' '))
    body.remove_suffix(1);
  while (!body.empty() && (body.front() == ' ' || body.front() == '\n' || body.front() == '\r'))
    body.remove_prefix(1);
  if (!body.starts_with("\"") || !body.ends_with("\"") || body.size() < 2) {
    return base::InvalidArgument("不是任免表 2.0（.lrm）文件：内容应为以 \",\" 分隔的带引号字段",
                                 "file");
  }
  body = body.substr(1, body.size() - 2);
  std::vector<std::string> f = SplitOn(body, "\",\"");
  if (f.size() < 25) {
    return base::InvalidArgument("不是任免表 2.0（.lrm）文件：只有 " + std::to_string(f.size()) +
                                     " 个字段（至少应有 25 个）",
                                 "file");
  }
  f.resize(std::max<size_t>(f.size(), 33));
  for (std::string& field : f) field = Clean(std::move(field));

  LrmxDocument doc;
  auto put = [&](std::string_view element, const std::string& value) {
    if (!value.empty()) doc.fields[std::string(element)] = value;
  };
  put("XingMing", f[0]);
  put("XingBie", f[1]);
  put("ChuShengNianYue", f[2]);
  put("MinZu", f[3]);
  put("JiGuan", f[4]);
  put("RuDangShiJian", f[5]);
  put("JianKangZhuangKuang", f[6]);
  put("ChuShengDi", f[7]);
  put("CanJiaGongZuoShiJian", f[8]);
  const std::vector<std::string> levels = EducationParts(f[9]);
  const std::vector<std::string> schools = EducationParts(f[10]);
  put("QuanRiZhiJiaoYu_XueLi", levels[0]);
  put("QuanRiZhiJiaoYu_XueWei", levels[1]);
  put("ZaiZhiJiaoYu_XueLi", levels[2]);
  put("ZaiZhiJiaoYu_XueWei", levels[3]);
  put("QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", schools[0]);
  put("QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", schools[1]);
  put("ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", schools[2]);
  put("ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", schools[3]);
  put("ZhuanYeJiShuZhiWu", f[11]);
  put("ShuXiZhuanYeYouHeZhuanChang", f[16]);
  put("JianLi", f[17]);
  put("JiangChengQingKuang", f[18]);
  put("NianDuKaoHeJieGuo", f[19]);
  const std::vector<std::string> relations = SplitOn(f[20], "@");
  const std::vector<std::string> names = SplitOn(f[21], "@");
  const std::vector<std::string> births = SplitOn(f[22], "@");
  const std::vector<std::string> parties = SplitOn(f[23], "@");
  const std::vector<std::string> employers = SplitOn(f[24], "@");
  auto at = [](const std::vector<std::string>& list, size_t i) {
    return i < list.size() ? Clean(list[i]) : std::string();
  };
  for (size_t i = 0; i < names.size() || i < relations.size(); ++i) {
    LrmxItem item;
    auto put_item = [&](std::string_view element, std::string value) {
      if (!value.empty()) item.fields[std::string(element)] = std::move(value);
    };
    put_item("ChengWei", at(relations, i));
    put_item("XingMing", at(names, i));
    put_item("ChuShengRiQi", at(births, i));
    put_item("ZhengZhiMianMao", at(parties, i));
    put_item("GongZuoDanWeiJiZhiWu", at(employers, i));
    if (!item.fields.empty()) doc.family.push_back(std::move(item));
  }
  put("XianRenZhiWu", f[25]);
  put("NiRenZhiWu", f[26]);
  put("NiMianZhiWu", f[27]);
  put("RenMianLiYou", f[28]);
  put("ChengBaoDanWei", f[29]);
  put("JiSuanNianLingShiJian", f[30]);
  put("TianBiaoRen", f[31]);
  put("TianBiaoShiJian", f[32]);
  doc.photo = std::string(photo);
  return doc;
}

}  // namespace xr::interchange
