// xuanren import lrmx / export lrmx: a thin adapter over interchange::LrmxService.
// The import's standard output is a contract (docs/api.md "Command line"): one line per file,
// "FILE\tok\tID" or "FILE\terror\tMESSAGE"; progress goes to standard error on a terminal only.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command_support.h"
#include "cli/commands.h"
#include "interchange/lrmx_service.h"

namespace xr::cli {
namespace {

base::Result<std::string> ReadFileBytes(const std::filesystem::path& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) return base::NotFound("文件不存在或无法读取", "file");
  // Bigger files are refused by the reader anyway; do not load them whole.
  if (size > (1ull << 30)) return base::InvalidArgument("文件超过 1 GB", "file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return base::NotFound("文件无法打开", "file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The .pic beside an .lrm (same stem, .pic or .PIC); "" when there is none.
std::string SiblingPhoto(const std::filesystem::path& lrm) {
  for (const char* extension : {".pic", ".PIC", ".Pic"}) {
    std::filesystem::path pic = lrm;
    pic.replace_extension(extension);
    if (std::filesystem::exists(pic)) {
      auto bytes = ReadFileBytes(pic);
      if (bytes.ok()) return *bytes;
    }
  }
  return {};
}

// One line, no tabs or line breaks, with the field at fault.
std::string OneLine(std::string message, const std::string& field) {
  if (!field.empty() && field != "file") message += "（" + field + "）";
  for (char& c : message)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return message;
}

class TerminalProgress final : public jobs::JobContext {
 public:
  void Report(std::int64_t done, std::int64_t total, const std::string& message) override {
    if (!enabled_) return;
    if (done != total && done % 100 != 0) return;
    std::cerr << "\r" << message << (done == total ? "\n" : "") << std::flush;
  }
  bool Cancelled() const override { return false; }

 private:
  bool enabled_ = ::isatty(STDERR_FILENO) == 1;
};

}  // namespace

int ImportLrmx(const ImportLrmxOptions& options) {
  if (options.files.empty()) return Fail(base::InvalidArgument("请给出要导入的文件", "FILE"));
  if (options.unit.empty()) return Fail(base::InvalidArgument("请用 --unit 给出单位代码", "unit"));
  auto opened = OpenApplication(options.db);
  if (!opened.ok()) return Fail(opened.status());
  OpenedApplication& o = **opened;
  interchange::LrmxService service(*o.db, o.clock, o.application->audit_log(),
                                   o.application->keyring());

  // In the order given: a file that cannot be read is reported in its place, as the service
  // reports a broken archive.
  std::vector<interchange::ExpandedFile> files;
  for (const std::string& name : options.files) {
    auto bytes = ReadFileBytes(name);
    if (!bytes.ok()) {
      files.push_back({{name, {}, {}}, bytes.status().message()});
      continue;
    }
    interchange::LrmxFile file{name, std::move(*bytes), {}};
    const std::string extension = std::filesystem::path(name).extension().string();
    if (extension == ".lrm" || extension == ".LRM") file.photo = SiblingPhoto(name);
    std::vector<interchange::ExpandedFile> expanded = interchange::ExpandUploads({std::move(file)});
    files.insert(files.end(), std::make_move_iterator(expanded.begin()),
                 std::make_move_iterator(expanded.end()));
  }

  interchange::LrmxImportOptions import;
  import.unit_code = options.unit;
  import.dry_run = options.dry_run;
  if (!options.managing_body.empty()) import.managing_body = options.managing_body;
  import.existing =
      options.replace ? interchange::ExistingChoice::kReplace : interchange::ExistingChoice::kAsk;
  TerminalProgress progress;
  auto results = service.Import(o.actor, std::move(files), import, &progress);
  if (!results.ok()) return Fail(results.status());

  bool all_ok = true;
  for (const interchange::LrmxFileResult& r : *results) {
    using interchange::LrmxOutcome;
    switch (r.outcome) {
      case LrmxOutcome::kImported:
      case LrmxOutcome::kReplaced:
      case LrmxOutcome::kMerged:
      case LrmxOutcome::kKept:
        std::cout << r.name << "\tok\t" << r.id->value() << '\n';
        break;
      case LrmxOutcome::kChecked:
        std::cout << r.name << "\tok\t-\n";
        break;
      case LrmxOutcome::kExists:
        all_ok = false;
        std::cout << r.name << "\terror\t"
                  << "身份证号相同的干部已在库中（ID " << r.id->value() << "，" << r.diff.size()
                  << " 项不同），未覆盖；以文件内容替换请加 --replace\n";
        break;
      case LrmxOutcome::kError:
        all_ok = false;
        std::cout << r.name << "\terror\t" << OneLine(r.message, r.field) << '\n';
        break;
    }
  }
  std::cout << std::flush;
  return all_ok ? 0 : 1;
}

int ExportLrmx(const ExportLrmxOptions& options) {
  if (options.out.empty()) return Fail(base::InvalidArgument("请用 --out 给出输出文件", "out"));
  auto opened = OpenApplication(options.db);
  if (!opened.ok()) return Fail(opened.status());
  OpenedApplication& o = **opened;
  interchange::LrmxService service(*o.db, o.clock, o.application->audit_log(),
                                   o.application->keyring());
  auto exported = service.Export(o.actor, cadre::CadreId(options.cadre));
  if (!exported.ok()) return Fail(exported.status());
  std::ofstream out(options.out, std::ios::binary | std::ios::trunc);
  out.write(exported->bytes.data(), std::streamsize(exported->bytes.size()));
  out.close();
  if (!out) return Fail(base::Unavailable("无法写入 " + options.out));
  std::cout << options.out << '\n';
  return 0;
}

}  // namespace xr::cli
