#pragma once
// A .zip archive built in memory, one file at a time, entries stored as they are (the PDFs it
// holds are compressed already): the bytes of each file are copied once into the archive, so a
// batch never holds every form twice. UTF-8 names (general-purpose flag bit 11), no ZIP64:
// Add refuses to grow the archive past 4 GiB or 65,535 entries.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace xr::print {

class ZipWriter {
 public:
  // Appends `name` (UTF-8, '/' separated) with `bytes`, dated `dos_date`/`dos_time` (MS-DOS
  // format). InvalidArgument for an empty or duplicate name; FailedPrecondition past the limits.
  base::Status Add(std::string_view name, std::string_view bytes, std::uint16_t dos_date,
                   std::uint16_t dos_time);
  // The archive (central directory appended); the writer is empty afterwards.
  std::string Finish();
  std::size_t size() const { return out_.size(); }

 private:
  struct Entry {
    std::string name;
    std::uint32_t crc = 0;
    std::uint32_t size = 0;
    std::uint32_t offset = 0;
    std::uint16_t date = 0;
    std::uint16_t time = 0;
  };
  std::string out_;
  std::vector<Entry> entries_;
};

}  // namespace xr::print
