#include <fstream>
#include <iostream>

#include "cli/command_support.h"
#include "cli/commands.h"
#include "print/print_service.h"

namespace xr::cli {

int PrintRmb(const PrintRmbOptions& options) {
  if (options.cadre <= 0) return Fail(base::InvalidArgument("干部 ID 应为正整数", "cadre"));
  if (options.out.empty()) return Fail(base::InvalidArgument("请给出输出文件", "out"));
  auto opened = OpenApplication(options.db);
  if (!opened.ok()) return Fail(opened.status());
  OpenedApplication& app = **opened;
  auto file = app.application->print().PrintRmb(app.actor, cadre::CadreId(options.cadre));
  app.db->Close();
  if (!file.ok()) return Fail(file.status());
  std::ofstream out(options.out, std::ios::binary | std::ios::trunc);
  out << file->bytes;
  if (!out.flush()) return Fail(base::Unavailable("无法写入文件 " + options.out));
  std::cout << "已生成任免审批表 → " << options.out << "（" << file->bytes.size() << " 字节）"
            << std::endl;
  return 0;
}

}  // namespace xr::cli
