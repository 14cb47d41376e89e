#include "print/zip_writer.h"

#include <zlib.h>

#include <algorithm>
#include <limits>

namespace xr::print {
namespace {

constexpr std::uint16_t kUtf8Names = 1 << 11;
constexpr std::uint16_t kVersion = 20;  // 2.0: stored entries, directories

void Put16(std::string& out, std::uint16_t value) {
  out.push_back(static_cast<char>(value & 0xFF));
  out.push_back(static_cast<char>(value >> 8));
}
void Put32(std::string& out, std::uint32_t value) {
  Put16(out, static_cast<std::uint16_t>(value & 0xFFFF));
  Put16(out, static_cast<std::uint16_t>(value >> 16));
}

}  // namespace

base::Status ZipWriter::Add(std::string_view name, std::string_view bytes, std::uint16_t dos_date,
                            std::uint16_t dos_time) {
  if (name.empty() || name.size() > 0xFFFF) return base::InvalidArgument("压缩包内的文件名无效");
  if (std::any_of(entries_.begin(), entries_.end(),
                  [&](const Entry& e) { return e.name == name; })) {
    return base::InvalidArgument("压缩包内的文件名重复：" + std::string(name));
  }
  constexpr std::uint64_t kLimit = std::numeric_limits<std::uint32_t>::max();
  if (entries_.size() >= 0xFFFF ||
      out_.size() + bytes.size() + name.size() + 30 + 46 * (entries_.size() + 1) >= kLimit) {
    return base::FailedPrecondition("压缩包超过 4 GB 或 65535 个文件，请分批打印");
  }
  Entry entry;
  entry.name = std::string(name);
  entry.crc = static_cast<std::uint32_t>(crc32(crc32(0L, Z_NULL, 0),
                                               reinterpret_cast<const Bytef*>(bytes.data()),
                                               static_cast<uInt>(bytes.size())));
  entry.size = static_cast<std::uint32_t>(bytes.size());
  entry.offset = static_cast<std::uint32_t>(out_.size());
  entry.date = dos_date;
  entry.time = dos_time;
  // Local file header.
  Put32(out_, 0x04034b50);
  Put16(out_, kVersion);
  Put16(out_, kUtf8Names);
  Put16(out_, 0);  // stored
  Put16(out_, entry.time);
  Put16(out_, entry.date);
  Put32(out_, entry.crc);
  Put32(out_, entry.size);
  Put32(out_, entry.size);
  Put16(out_, static_cast<std::uint16_t>(entry.name.size()));
  Put16(out_, 0);
  out_ += entry.name;
  out_.append(bytes.data(), bytes.size());
  entries_.push_back(std::move(entry));
  return base::Status::Ok();
}

std::string ZipWriter::Finish() {
  const auto directory_offset = static_cast<std::uint32_t>(out_.size());
  for (const Entry& e : entries_) {
    Put32(out_, 0x02014b50);
    Put16(out_, kVersion);  // made by (MS-DOS attributes)
    Put16(out_, kVersion);
    Put16(out_, kUtf8Names);
    Put16(out_, 0);
    Put16(out_, e.time);
    Put16(out_, e.date);
    Put32(out_, e.crc);
    Put32(out_, e.size);
    Put32(out_, e.size);
    Put16(out_, static_cast<std::uint16_t>(e.name.size()));
    Put16(out_, 0);  // extra
    Put16(out_, 0);  // comment
    Put16(out_, 0);  // disk
    Put16(out_, 0);  // internal attributes
    Put32(out_, 0);  // external attributes
    Put32(out_, e.offset);
    out_ += e.name;
  }
  const auto directory_size = static_cast<std::uint32_t>(out_.size() - directory_offset);
  Put32(out_, 0x06054b50);
  Put16(out_, 0);
  Put16(out_, 0);
  Put16(out_, static_cast<std::uint16_t>(entries_.size()));
  Put16(out_, static_cast<std::uint16_t>(entries_.size()));
  Put32(out_, directory_size);
  Put32(out_, directory_offset);
  Put16(out_, 0);
  entries_.clear();
  return std::move(out_);
}

}  // namespace xr::print
