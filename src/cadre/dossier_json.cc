#include "cadre/dossier_json.h"

#include <algorithm>
#include <limits>

namespace xr::cadre {
namespace {

using nlohmann::json;

// ---------------------------------------------------------------- labels of the local enums

std::string_view EducationKindLabel(EducationKind kind) {
  return kind == EducationKind::kInService ? "在职" : "全日制";
}
std::string_view ResumeKindName(ResumeKind kind) {
  return kind == ResumeKind::kStudy ? "study" : "work";
}

// ---------------------------------------------------------------- encoding

json Month(const base::YearMonth& month) { return month.ToString(); }
json Month(const std::optional<base::YearMonth>& month) {
  return month ? json(month->ToString()) : json(nullptr);
}
json Day(const base::Date& date) { return date.ToString(); }
json Day(const std::optional<base::Date>& date) {
  return date ? json(date->ToString()) : json(nullptr);
}
template <typename Tag>
json OptionalId(const std::optional<base::Id<Tag>>& id) {
  return id ? json(id->value()) : json(nullptr);
}

json EncodeResume(const ResumeEntry& entry, bool nested) {
  json j = {{"start", Month(entry.start)},
            {"end", Month(entry.end)},
            {"kind", ResumeKindName(entry.kind)},
            {"unit", entry.unit},
            {"post", entry.post},
            {"note", entry.note}};
  if (!nested) {
    json during = json::array();
    for (const ResumeEntry& d : entry.during) during.push_back(EncodeResume(d, true));
    j["during"] = std::move(during);
  }
  return j;
}

// ---------------------------------------------------------------- decoding

std::string Child(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
}
std::string Item(std::string_view path, size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

base::Status Bad(const std::string& path, std::string_view what) {
  return base::InvalidArgument("字段 " + path + " " + std::string(what), path);
}

// One JSON object being read: checks that it is an object and, when done, that it had no key
// beyond those read (or ignorable).
class ObjectReader {
 public:
  ObjectReader(const json& j, std::string path) : json_(j), path_(std::move(path)) {}

  base::Status Check() const {
    if (!json_.is_object()) {
      return path_.empty() ? base::InvalidArgument("档案内容应为 JSON 对象", "body")
                           : Bad(path_, "应为对象");
    }
    return base::Status::Ok();
  }

  // The value under `key`, or nullptr when absent; remembers the key as known.
  const json* Find(std::string_view key) {
    known_.emplace_back(key);
    auto it = json_.find(std::string(key));
    return it == json_.end() ? nullptr : &*it;
  }
  std::string PathOf(std::string_view key) const { return Child(path_, key); }

  base::Status Text(std::string_view key, std::string& out) {
    const json* v = Find(key);
    if (!v) return base::Status::Ok();
    if (!v->is_string()) return Bad(PathOf(key), "应为文本");
    out = v->get<std::string>();
    return base::Status::Ok();
  }
  // Codes: "" for null.
  base::Status Code(std::string_view key, std::string& out) {
    const json* v = Find(key);
    if (!v || v->is_null()) return base::Status::Ok();
    if (!v->is_string()) return Bad(PathOf(key), "应为文本");
    out = v->get<std::string>();
    return base::Status::Ok();
  }
  base::Status OptionalText(std::string_view key, std::optional<std::string>& out) {
    const json* v = Find(key);
    if (!v || v->is_null()) {
      out.reset();
      return base::Status::Ok();
    }
    if (!v->is_string()) return Bad(PathOf(key), "应为文本或 null");
    out = v->get<std::string>();
    return base::Status::Ok();
  }
  base::Status Coded(std::string_view key, cadre::Coded& out) {
    RETURN_IF_ERROR(Text(key, out.label));
    return Code(std::string(key) + "_code", out.code);
  }
  base::Status Place(std::string_view key, cadre::Place& out) {
    RETURN_IF_ERROR(Text(key, out.text));
    return Code(std::string(key) + "_code", out.division_code);
  }
  base::Status Bool(std::string_view key, bool& out) {
    const json* v = Find(key);
    if (!v) return base::Status::Ok();
    if (!v->is_boolean()) return Bad(PathOf(key), "应为 true 或 false");
    out = v->get<bool>();
    return base::Status::Ok();
  }
  base::Status Int(std::string_view key, std::int64_t& out, bool required = false) {
    const json* v = Find(key);
    if (!v) return required ? Missing(key) : base::Status::Ok();
    return IntValue(*v, PathOf(key), out);
  }
  base::Status Year(std::string_view key, int& out) {
    std::int64_t year = 0;
    RETURN_IF_ERROR(Int(key, year, true));
    if (year < 1900 || year > 2200) return Bad(PathOf(key), "应为四位年份");
    out = int(year);
    return base::Status::Ok();
  }
  template <typename IdType>
  base::Status Id(std::string_view key, IdType& out) {
    std::int64_t id = 0;
    const json* v = Find(key);
    if (!v) return base::Status::Ok();
    RETURN_IF_ERROR(IntValue(*v, PathOf(key), id));
    out = IdType(id);
    return base::Status::Ok();
  }
  template <typename IdType>
  base::Status OptionalId(std::string_view key, std::optional<IdType>& out) {
    const json* v = Find(key);
    if (!v || v->is_null()) {
      out.reset();
      return base::Status::Ok();
    }
    std::int64_t id = 0;
    RETURN_IF_ERROR(IntValue(*v, PathOf(key), id));
    out = IdType(id);
    return base::Status::Ok();
  }
  base::Status Month(std::string_view key, base::YearMonth& out) {
    const json* v = Find(key);
    if (!v || v->is_null()) return Missing(key);
    return MonthValue(*v, PathOf(key), out);
  }
  base::Status OptionalMonth(std::string_view key, std::optional<base::YearMonth>& out) {
    const json* v = Find(key);
    if (!v || v->is_null()) {
      out.reset();
      return base::Status::Ok();
    }
    base::YearMonth month;
    RETURN_IF_ERROR(MonthValue(*v, PathOf(key), month));
    out = month;
    return base::Status::Ok();
  }
  base::Status Day(std::string_view key, base::Date& out) {
    const json* v = Find(key);
    if (!v || v->is_null()) return Missing(key);
    return DayValue(*v, PathOf(key), out);
  }
  base::Status OptionalDay(std::string_view key, std::optional<base::Date>& out) {
    const json* v = Find(key);
    if (!v || v->is_null()) {
      out.reset();
      return base::Status::Ok();
    }
    base::Date date;
    RETURN_IF_ERROR(DayValue(*v, PathOf(key), date));
    out = date;
    return base::Status::Ok();
  }
  // An enum given by its label; `from_label` maps a label to the value, `labels` lists them for
  // the message.
  template <typename E, typename FromLabel>
  base::Status Enum(std::string_view key, E& out, FromLabel from_label, std::string_view labels) {
    const json* v = Find(key);
    if (!v) return base::Status::Ok();
    if (v->is_string()) {
      std::optional<E> value = from_label(v->get_ref<const std::string&>());
      if (value) {
        out = *value;
        return base::Status::Ok();
      }
    }
    return Bad(PathOf(key), "应为 " + std::string(labels) + " 之一");
  }
  // An array of objects, each read by `read_item(item_json, item_path, out_item)`.
  template <typename T, typename ReadItem>
  base::Status Array(std::string_view key, std::vector<T>& out, ReadItem read_item) {
    const json* v = Find(key);
    if (!v) return base::Status::Ok();
    if (!v->is_array()) return Bad(PathOf(key), "应为数组");
    out.clear();
    out.reserve(v->size());
    for (size_t i = 0; i < v->size(); ++i) {
      T item;
      RETURN_IF_ERROR(read_item((*v)[i], Item(PathOf(key), i), item));
      out.push_back(std::move(item));
    }
    return base::Status::Ok();
  }

  // Unknown keys are errors; at the top level output-only keys are skipped.
  base::Status Finish(bool top_level = false) const {
    for (auto it = json_.begin(); it != json_.end(); ++it) {
      const std::string& key = it.key();
      if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
      if (top_level && IsDossierOutputOnlyKey(key)) continue;
      return base::InvalidArgument("未知字段 " + Child(path_, key), Child(path_, key));
    }
    return base::Status::Ok();
  }

 private:
  base::Status Missing(std::string_view key) const { return Bad(PathOf(key), "为必填项"); }

  static base::Status IntValue(const json& v, const std::string& path, std::int64_t& out) {
    if (v.is_number_unsigned()) {
      if (v.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max())) {
        return Bad(path, "超出整数范围");
      }
      out = std::int64_t(v.get<std::uint64_t>());
      return base::Status::Ok();
    }
    if (v.is_number_integer()) {
      out = v.get<std::int64_t>();
      return base::Status::Ok();
    }
    return Bad(path, "应为整数");
  }
  static base::Status MonthValue(const json& v, const std::string& path, base::YearMonth& out) {
    if (v.is_string()) {
      auto month = base::YearMonth::Parse(v.get_ref<const std::string&>(), path);
      if (month.ok()) {
        out = *month;
        return base::Status::Ok();
      }
    }
    return Bad(path, "应为“YYYY-MM”格式的年月（如 1985-07）");
  }
  static base::Status DayValue(const json& v, const std::string& path, base::Date& out) {
    if (v.is_string()) {
      auto date = base::Date::Parse(v.get_ref<const std::string&>(), path);
      if (date.ok()) {
        out = *date;
        return base::Status::Ok();
      }
    }
    return Bad(path, "应为“YYYY-MM-DD”格式的日期（如 2020-07-01）");
  }

  const json& json_;
  std::string path_;
  std::vector<std::string> known_;
};

std::optional<EducationKind> EducationKindFromLabel(std::string_view label) {
  if (label == "全日制") return EducationKind::kFullTime;
  if (label == "在职") return EducationKind::kInService;
  return std::nullopt;
}
std::optional<ResumeKind> ResumeKindFromName(std::string_view name) {
  if (name == "work") return ResumeKind::kWork;
  if (name == "study") return ResumeKind::kStudy;
  return std::nullopt;
}

base::Status ReadEducation(const json& j, const std::string& path, Education& e) {
  ObjectReader r(j, path);
  RETURN_IF_ERROR(r.Check());
  RETURN_IF_ERROR(r.Enum("kind", e.kind, EducationKindFromLabel, "全日制、在职"));
  RETURN_IF_ERROR(r.Coded("level", e.level));
  RETURN_IF_ERROR(r.Coded("degree", e.degree));
  RETURN_IF_ERROR(r.Text("school_and_major", e.school_and_major));
  RETURN_IF_ERROR(r.OptionalMonth("start_month", e.start_month));
  RETURN_IF_ERROR(r.OptionalMonth("end_month", e.end_month));
  return r.Finish();
}

base::Status ReadResume(const json& j, const std::string& path, ResumeEntry& e, bool nested) {
  ObjectReader r(j, path);
  RETURN_IF_ERROR(r.Check());
  RETURN_IF_ERROR(r.Month("start", e.start));
  RETURN_IF_ERROR(r.OptionalMonth("end", e.end));
  RETURN_IF_ERROR(r.Enum("kind", e.kind, ResumeKindFromName, "work、study"));
  RETURN_IF_ERROR(r.Text("unit", e.unit));
  RETURN_IF_ERROR(r.Text("post", e.post));
  RETURN_IF_ERROR(r.Text("note", e.note));
  if (nested) {
    // The 其间 entries of a 其间 entry: allowed only as an empty list (what EncodeDossier of a
    // nested entry would give if it wrote one).
    const json* during = r.Find("during");
    if (during && !(during->is_array() && during->empty())) {
      return Bad(r.PathOf("during"), "不能再嵌套其间经历");
    }
  } else {
    RETURN_IF_ERROR(
        r.Array("during", e.during, [](const json& item, const std::string& p, ResumeEntry& out) {
          return ReadResume(item, p, out, true);
        }));
  }
  return r.Finish();
}

base::Status ReadPost(const json& j, const std::string& path, Post& p) {
  ObjectReader r(j, path);
  RETURN_IF_ERROR(r.Check());
  RETURN_IF_ERROR(r.OptionalId("unit_id", p.unit_id));
  RETURN_IF_ERROR(r.Text("unit_name", p.unit_name));
  RETURN_IF_ERROR(r.Text("title", p.title));
  RETURN_IF_ERROR(r.Bool("is_main", p.is_main));
  RETURN_IF_ERROR(r.Month("start_month", p.start_month));
  RETURN_IF_ERROR(r.OptionalMonth("end_month", p.end_month));
  RETURN_IF_ERROR(r.Text("document_number", p.document_number));
  RETURN_IF_ERROR(r.Enum("method", p.method, AppointmentMethodFromLabel, "选任、委任、聘任、考任"));
  return r.Finish();
}

base::Status ReadRank(const json& j, const std::string& path, RankRecord& k) {
  ObjectReader r(j, path);
  RETURN_IF_ERROR(r.Check());
  RETURN_IF_ERROR(r.Text("rank", k.rank));
  RETURN_IF_ERROR(r.Month("start_month", k.start_month));
  RETURN_IF_ERROR(r.OptionalMonth("end_month", k.end_month));
  RETURN_IF_ERROR(r.Text("document_number", k.document_number));
  return r.Finish();
}

base::Status ReadAssessment(const json& j, const std::string& path, Assessment& a) {
  ObjectReader r(j, path);
  RETURN_IF_ERROR(r.Check());
  RETURN_IF_ERROR(r.Year("year", a.year));
  RETURN_IF_ERROR(
      r.Enum("grade", a.grade, AssessmentGradeFromLabel, "优秀、称职、基本称职、不称职、不定等次"));
  RETURN_IF_ERROR(r.Text("note", a.note));
  return r.Finish();
}

base::Status ReadReward(const json& j, const std::string& path, RewardOrSanction& w) {
  ObjectReader r(j, path);
  RETURN_IF_ERROR(r.Check());
  RETURN_IF_ERROR(r.Day("date", w.date));
  RETURN_IF_ERROR(r.Bool("is_sanction", w.is_sanction));
  RETURN_IF_ERROR(r.Text("kind", w.kind));
  RETURN_IF_ERROR(r.Text("issuer", w.issuer));
  RETURN_IF_ERROR(r.Text("reason", w.reason));
  RETURN_IF_ERROR(r.OptionalDay("effect_end", w.effect_end));
  return r.Finish();
}

base::Status ReadTraining(const json& j, const std::string& path, Training& t) {
  ObjectReader r(j, path);
  RETURN_IF_ERROR(r.Check());
  RETURN_IF_ERROR(r.Text("course", t.course));
  RETURN_IF_ERROR(r.Int("hours", t.hours));
  RETURN_IF_ERROR(r.Day("start", t.start));
  RETURN_IF_ERROR(r.Day("end", t.end));
  RETURN_IF_ERROR(r.Text("provider", t.provider));
  return r.Finish();
}

base::Status ReadFamilyMember(const json& j, const std::string& path, FamilyMember& f) {
  ObjectReader r(j, path);
  RETURN_IF_ERROR(r.Check());
  RETURN_IF_ERROR(r.Coded("relation", f.relation));
  RETURN_IF_ERROR(r.Text("name", f.name));
  RETURN_IF_ERROR(r.OptionalMonth("birth_month", f.birth_month));
  RETURN_IF_ERROR(r.Coded("political_status", f.political_status));
  RETURN_IF_ERROR(r.Text("employer_and_post", f.employer_and_post));
  RETURN_IF_ERROR(r.OptionalText("id_number", f.id_number));
  RETURN_IF_ERROR(r.OptionalId("cadre_id", f.cadre_id));
  return r.Finish();
}

base::Status ReadPersonalMatters(const json& j, const std::string& path, PersonalMatters& m) {
  ObjectReader r(j, path);
  RETURN_IF_ERROR(r.Check());
  RETURN_IF_ERROR(r.Bool("spouse_or_children_emigrated", m.spouse_or_children_emigrated));
  RETURN_IF_ERROR(r.Bool("family_in_business", m.family_in_business));
  RETURN_IF_ERROR(r.Text("note", m.note));
  return r.Finish();
}

base::Status ReadAppointment(const json& j, const std::string& path, AppointmentForm& a) {
  ObjectReader r(j, path);
  RETURN_IF_ERROR(r.Check());
  RETURN_IF_ERROR(r.Text("proposed_post", a.proposed_post));
  RETURN_IF_ERROR(r.Text("proposed_removal", a.proposed_removal));
  RETURN_IF_ERROR(r.Text("reason", a.reason));
  RETURN_IF_ERROR(r.Text("reporting_unit", a.reporting_unit));
  RETURN_IF_ERROR(r.OptionalDay("age_reference_date", a.age_reference_date));
  RETURN_IF_ERROR(r.OptionalDay("filled_date", a.filled_date));
  RETURN_IF_ERROR(r.Text("filled_by", a.filled_by));
  RETURN_IF_ERROR(r.Text("retirement_limit_text", a.retirement_limit_text));
  return r.Finish();
}

// Deepest nesting of arrays and objects in `text`, counted without parsing (strings skipped), so
// that a hostile document cannot exhaust the parser's stack.
int NestingDepth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

bool IsDossierOutputOnlyKey(std::string_view key) {
  return std::find(kDossierOutputOnlyKeys.begin(), kDossierOutputOnlyKeys.end(), key) !=
         kDossierOutputOnlyKeys.end();
}

bool IsDossierConfidentialKey(std::string_view key) {
  return std::find(kDossierConfidentialKeys.begin(), kDossierConfidentialKeys.end(), key) !=
         kDossierConfidentialKeys.end();
}

nlohmann::json EncodeDossierFields(const Dossier& d) {
  json j = json::object();
  j["name"] = d.name;
  j["gender"] = d.gender.label;
  j["gender_code"] = d.gender.code;
  j["birth_month"] = Month(d.birth_month);
  j["ethnicity"] = d.ethnicity.label;
  j["ethnicity_code"] = d.ethnicity.code;
  j["native_place"] = d.native_place.text;
  j["native_place_code"] = d.native_place.division_code;
  j["birth_place"] = d.birth_place.text;
  j["birth_place_code"] = d.birth_place.division_code;
  j["party"] = d.party.label;
  j["party_code"] = d.party.code;
  j["party_join_month"] = Month(d.party_join_month);
  j["party_join_age_confirmed"] = d.party_join_age_confirmed;
  j["work_start_month"] = Month(d.work_start_month);
  j["health"] = d.health.label;
  j["health_code"] = d.health.code;
  j["professional_title"] = d.professional_title;
  j["expertise"] = d.expertise;
  j["id_number"] = d.id_number ? json(*d.id_number) : json(nullptr);
  j["unit_id"] = d.unit_id.value();
  j["managing_body"] = d.managing_body;
  j["managing_unit_id"] = OptionalId(d.managing_unit_id);
  j["sort_order"] = d.sort_order;
  j["status"] = PersonStatusLabel(d.status);
  j["status_reason"] = d.status_reason;

  json education = json::array();
  for (const Education& e : d.education) {
    education.push_back({{"kind", EducationKindLabel(e.kind)},
                         {"level", e.level.label},
                         {"level_code", e.level.code},
                         {"degree", e.degree.label},
                         {"degree_code", e.degree.code},
                         {"school_and_major", e.school_and_major},
                         {"start_month", Month(e.start_month)},
                         {"end_month", Month(e.end_month)}});
  }
  j["education"] = std::move(education);

  json resume = json::array();
  for (const ResumeEntry& e : d.resume) resume.push_back(EncodeResume(e, false));
  j["resume"] = std::move(resume);

  json posts = json::array();
  for (const Post& p : d.posts) {
    posts.push_back({{"unit_id", OptionalId(p.unit_id)},
                     {"unit_name", p.unit_name},
                     {"title", p.title},
                     {"is_main", p.is_main},
                     {"start_month", Month(p.start_month)},
                     {"end_month", Month(p.end_month)},
                     {"document_number", p.document_number},
                     {"method", AppointmentMethodLabel(p.method)}});
  }
  j["posts"] = std::move(posts);

  json ranks = json::array();
  for (const RankRecord& r : d.ranks) {
    ranks.push_back({{"rank", r.rank},
                     {"start_month", Month(r.start_month)},
                     {"end_month", Month(r.end_month)},
                     {"document_number", r.document_number}});
  }
  j["ranks"] = std::move(ranks);

  json assessments = json::array();
  for (const Assessment& a : d.assessments) {
    assessments.push_back(
        {{"year", a.year}, {"grade", AssessmentGradeLabel(a.grade)}, {"note", a.note}});
  }
  j["assessments"] = std::move(assessments);

  json rewards = json::array();
  for (const RewardOrSanction& w : d.rewards) {
    rewards.push_back({{"date", Day(w.date)},
                       {"is_sanction", w.is_sanction},
                       {"kind", w.kind},
                       {"issuer", w.issuer},
                       {"reason", w.reason},
                       {"effect_end", Day(w.effect_end)}});
  }
  j["rewards"] = std::move(rewards);

  json trainings = json::array();
  for (const Training& t : d.trainings) {
    trainings.push_back({{"course", t.course},
                         {"hours", t.hours},
                         {"start", Day(t.start)},
                         {"end", Day(t.end)},
                         {"provider", t.provider}});
  }
  j["trainings"] = std::move(trainings);

  j["family"] = EncodeFamily(d.family);
  j["personal_matters"] = EncodePersonalMatters(d.personal_matters);
  j["appointment"] = EncodeAppointment(d.appointment);
  return j;
}

nlohmann::json EncodeAppointment(const AppointmentForm& a) {
  return {{"proposed_post", a.proposed_post},
          {"proposed_removal", a.proposed_removal},
          {"reason", a.reason},
          {"reporting_unit", a.reporting_unit},
          {"age_reference_date", Day(a.age_reference_date)},
          {"filled_date", Day(a.filled_date)},
          {"filled_by", a.filled_by},
          {"retirement_limit_text", a.retirement_limit_text}};
}

base::Result<AppointmentForm> DecodeAppointment(const nlohmann::json& j) {
  AppointmentForm appointment;
  RETURN_IF_ERROR(ReadAppointment(j, "appointment", appointment));
  return appointment;
}

nlohmann::json EncodeFamily(const std::vector<FamilyMember>& members) {
  json family = json::array();
  for (const FamilyMember& f : members) {
    family.push_back({{"relation", f.relation.label},
                      {"relation_code", f.relation.code},
                      {"name", f.name},
                      {"birth_month", Month(f.birth_month)},
                      {"political_status", f.political_status.label},
                      {"political_status_code", f.political_status.code},
                      {"employer_and_post", f.employer_and_post},
                      {"id_number", f.id_number ? json(*f.id_number) : json(nullptr)},
                      {"cadre_id", OptionalId(f.cadre_id)}});
  }
  return family;
}

nlohmann::json EncodePersonalMatters(const PersonalMatters& m) {
  return {{"spouse_or_children_emigrated", m.spouse_or_children_emigrated},
          {"family_in_business", m.family_in_business},
          {"note", m.note}};
}

base::Result<std::vector<FamilyMember>> DecodeFamily(const nlohmann::json& j) {
  std::vector<FamilyMember> family;
  const json wrapper = {{"family", j}};
  ObjectReader r(wrapper, "");
  RETURN_IF_ERROR(r.Array("family", family, ReadFamilyMember));
  return family;
}

base::Result<PersonalMatters> DecodePersonalMatters(const nlohmann::json& j) {
  PersonalMatters matters;
  RETURN_IF_ERROR(ReadPersonalMatters(j, "personal_matters", matters));
  return matters;
}

nlohmann::json EncodeDossier(const Dossier& d) {
  json j = EncodeDossierFields(d);
  j["id"] = d.id.value();
  j["version"] = d.version;
  j["unit_name"] = d.unit_name;
  j["has_photo"] = d.has_photo;
  return j;
}

base::Result<Dossier> DecodeDossier(const nlohmann::json& j) {
  Dossier d;
  ObjectReader r(j, "");
  RETURN_IF_ERROR(r.Check());
  RETURN_IF_ERROR(r.Text("name", d.name));
  RETURN_IF_ERROR(r.Coded("gender", d.gender));
  RETURN_IF_ERROR(r.Month("birth_month", d.birth_month));
  RETURN_IF_ERROR(r.Coded("ethnicity", d.ethnicity));
  RETURN_IF_ERROR(r.Place("native_place", d.native_place));
  RETURN_IF_ERROR(r.Place("birth_place", d.birth_place));
  RETURN_IF_ERROR(r.Coded("party", d.party));
  RETURN_IF_ERROR(r.OptionalMonth("party_join_month", d.party_join_month));
  RETURN_IF_ERROR(r.Bool("party_join_age_confirmed", d.party_join_age_confirmed));
  RETURN_IF_ERROR(r.OptionalMonth("work_start_month", d.work_start_month));
  RETURN_IF_ERROR(r.Coded("health", d.health));
  RETURN_IF_ERROR(r.Text("professional_title", d.professional_title));
  RETURN_IF_ERROR(r.Text("expertise", d.expertise));
  RETURN_IF_ERROR(r.OptionalText("id_number", d.id_number));
  RETURN_IF_ERROR(r.Id("unit_id", d.unit_id));
  RETURN_IF_ERROR(r.Text("managing_body", d.managing_body));
  RETURN_IF_ERROR(r.OptionalId("managing_unit_id", d.managing_unit_id));
  RETURN_IF_ERROR(r.Int("sort_order", d.sort_order));
  RETURN_IF_ERROR(r.Enum("status", d.status, PersonStatusFromLabel,
                         "在职、退休、调出、辞职、免职、辞退、去世"));
  RETURN_IF_ERROR(r.Text("status_reason", d.status_reason));
  RETURN_IF_ERROR(r.Array("education", d.education, ReadEducation));
  RETURN_IF_ERROR(
      r.Array("resume", d.resume, [](const json& item, const std::string& path, ResumeEntry& out) {
        return ReadResume(item, path, out, false);
      }));
  RETURN_IF_ERROR(r.Array("posts", d.posts, ReadPost));
  RETURN_IF_ERROR(r.Array("ranks", d.ranks, ReadRank));
  RETURN_IF_ERROR(r.Array("assessments", d.assessments, ReadAssessment));
  RETURN_IF_ERROR(r.Array("rewards", d.rewards, ReadReward));
  RETURN_IF_ERROR(r.Array("trainings", d.trainings, ReadTraining));
  RETURN_IF_ERROR(r.Array("family", d.family, ReadFamilyMember));
  if (const json* matters = r.Find("personal_matters")) {
    RETURN_IF_ERROR(ReadPersonalMatters(*matters, "personal_matters", d.personal_matters));
  }
  if (const json* appointment = r.Find("appointment")) {
    RETURN_IF_ERROR(ReadAppointment(*appointment, "appointment", d.appointment));
  }
  RETURN_IF_ERROR(r.Finish(/*top_level=*/true));
  return d;
}

std::string DumpJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

base::Result<nlohmann::json> ParseJsonText(std::string_view text, std::string_view field) {
  constexpr int kMaxDepth = 64;
  if (NestingDepth(text) > kMaxDepth) {
    return base::InvalidArgument("内容不是有效的 JSON（嵌套过深）", std::string(field));
  }
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return base::InvalidArgument("内容不是有效的 JSON", std::string(field));
  return j;
}

}  // namespace xr::cadre
