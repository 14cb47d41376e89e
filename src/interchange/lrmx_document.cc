#include "interchange/lrmx_document.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <pugixml.hpp>
#include <sstream>

namespace xr::interchange {

const std::vector<std::string_view> kLrmxTextElements = {
    "XingMing",
    "XingBie",
    "ChuShengNianYue",
    "MinZu",
    "JiGuan",
    "ChuShengDi",
    "RuDangShiJian",
    "CanJiaGongZuoShiJian",
    "DaoLingNianYue",
    "JianKangZhuangKuang",
    "ZhuanYeJiShuZhiWu",
    "ShuXiZhuanYeYouHeZhuanChang",
    "QuanRiZhiJiaoYu_XueLi",
    "QuanRiZhiJiaoYu_XueWei",
    "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueLi",
    "ZaiZhiJiaoYu_XueWei",
    "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
    "XianRenZhiWu",
    "NiRenZhiWu",
    "NiMianZhiWu",
    "JianLi",
    "JiangChengQingKuang",
    "NianDuKaoHeJieGuo",
    "RenMianLiYou",
    "ChengBaoDanWei",
    "GaiGeQianRenZhiNianLingJieXian",
    "JiSuanNianLingShiJian",
    "TianBiaoShiJian",
    "TianBiaoRen",
    "ShenFenZheng",
};

const std::vector<std::string_view> kLrmxItemElements = {"ChengWei", "XingMing", "ChuShengRiQi",
                                                         "ZhengZhiMianMao", "GongZuoDanWeiJiZhiWu"};

namespace {

using base::InvalidArgument;

constexpr std::string_view kFamily = "JiaTingChengYuan";
constexpr std::string_view kPhoto = "ZhaoPian";
constexpr std::string_view kVersion = "Version";

bool IsTextElement(std::string_view name) {
  return std::find(kLrmxTextElements.begin(), kLrmxTextElements.end(), name) !=
         kLrmxTextElements.end();
}
bool IsItemElement(std::string_view name) {
  return std::find(kLrmxItemElements.begin(), kLrmxItemElements.end(), name) !=
         kLrmxItemElements.end();
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Trims ASCII whitespace and the ideographic space U+3000 at both ends.
std::string Trim(std::string text) {
  auto ideographic_at = [&](size_t i) { return text.compare(i, 3, "\u3000") == 0; };
  size_t begin = 0, end = text.size();
  while (begin < end) {
    if (IsSpace(text[begin]))
      ++begin;
    else if (end - begin >= 3 && ideographic_at(begin))
      begin += 3;
    else
      break;
  }
  while (end > begin) {
    if (IsSpace(text[end - 1]))
      --end;
    else if (end - begin >= 3 && ideographic_at(end - 3))
      end -= 3;
    else
      break;
  }
  return text.substr(begin, end - begin);
}

// The encoding named by the XML declaration at the start of `bytes`, lower case; "" when none.
std::string DeclaredEncoding(std::string_view bytes) {
  if (!bytes.starts_with("<?xml")) return {};
  const size_t end = bytes.find("?>");
  if (end == std::string_view::npos || end > 512) return {};
  const std::string_view decl = bytes.substr(0, end);
  const size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return {};
  size_t i = at + 8;
  while (i < decl.size() && (IsSpace(decl[i]) || decl[i] == '=')) ++i;
  if (i >= decl.size() || (decl[i] != '"' && decl[i] != '\'')) return {};
  const char quote = decl[i];
  const size_t close = decl.find(quote, i + 1);
  if (close == std::string_view::npos) return {};
  return Lower(decl.substr(i + 1, close - i - 1));
}

// `bytes` as UTF-8 text, by BOM or declaration (see the header).
base::Result<std::string> DecodeText(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    if (!IsValidUtf8(bytes))
      return InvalidArgument("文件带 UTF-8 标记，但内容不是有效的 UTF-8 编码", "file");
    return std::string(bytes);
  }
  if (bytes.starts_with("\xFF\xFE")) return ConvertToUtf8(bytes.substr(2), "UTF-16LE", "UTF-16");
  if (bytes.starts_with("\xFE\xFF")) return ConvertToUtf8(bytes.substr(2), "UTF-16BE", "UTF-16");
  if (bytes.size() >= 2 && bytes[0] == '<' && bytes[1] == '\0')
    return ConvertToUtf8(bytes, "UTF-16LE", "UTF-16");
  if (bytes.size() >= 2 && bytes[0] == '\0' && bytes[1] == '<')
    return ConvertToUtf8(bytes, "UTF-16BE", "UTF-16");
  const std::string declared = DeclaredEncoding(bytes);
  if (declared == "gbk" || declared == "gb2312" || declared == "gb18030" || declared == "cp936") {
    return ConvertToUtf8(bytes, "GB18030", "GBK");
  }
  if (!declared.empty() && declared != "utf-8" && declared != "utf8") {
    return InvalidArgument(
        "不支持文件声明的编码“" + declared + "”，请另存为 UTF-8 编码的 .lrmx 文件", "file");
  }
  if (!IsValidUtf8(bytes)) {
    return InvalidArgument(
        declared.empty()
            ? "文件不是有效的 UTF-8 编码（可能是 GBK 编码而未声明，或不是任免审批表文件）"
            : "文件声明为 UTF-8 编码，但内容不是有效的 UTF-8（可能实际是 GBK 编码）",
        "file");
  }
  return std::string(bytes);
}

bool HasDoctype(std::string_view text) {
  for (size_t at = text.find("<!"); at != std::string_view::npos; at = text.find("<!", at + 2)) {
    if (Lower(text.substr(at + 2, 7)) == "doctype" || Lower(text.substr(at + 2, 6)) == "entity")
      return true;
  }
  return false;
}

// The text of an element: its character data and CDATA, nested elements ignored.
base::Result<std::string> ElementText(const pugi::xml_node& node) {
  std::string text;
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      text += child.value();
      if (text.size() > kLrmxMaxElementBytes) {
        return InvalidArgument(
            std::string("元素 ") + node.name() + " 超过 5 MB，文件不是正常的任免审批表",
            node.name());
      }
    }
  }
  // pugixml's parse_eol has turned "\r\n" and "\r" into "\n".
  return Trim(std::move(text));
}

std::string Fragment(const pugi::xml_node& node) {
  std::ostringstream out;
  node.print(out, "", pugi::format_raw, pugi::encoding_utf8);
  return out.str();
}

std::string ParseErrorMessage(const pugi::xml_parse_result& result) {
  switch (result.status) {
    case pugi::status_end_element_mismatch:
    case pugi::status_unrecognized_tag:
    case pugi::status_bad_start_element:
    case pugi::status_bad_end_element:
    case pugi::status_bad_pcdata:
    case pugi::status_bad_cdata:
    case pugi::status_bad_comment:
    case pugi::status_bad_attribute:
      return "文件不完整或不是有效的 XML（第 " + std::to_string(result.offset) + " 字节附近）";
    case pugi::status_no_document_element:
      return "文件是空的或没有 XML 内容";
    default:
      return std::string("文件不是有效的 XML（") + result.description() + "）";
  }
}

void AppendEscaped(std::string& out, std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
        break;
      default:
        // XML 1.0 allows no C0 control but tab and line feed.
        if (c < 0x20 && c != '\t' && c != '\n') break;
        out += char(c);
    }
  }
}

void AppendElement(std::string& out, std::string_view indent, std::string_view name,
                   std::string_view text) {
  out += indent;
  out += '<';
  out += name;
  if (text.empty()) {
    out += "/>\n";
    return;
  }
  out += '>';
  AppendEscaped(out, text);
  out += "</";
  out += name;
  out += ">\n";
}

}  // namespace

std::string LrmxItem::Get(std::string_view element) const {
  auto it = fields.find(element);
  return it == fields.end() ? std::string() : it->second;
}

std::string LrmxDocument::Get(std::string_view element) const {
  auto it = fields.find(element);
  return it == fields.end() ? std::string() : it->second;
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t length;
    std::uint32_t code;
    if ((c & 0xE0) == 0xC0)
      length = 2, code = c & 0x1F;
    else if ((c & 0xF0) == 0xE0)
      length = 3, code = c & 0x0F;
    else if ((c & 0xF8) == 0xF0)
      length = 4, code = c & 0x07;
    else
      return false;
    if (i + length > n) return false;
    for (size_t k = 1; k < length; ++k) {
      const unsigned char next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if ((length == 2 && code < 0x80) || (length == 3 && code < 0x800) ||
        (length == 4 && (code < 0x10000 || code > 0x10FFFF)) || (code >= 0xD800 && code <= 0xDFFF))
      return false;
    i += length;
  }
  return true;
}

base::Result<std::string> ConvertToUtf8(std::string_view bytes, const char* encoding,
                                        std::string_view what) {
  iconv_t cd = iconv_open("UTF-8", encoding);
  if (cd == reinterpret_cast<iconv_t>(-1))
    return base::Internal(std::string("系统不支持编码转换 ") + encoding);
  std::unique_ptr<void, int (*)(iconv_t)> closer(cd, iconv_close);
  std::string out;
  out.resize(bytes.size() * 2 + 16);
  char* in_ptr = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  while (in_left > 0) {
    const size_t r = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    if (r != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      const size_t used = out.size() - out_left;
      out.resize(out.size() * 2);
      out_ptr = out.data() + used;
      out_left = out.size() - used;
      continue;
    }
    return InvalidArgument("文件声明（或标记）为 " + std::string(what) + " 编码，但第 " +
                               std::to_string(bytes.size() - in_left) + " 字节处的内容不是有效的 " +
                               std::string(what) + " 字符",
                           "file");
  }
  out.resize(out.size() - out_left);
  return out;
}

std::string Base64Encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = std::uint32_t(std::uint8_t(bytes[i])) << 16 |
                            std::uint32_t(std::uint8_t(bytes[i + 1])) << 8 |
                            std::uint8_t(bytes[i + 2]);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == bytes.size()) {
    const std::uint32_t v = std::uint32_t(std::uint8_t(bytes[i])) << 16;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const std::uint32_t v = std::uint32_t(std::uint8_t(bytes[i])) << 16 |
                            std::uint32_t(std::uint8_t(bytes[i + 1])) << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

base::Result<std::string> Base64Decode(std::string_view text, std::string_view field) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t buffer = 0;
  int bits = 0;
  size_t padding = 0;
  size_t digits = 0;
  for (char c : text) {
    if (IsSpace(c)) continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    const int v = value(c);
    if (v < 0 || padding > 0)
      return InvalidArgument("照片不是有效的 Base64 内容", std::string(field));
    ++digits;
    buffer = (buffer << 6) | std::uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((buffer >> bits) & 0xFF);
    }
  }
  if (digits % 4 == 1 || padding > 2)
    return InvalidArgument("照片不是有效的 Base64 内容（长度不对）", std::string(field));
  return out;
}

base::Result<LrmxDocument> ParseLrmx(std::string_view bytes) {
  if (bytes.size() > kLrmxMaxFileBytes)
    return InvalidArgument("文件超过 20 MB，不是正常的任免审批表文件", "file");
  if (bytes.empty()) return InvalidArgument("文件是空的", "file");
  ASSIGN_OR_RETURN(std::string text, DecodeText(bytes));
  if (HasDoctype(text)) {
    return InvalidArgument(
        "文件含有 DOCTYPE/ENTITY 声明，为安全起见不予读取（任免审批表文件不含这些声明）", "file");
  }
  pugi::xml_document xml;
  const pugi::xml_parse_result parsed = xml.load_buffer(
      text.data(), text.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_utf8);
  if (!parsed) return InvalidArgument(ParseErrorMessage(parsed), "file");
  for (const pugi::xml_node& node : xml.children()) {
    if (node.type() == pugi::node_doctype)
      return InvalidArgument("文件含有 DOCTYPE 声明，为安全起见不予读取", "file");
  }
  const pugi::xml_node root = xml.document_element();
  if (std::string_view(root.name()) != "Person") {
    return InvalidArgument(
        std::string("文件的根元素是“") + root.name() + "”，不是任免审批表（应为 Person）", "file");
  }
  LrmxDocument document;
  for (const pugi::xml_node& node : root.children()) {
    if (node.type() != pugi::node_element) continue;
    const std::string_view name = node.name();
    if (IsTextElement(name)) {
      ASSIGN_OR_RETURN(std::string value, ElementText(node));
      if (!value.empty()) document.fields[std::string(name)] = std::move(value);
    } else if (name == kFamily) {
      for (const pugi::xml_node& item_node : node.children()) {
        if (item_node.type() != pugi::node_element) continue;
        if (std::string_view(item_node.name()) != "Item") continue;
        LrmxItem item;
        for (const pugi::xml_node& field : item_node.children()) {
          if (field.type() != pugi::node_element) continue;
          if (IsItemElement(field.name())) {
            ASSIGN_OR_RETURN(std::string value, ElementText(field));
            if (!value.empty()) item.fields[field.name()] = std::move(value);
          } else {
            item.unknown.push_back(Fragment(field));
          }
        }
        document.family.push_back(std::move(item));
      }
    } else if (name == kPhoto) {
      std::string encoded;
      for (const pugi::xml_node& child : node.children())
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
          encoded += child.value();
      if (encoded.size() > kLrmxMaxPhotoBytes / 3 * 4 + 4096)
        return InvalidArgument("照片超过 5 MB", std::string(kPhoto));
      ASSIGN_OR_RETURN(document.photo, Base64Decode(encoded, kPhoto));
      if (document.photo.size() > kLrmxMaxPhotoBytes)
        return InvalidArgument("照片超过 5 MB", std::string(kPhoto));
    } else if (name == kVersion) {
      ASSIGN_OR_RETURN(document.version, ElementText(node));
    } else {
      std::string fragment = Fragment(node);
      if (fragment.size() > kLrmxMaxElementBytes) {
        return InvalidArgument("元素 " + std::string(name) + " 超过 5 MB，文件不是正常的任免审批表",
                               std::string(name));
      }
      document.unknown.push_back(std::move(fragment));
    }
  }
  return document;
}

std::string WriteLrmx(const LrmxDocument& document) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Person>\n";
  for (std::string_view name : kLrmxTextElements) {
    AppendElement(out, "  ", name, document.Get(name));
    if (name != kLrmxFamilyAfter) continue;
    if (document.family.empty()) {
      out += "  <JiaTingChengYuan/>\n";
      continue;
    }
    out += "  <JiaTingChengYuan>\n";
    for (const LrmxItem& item : document.family) {
      out += "    <Item>\n";
      for (std::string_view field : kLrmxItemElements)
        AppendElement(out, "      ", field, item.Get(field));
      for (const std::string& fragment : item.unknown) {
        out += "      ";
        out += fragment;
        out += '\n';
      }
      out += "    </Item>\n";
    }
    out += "  </JiaTingChengYuan>\n";
  }
  AppendElement(out, "  ", kPhoto, Base64Encode(document.photo));
  for (const std::string& fragment : document.unknown) {
    out += "  ";
    out += fragment;
    out += '\n';
  }
  AppendElement(
      out, "  ", kVersion,
      document.version.empty() ? kLrmxDefaultVersion : std::string_view(document.version));
  out += "</Person>\n";
  return out;
}

}  // namespace xr::interchange
