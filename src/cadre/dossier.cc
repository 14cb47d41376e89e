#include "cadre/dossier.h"

#include <array>

namespace xr::cadre {
namespace {

// Each enum's labels in enumerator order; the tables are the only place the strings live.
constexpr std::array<std::string_view, 7> kPersonStatusLabels{"在职", "退休", "调出", "辞职",
                                                              "免职", "辞退", "去世"};
constexpr std::array<std::string_view, 4> kAppointmentMethodLabels{"选任", "委任", "聘任", "考任"};
constexpr std::array<std::string_view, 5> kAssessmentGradeLabels{"优秀", "称职", "基本称职",
                                                                 "不称职", "不定等次"};

template <typename Enum, size_t N>
std::optional<Enum> FromLabel(const std::array<std::string_view, N>& labels,
                              std::string_view label) {
  for (size_t i = 0; i < N; ++i) {
    if (labels[i] == label) return Enum(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view PersonStatusLabel(PersonStatus status) {
  return kPersonStatusLabels[static_cast<size_t>(status)];
}
std::optional<PersonStatus> PersonStatusFromLabel(std::string_view label) {
  return FromLabel<PersonStatus>(kPersonStatusLabels, label);
}

std::string_view AppointmentMethodLabel(AppointmentMethod method) {
  return kAppointmentMethodLabels[static_cast<size_t>(method)];
}
std::optional<AppointmentMethod> AppointmentMethodFromLabel(std::string_view label) {
  return FromLabel<AppointmentMethod>(kAppointmentMethodLabels, label);
}

std::string_view AssessmentGradeLabel(AssessmentGrade grade) {
  return kAssessmentGradeLabels[static_cast<size_t>(grade)];
}
std::optional<AssessmentGrade> AssessmentGradeFromLabel(std::string_view label) {
  return FromLabel<AssessmentGrade>(kAssessmentGradeLabels, label);
}

}  // namespace xr::cadre
