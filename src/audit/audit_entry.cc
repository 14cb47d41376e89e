#include "audit/audit_entry.h"

#include <algorithm>
#include <charconv>

namespace xr::audit {
namespace {

constexpr size_t kMaxText = 64 * 1024;
constexpr std::string_view kTag = "xr-audit-entry-v1";

void PutU64(std::vector<std::uint8_t>& out, std::uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(std::uint8_t(v >> shift));
}

void PutU32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(std::uint8_t(v >> shift));
}

void PutString(std::vector<std::uint8_t>& out, std::string_view s) {
  PutU32(out, std::uint32_t(s.size()));
  out.insert(out.end(), s.begin(), s.end());
}

base::Status CheckLength(std::string_view text, std::string_view field) {
  if (text.size() > kMaxText) {
    return base::InvalidArgument("全程记实字段 " + std::string(field) + " 过长（上限 64 KiB）",
                                 std::string(field));
  }
  return base::Status::Ok();
}

}  // namespace

base::Status ValidateNewEntry(const NewAuditEntry& entry) {
  if (entry.action.empty()) return base::InvalidArgument("全程记实缺少操作名称", "action");
  RETURN_IF_ERROR(CheckLength(entry.actor, "actor"));
  RETURN_IF_ERROR(CheckLength(entry.address, "address"));
  RETURN_IF_ERROR(CheckLength(entry.action, "action"));
  RETURN_IF_ERROR(CheckLength(entry.object_type, "object_type"));
  RETURN_IF_ERROR(CheckLength(entry.object_id, "object_id"));
  size_t total = 0;
  for (const auto& [key, value] : entry.details) total += key.size() + value.size();
  if (total > kMaxText) return base::InvalidArgument("全程记实的 details 过长（上限 64 KiB）", "details");
  return base::Status::Ok();
}

void Canonicalize(Details& details) { std::sort(details.begin(), details.end()); }

void EncodeEntryTo(const AuditEntry& entry, std::vector<std::uint8_t>& out) {
  out.insert(out.end(), kTag.begin(), kTag.end());
  PutU64(out, std::uint64_t(entry.index));
  PutU64(out, std::uint64_t(entry.at.unix_micros()));
  PutU64(out, std::uint64_t(entry.actor_id.value()));
  PutString(out, entry.actor);
  PutString(out, entry.address);
  PutString(out, entry.action);
  PutString(out, entry.object_type);
  PutString(out, entry.object_id);
  PutU32(out, std::uint32_t(entry.details.size()));
  for (const auto& [key, value] : entry.details) {
    PutString(out, key);
    PutString(out, value);
  }
}

std::vector<std::uint8_t> EncodeEntry(const AuditEntry& entry) {
  std::vector<std::uint8_t> out;
  EncodeEntryTo(entry, out);
  return out;
}

std::string EncodeDetails(const Details& details) {
  std::string out;
  for (const auto& [key, value] : details) {
    out += std::to_string(key.size());
    out += ':';
    out += key;
    out += std::to_string(value.size());
    out += ':';
    out += value;
  }
  return out;
}

base::Result<Details> DecodeDetails(std::string_view text) {
  Details out;
  auto read = [&text](std::string& into) -> bool {
    size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    size_t length = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + colon, length);
    if (ec != std::errc() || ptr != text.data() + colon || length > text.size() - colon - 1)
      return false;
    into.assign(text.substr(colon + 1, length));
    text.remove_prefix(colon + 1 + length);
    return true;
  };
  while (!text.empty()) {
    std::string key, value;
    if (!read(key) || !read(value)) {
      return base::InvalidArgument("全程记实的 details 字段格式不正确", "details");
    }
    out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

}  // namespace xr::audit
