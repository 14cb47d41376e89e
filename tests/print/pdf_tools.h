#pragma once
// Reading the PDFs the tests produce with poppler-utils (pdftotext, pdfinfo, pdffonts): text,
// page count and embedded fonts, as a reader of the printed form would see them.

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace xr::print::testing {

inline std::string RunTool(const std::string& tool, const std::string& pdf_bytes,
                           const std::string& arguments = "") {
  if (std::string(tool).empty() || !std::filesystem::exists(tool)) {
    ADD_FAILURE() << "poppler-utils is missing (" << tool << "): apt-get install poppler-utils";
    return {};
  }
  static int counter = 0;
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() /
      ("xr-print-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".pdf");
  std::ofstream(file, std::ios::binary) << pdf_bytes;
  const std::string command = tool + " " + arguments + " '" + file.string() + "'" +
                              (tool.ends_with("pdftotext") ? " -" : "") + " 2>/dev/null";
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::array<char, 4096> buffer;
  while (pipe && std::fgets(buffer.data(), buffer.size(), pipe.get())) out += buffer.data();
  pipe.reset();
  std::filesystem::remove(file);
  return out;
}

// The text of the PDF (pdftotext), with line breaks and spaces removed so wrapped text compares
// as one string.
inline std::string PdfText(const std::string& pdf) {
  std::string text = RunTool(XR_PDFTOTEXT, pdf);
  std::string compact;
  for (char c : text)
    if (c != '\n' && c != ' ' && c != '\f') compact += c;
  return compact;
}

// Page count (pdfinfo "Pages:").
inline int PdfPages(const std::string& pdf) {
  const std::string info = RunTool(XR_PDFINFO, pdf);
  const auto at = info.find("Pages:");
  if (at == std::string::npos) return -1;
  return std::stoi(info.substr(at + 6));
}

// pdffonts's table: one line per font with its name and whether it is embedded.
inline std::string PdfFonts(const std::string& pdf) { return RunTool(XR_PDFFONTS, pdf); }

}  // namespace xr::print::testing
