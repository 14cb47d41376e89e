#include <iostream>

#include "app/application.h"
#include "cli/command_support.h"
#include "cli/commands.h"

namespace xr::cli {

int MaintainFulltext(const std::string& db_url) {
  auto opened = OpenApplication(db_url);
  if (!opened.ok()) return Fail(opened.status());
  auto choice = (*opened)->application->ChooseCommonBigrams();
  (*opened)->db->Close();
  if (!choice.ok()) return Fail(choice.status());
  std::cout << "全文检索常用字组：" << choice->cadres << " 名干部中选出 " << choice->chosen.size()
            << " 个，重写 " << choice->masks_changed << " 名干部的标记" << std::endl;
  for (const cadre::CommonBigram& b : choice->chosen) {
    std::cout << b.bit << "\t" << b.bigram << "\t" << b.postings << std::endl;
  }
  return 0;
}

}  // namespace xr::cli
