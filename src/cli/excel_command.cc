// xuanren export excel: the 干部名册 (or a 组合查询 result) as an .xlsx, synchronously, as the
// console operator — a thin adapter over interchange::ExcelExport (docs/api.md "Command line").
// Prints "N 人 → FILE（T 秒）" to standard output.

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cadre/dossier_json.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "interchange/excel_condition.h"
#include "interchange/excel_export.h"

namespace xr::cli {

int ExportExcel(const ExportExcelOptions& options) {
  if (options.out.empty()) return Fail(base::InvalidArgument("请用 --out 给出输出文件", "out"));
  auto opened = OpenApplication(options.db);
  if (!opened.ok()) return Fail(opened.status());
  OpenedApplication& o = **opened;

  interchange::CadreExportRequest request;
  request.title = options.title;
  std::stringstream columns(options.columns);
  for (std::string column; std::getline(columns, column, ',');) {
    if (!column.empty()) request.columns.push_back(column);
  }
  auto sort = cadre::CadreSortFromName(options.sort);
  if (!sort)
    return Fail(base::InvalidArgument("排序方式须为 position、stroke、age 或 post_start", "sort"));
  if (!options.condition.empty()) {
    auto json = cadre::ParseJsonText(options.condition, "condition");
    if (!json.ok()) return Fail(json.status());
    auto condition = search::DecodeCondition(*json);
    if (!condition.ok()) return Fail(condition.status());
    request.source = interchange::ConditionRows(std::move(condition).value(),
                                                o.clock.Now().ShanghaiDate(), *sort, false);
  } else {
    request.list.status = options.status;
    request.list.sort = *sort;
    if (options.unit_id > 0) request.list.unit_id = org::UnitId(options.unit_id);
  }
  const auto started = std::chrono::steady_clock::now();
  jobs::ImmediateJobContext context;
  auto file = o.application->excel_export().ExportCadres(o.actor, request, context);
  if (!file.ok()) return Fail(file.status());
  std::ofstream out(options.out, std::ios::binary | std::ios::trunc);
  out.write(file->bytes.data(), std::streamsize(file->bytes.size()));
  out.close();
  if (!out) return Fail(base::Unavailable("无法写入 " + options.out));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.2f", seconds);
  std::cout << file->rows << " 人 → " << options.out << "（" << elapsed << " 秒）" << std::endl;
  return 0;
}

}  // namespace xr::cli
