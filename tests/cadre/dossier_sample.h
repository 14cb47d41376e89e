#pragma once
// A complete, realistic dossier for the codec, repository and service tests: every sub-record
// filled, 其间 entries, a sanction with its 影响期, and the confidential parts.

#include "cadre/dossier.h"

namespace xr::cadre::testing {

inline base::YearMonth M(const char* text) { return *base::YearMonth::Parse(text); }
inline base::Date D(const char* text) { return *base::Date::Parse(text); }

// 王建国, 江华市财政局局长: `unit` is both his unit and the unit of his current post.
inline Dossier SampleDossier(org::UnitId unit, std::optional<org::UnitId> managing_unit) {
  Dossier d;
  d.name = "王建国";
  d.gender = {"男", "1"};
  d.birth_month = M("1975-03");
  d.ethnicity = {"汉族", "01"};
  d.native_place = {"辽宁大连", "210200"};
  d.birth_place = {"辽宁大连", "210203"};
  d.party = {"中共党员", "01"};
  d.party_join_month = M("1998-06");
  d.work_start_month = M("1997-07");
  d.health = {"健康", "1"};
  d.professional_title = "高级经济师";
  d.expertise = "财政预算管理";
  d.id_number = "210203197503151232";
  d.unit_id = unit;
  d.managing_body = "市委管理";
  d.managing_unit_id = managing_unit;
  d.sort_order = 1;
  d.education = {
      {EducationKind::kFullTime,
       {"大学", "21"},
       {"经济学学士", "402"},
       "东北财经大学财政系财政学专业",
       M("1993-09"),
       M("1997-07")},
      {EducationKind::kInService,
       {"研究生", "10"},
       {"经济学硕士", "302"},
       "辽宁大学经济学院区域经济学专业",
       M("2004-09"),
       M("2007-07")},
  };
  d.resume = {
      {M("1993-09"), M("1997-07"), ResumeKind::kStudy, "东北财经大学财政系", "财政学专业", "", {}},
      {M("1997-07"),
       M("2008-12"),
       ResumeKind::kWork,
       "江华市财政局",
       "科员、副主任科员、预算科科长",
       "",
       {{M("2004-09"),
         M("2007-07"),
         ResumeKind::kStudy,
         "辽宁大学经济学院",
         "区域经济学专业在职研究生",
         "",
         {}}}},
      {M("2009-01"), std::nullopt, ResumeKind::kWork, "江华市财政局", "副局长、局长", "", {}},
  };
  d.posts = {
      {unit, "江华市财政局", "副局长", false, M("2009-01"), M("2016-05"), "江委〔2009〕3号",
       AppointmentMethod::kAppointed},
      {unit, "江华市财政局", "局长", true, M("2016-06"), std::nullopt, "江委〔2016〕21号",
       AppointmentMethod::kAppointed},
      {std::nullopt, "江华市预算审查委员会", "委员", false, M("2017-03"), std::nullopt, "",
       AppointmentMethod::kElected},
  };
  d.ranks = {
      {"二级调研员", M("2012-01"), M("2019-12"), "江人〔2012〕5号"},
      {"一级调研员", M("2020-01"), std::nullopt, "江人〔2020〕1号"},
  };
  d.assessments = {
      {2022, AssessmentGrade::kCompetent, ""},
      {2023, AssessmentGrade::kExcellent, "记三等功"},
      {2024, AssessmentGrade::kCompetent, ""},
  };
  d.rewards = {
      {D("2023-12-20"), false, "记三等功", "江华市人民政府", "预算改革工作成绩突出", std::nullopt},
      {D("2018-04-10"), true, "诫勉", "江华市纪委", "违规公务接待", D("2018-10-09")},
  };
  d.trainings = {
      {"市管干部进修班", 120, D("2021-03-01"), D("2021-03-31"), "中共江华市委党校"},
  };
  d.family = {
      {{"妻子", "12"},
       "李芳",
       M("1977-08"),
       {"中共党员", "01"},
       "江华市第一中学教师",
       "210204197708202028",
       std::nullopt},
      {{"儿子", "20"},
       "王小明",
       M("2003-05"),
       {"共青团员", "03"},
       "大连理工大学学生",
       std::nullopt,
       std::nullopt},
  };
  d.personal_matters = {false, true, "妻弟经营一家餐饮企业"};
  d.appointment = {"中共大连市中山区委组织部副部长",
                   "大连市中山区青泥洼桥街道党工委书记",
                   "工作需要",
                   "中共大连市中山区委组织部",
                   D("2026-11-01"),
                   D("2026-11-20"),
                   "刘文静",
                   ""};
  return d;
}

}  // namespace xr::cadre::testing
