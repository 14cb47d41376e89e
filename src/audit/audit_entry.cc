#include "audit/audit_entry.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace xr::audit {
namespace {

constexpr size_t kMaxText = 64 * 1024;
constexpr std::string_view kTag = "xr-audit-entry-v1";

void PutU64(std::vector<std::uint8_t>& out, std::uint64_t v) {
  std::uint8_t bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = std::uint8_t(v >> (56 - 8 * i));
  out.insert(out.end(), bytes, bytes + 8);
}

void PutU32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  std::uint8_t bytes[4];
  for (int i = 0; i < 4; ++i) bytes[i] = std::uint8_t(v >> (24 - 8 * i));
  out.insert(out.end(), bytes, bytes + 4);
}

// Reads one "<len>:<bytes>" item of stored details from the front of `text`; false when it is
// malformed. The one parser behind DecodeDetails and EncodeStoredEntryTo.
bool ReadDetailItem(std::string_view& text, std::string_view& item) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  size_t length = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + colon, length);
  if (ec != std::errc() || ptr != text.data() + colon || length > text.size() - colon - 1)
    return false;
  item = text.substr(colon + 1, length);
  text.remove_prefix(colon + 1 + length);
  return true;
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
  if (total > kMaxText)
    return base::InvalidArgument("全程记实的 details 过长（上限 64 KiB）", "details");
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

bool EncodeStoredEntryTo(const StoredEntryFields& f, std::vector<std::uint8_t>& out) {
  // One resize and plain stores: this runs once per entry in the verifier. A stored detail item
  // "<len>:<bytes>" takes at least 2 + len characters and encodes to 4 + len bytes, so twice the
  // stored text bounds the details part.
  const std::string_view strings[] = {f.actor, f.address, f.action, f.object_type, f.object_id};
  size_t bound = kTag.size() + 3 * 8 + 4 + 2 * f.details.size();
  for (std::string_view s : strings) bound += 4 + s.size();
  const size_t start = out.size();
  out.resize(start + bound);
  std::uint8_t* p = out.data() + start;
  auto put = [&p](std::uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) *p++ = std::uint8_t(v >> (8 * i));
  };
  auto put_string = [&](std::string_view s) {
    put(s.size(), 4);
    std::memcpy(p, s.data(), s.size());
    p += s.size();
  };
  std::memcpy(p, kTag.data(), kTag.size());
  p += kTag.size();
  put(std::uint64_t(f.index), 8);
  put(std::uint64_t(f.at_micros), 8);
  put(std::uint64_t(f.actor_id), 8);
  for (std::string_view s : strings) put_string(s);
  std::uint8_t* count_at = p;
  p += 4;
  std::uint32_t count = 0;
  std::string_view text = f.details, key, value;
  while (!text.empty()) {
    if (!ReadDetailItem(text, key) || !ReadDetailItem(text, value)) return false;
    put_string(key);
    put_string(value);
    ++count;
  }
  std::swap(p, count_at);
  put(count, 4);
  out.resize(size_t(count_at - out.data()));
  return true;
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
  std::string_view key, value;
  while (!text.empty()) {
    if (!ReadDetailItem(text, key) || !ReadDetailItem(text, value)) {
      return base::InvalidArgument("全程记实的 details 字段格式不正确", "details");
    }
    out.emplace_back(std::string(key), std::string(value));
  }
  return out;
}

}  // namespace xr::audit
