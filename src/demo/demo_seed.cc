#include "demo/demo_seed.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <span>
#include <thread>
#include <unordered_map>

#include "access/role_repository.h"
#include "cadre/common_bigrams.h"
#include "cadre/dictionary_repository.h"
#include "cadre/dossier_history.h"
#include "cadre/dossier_json.h"
#include "cadre/dossier_repository.h"
#include "cadre/dossier_rules.h"
#include "cadre/name_keys.h"
#include "cadre/search_keys.h"
#include "cadre/text_index.h"
#include "cadre/text_tokens.h"
#include "crypto/sealed.h"
#include "demo/demo_dossier.h"
#include "org/org_repository.h"

namespace xr::demo {
namespace {

using cadre::Dossier;

// The column layouts the repository writes (DossierRepository::Insert and WriteItems,
// SealAndStore, AppendChange in dossier_repository.cc; StoreSearchKeys in search_keys.cc). The
// seeding test reads the rows back through the repository to keep the two in step.
template <size_t... N>
constexpr auto Concat(const std::array<std::string_view, N>&... parts) {
  std::array<std::string_view, (N + ...)> out{};
  size_t at = 0;
  ((std::copy(parts.begin(), parts.end(), out.begin() + at), at += N), ...);
  return out;
}
constexpr auto kCadreColumns = Concat(
    std::array<std::string_view, 1>{"id"}, cadre::kDossierBasicColumns,
    std::array<std::string_view, 10>{
        "version", "created_at", "updated_at", "name_sort_key", "name_initials", "common_bigrams",
        // Filled on the writing thread (they need the transaction's data keys):
        "id_number_sealed", "family_sealed", "personal_matters_sealed", "id_number_index"});
constexpr size_t kPreparedCadreColumns = kCadreColumns.size() - 4;

enum Item {
  kEducation,
  kResume,
  kPosts,
  kRanks,
  kAssessments,
  kRewards,
  kTrainings,
  kRelatives,
  kItemTables
};
struct ItemTable {
  std::string_view name;
  std::span<const std::string_view> columns;
};
constexpr std::array<std::string_view, 10> kEducationColumns{
    "cadre_id",    "item_order",       "kind",        "level",    "level_code", "degree",
    "degree_code", "school_and_major", "start_month", "end_month"};
constexpr std::array<std::string_view, 9> kResumeColumns{
    "cadre_id", "item_order", "parent_order", "start_month", "end_month",
    "kind",     "unit",       "post",         "note"};
constexpr std::array<std::string_view, 10> kPostColumns{
    "cadre_id", "item_order",  "unit_id",   "unit_name",       "title",
    "is_main",  "start_month", "end_month", "document_number", "method"};
constexpr std::array<std::string_view, 6> kRankColumns{
    "cadre_id", "item_order", "rank", "start_month", "end_month", "document_number"};
constexpr std::array<std::string_view, 5> kAssessmentColumns{"cadre_id", "item_order", "year",
                                                             "grade", "note"};
constexpr std::array<std::string_view, 8> kRewardColumns{"cadre_id",    "item_order", "reward_date",
                                                         "is_sanction", "kind",       "issuer",
                                                         "reason",      "effect_end"};
constexpr std::array<std::string_view, 7> kTrainingColumns{
    "cadre_id", "item_order", "course", "hours", "start_date", "end_date", "provider"};
// The compound query's derived table of links (cadre/text_index.h: IndexNewDossier); the other,
// cadre_text_bigrams, is written by BigramIndex.
constexpr std::array<std::string_view, 2> kRelativeColumns{"cadre_id", "relative_cadre_id"};
constexpr std::array<ItemTable, kItemTables> kItemTableLayout{{
    {"cadre_education", kEducationColumns},
    {"cadre_resume", kResumeColumns},
    {"cadre_posts", kPostColumns},
    {"cadre_ranks", kRankColumns},
    {"cadre_assessments", kAssessmentColumns},
    {"cadre_rewards", kRewardColumns},
    {"cadre_trainings", kTrainingColumns},
    {"cadre_relative_links", kRelativeColumns},
}};
constexpr std::array<std::string_view, 6> kChangeColumns{
    "cadre_id", "version", "at", "actor", "changes", "confidential_fields"};

// Rows waiting for one table, written with INSERTs of many rows each (each statement text is
// prepared once and cached by the store).
class BulkTable {
 public:
  BulkTable(std::string_view name, std::span<const std::string_view> columns, size_t per_statement)
      : name_(name), columns_(columns), per_statement_(per_statement) {}

  store::Params& pending() { return pending_; }

  // Writes every full statement's worth of rows; with `everything`, the rest too.
  base::Status Write(store::Transaction& tx, bool everything) {
    const size_t width = columns_.size();
    size_t rows = pending_.size() / width, done = 0;
    while (rows >= per_statement_ || (everything && rows > 0)) {
      const size_t n = std::min(rows, per_statement_);
      const auto first = pending_.begin() + std::ptrdiff_t(done * width);
      store::Params chunk(std::make_move_iterator(first),
                          std::make_move_iterator(first + std::ptrdiff_t(n * width)));
      RETURN_IF_ERROR(tx.Execute(Sql(n), chunk).status());
      done += n;
      rows -= n;
    }
    pending_.erase(pending_.begin(), pending_.begin() + std::ptrdiff_t(done * width));
    return base::Status::Ok();
  }

 private:
  const std::string& Sql(size_t rows) {
    std::string& sql = sql_[rows];
    if (sql.empty()) {
      sql = "INSERT INTO " + std::string(name_) + " (";
      std::string row = "(";
      for (size_t c = 0; c < columns_.size(); ++c) {
        sql += (c ? ", " : "") + std::string(columns_[c]);
        row += c ? ", ?" : "?";
      }
      row += ")";
      sql += ") VALUES ";
      for (size_t r = 0; r < rows; ++r) sql += (r ? ", " : "") + row;
    }
    return sql;
  }

  std::string_view name_;
  std::span<const std::string_view> columns_;
  size_t per_statement_;
  store::Params pending_;
  std::map<size_t, std::string> sql_;
};

// The national codes of the labels the generator writes (what ValidateDossier fills, without
// the checks).
class Codes {
 public:
  explicit Codes(const cadre::CodeTables& tables) {
    for (std::string_view kind :
         {cadre::kDictGender, cadre::kDictEthnicity, cadre::kDictParty, cadre::kDictEducationLevel,
          cadre::kDictDegree, cadre::kDictRelation, cadre::kDictHealth}) {
      for (const cadre::DictItem& item : tables.Items(kind)) {
        if (item.enabled) codes_[Key(kind, item.label)] = item.code;
      }
    }
  }
  void Fill(Dossier& d) const {
    Fill(cadre::kDictGender, d.gender);
    Fill(cadre::kDictEthnicity, d.ethnicity);
    Fill(cadre::kDictParty, d.party);
    Fill(cadre::kDictHealth, d.health);
    for (cadre::Education& e : d.education) {
      Fill(cadre::kDictEducationLevel, e.level);
      Fill(cadre::kDictDegree, e.degree);
    }
    for (cadre::FamilyMember& m : d.family) {
      Fill(cadre::kDictRelation, m.relation);
      Fill(cadre::kDictParty, m.political_status);
    }
  }

 private:
  static std::string Key(std::string_view kind, std::string_view label) {
    return std::string(kind) + '\0' + std::string(label);
  }
  void Fill(std::string_view kind, cadre::Coded& coded) const {
    if (coded.label.empty()) return;
    const auto it = codes_.find(Key(kind, coded.label));
    coded.code = it == codes_.end() ? std::string() : it->second;
  }
  std::unordered_map<std::string, std::string> codes_;
};

// The full-text index of the whole load (cadre_text_bigrams: DossierBigrams of every dossier),
// gathered as the dossiers are generated and written once at the end, in key order. Written a
// transaction at a time with the dossiers, each transaction's 1.6 million rows went to every
// bigram's range of the table (some 800 places spread over a table that grows to 1.2 GB): 79
// million B-tree inserts into the middle, which made the demo 2.5 times slower. In key order they
// only append. Memory: per bigram, its cadres' id gaps as varints (a byte or two each).
class BigramIndex {
 public:
  // The common bigrams (cadre/common_bigrams.h) whose bits Add returns; before the first Add.
  void SetCommon(const std::vector<cadre::CommonBigram>& common) {
    for (const cadre::CommonBigram& c : common) common_bits_[c.bigram] = c.bit;
  }
  // Those, with the number of cadres added that have each.
  std::vector<cadre::CommonBigram> Common() const {
    std::vector<cadre::CommonBigram> out;
    for (const Posting& posting : postings_) {
      if (posting.bit >= 0) out.push_back({posting.bit, posting.bigram, posting.count});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.bit < b.bit; });
    return out;
  }

  // Adds the rows of `d`, stored as `id` (ids in increasing order), and returns its common-bigram
  // mask. The same rows as DossierBigrams(d) (the distinct bigrams of IndexedTexts(d)), with each
  // distinct text's bigrams computed once: the demo's texts come from a small vocabulary (some
  // 1,000 distinct texts in 200,000 dossiers), and tokenizing every text again took 37 µs per
  // dossier.
  std::int64_t Add(const Dossier& d, std::int64_t id) {
    numbers_.clear();
    for (std::string_view text : cadre::IndexedTexts(d)) {
      const std::vector<std::uint32_t>& numbers = NumbersOf(text);
      numbers_.insert(numbers_.end(), numbers.begin(), numbers.end());
    }
    std::sort(numbers_.begin(), numbers_.end());
    numbers_.erase(std::unique(numbers_.begin(), numbers_.end()), numbers_.end());
    std::int64_t mask = 0;
    for (std::uint32_t number : numbers_) {
      Posting& posting = postings_[number];
      ++posting.count;
      if (posting.bit >= 0) mask |= std::int64_t(1) << posting.bit;
      for (std::uint64_t gap = std::uint64_t(id - posting.last);; gap >>= 7) {
        if (gap < 0x80) {
          posting.gaps.push_back(char(gap));
          break;
        }
        posting.gaps.push_back(char(0x80 | (gap & 0x7F)));
      }
      posting.last = id;
    }
    return mask;
  }

  // Calls `visit(bigram, ids)` for each bigram in key order (byte order, as SQLite's BINARY and
  // PostgreSQL's "C" collations sort) with its cadre ids, ascending, at most `at_most` at a time.
  template <typename Visit>
  base::Status ForEach(std::size_t at_most, Visit visit) const {
    std::vector<std::uint32_t> order(postings_.size());
    for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return postings_[a].bigram < postings_[b].bigram;
    });
    std::vector<std::int64_t> ids;
    for (std::uint32_t number : order) {
      const Posting& posting = postings_[number];
      std::int64_t id = 0;
      for (std::size_t at = 0; at < posting.gaps.size();) {
        std::uint64_t gap = 0;
        for (int shift = 0;; shift += 7) {
          const auto byte = static_cast<unsigned char>(posting.gaps[at++]);
          gap |= std::uint64_t(byte & 0x7F) << shift;
          if (byte < 0x80) break;
        }
        id += std::int64_t(gap);
        ids.push_back(id);
        if (ids.size() == at_most) {
          RETURN_IF_ERROR(visit(posting.bigram, ids));
          ids.clear();
        }
      }
      if (!ids.empty()) RETURN_IF_ERROR(visit(posting.bigram, ids));
      ids.clear();
    }
    return base::Status::Ok();
  }

 private:
  struct Posting {
    std::string bigram;
    std::string gaps;  // each id minus the one before (the first: minus 0), as a varint
    std::int64_t last = 0;
    std::int64_t count = 0;  // cadres
    int bit = -1;            // in the common-bigram mask, or none
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  using Map = std::unordered_map<std::string, std::vector<std::uint32_t>, Hash, std::equal_to<>>;

  // The posting numbers of the distinct bigrams of `text`.
  const std::vector<std::uint32_t>& NumbersOf(std::string_view text) {
    if (auto it = texts_.find(text); it != texts_.end()) return it->second;
    // Bounded, should the texts not repeat.
    if (texts_.size() >= 100000) texts_.clear();
    std::vector<std::uint32_t> numbers;
    for (std::string& bigram : cadre::TextBigrams(text)) {
      auto [it, added] = bigram_numbers_.try_emplace(bigram, std::uint32_t(postings_.size()));
      if (added) {
        const auto common = common_bits_.find(bigram);
        postings_.push_back(
            {std::move(bigram), {}, 0, 0, common == common_bits_.end() ? -1 : common->second});
      }
      numbers.push_back(it->second);
    }
    return texts_.emplace(std::string(text), std::move(numbers)).first->second;
  }

  std::vector<Posting> postings_;
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> bigram_numbers_;
  std::unordered_map<std::string, int> common_bits_;
  Map texts_;
  std::vector<std::uint32_t> numbers_;  // Add's, kept for its capacity
};

// A batch of cadres ready to write: the rows of `cadres` without the sealed columns, the
// plaintext of those, and the item tables' rows.
struct PreparedBatch {
  int begin = 0;
  std::vector<store::Params> cadres;
  std::vector<std::optional<std::string>> id_numbers;
  std::vector<std::string> families;
  std::vector<std::string> personal_matters;
  std::vector<std::string> scopes;  // the data-key scope of each cadre's managing unit
  std::array<store::Params, kItemTables> items;
  // The full-text index of the whole load, with the last batch.
  std::optional<BigramIndex> bigrams;
};

// The roster's common bigrams (cadre/common_bigrams.h), from an even sample of its dossiers (a
// demo dossier is a function of its index): the masks are written with the cadres, so the set
// must be known before the first one is. Sampling only decides which bigrams get bits — the
// masks are exact for the set, which is recorded with its true counts at the end.
std::vector<cadre::CommonBigram> SampledCommonBigrams(const DemoCity& city, const DemoIds& ids) {
  const std::size_t total = city.cadres.size();
  const std::size_t n = std::min<std::size_t>(total, 4000);
  std::map<std::string, std::int64_t> counts;
  for (std::size_t k = 0; k < n; ++k) {
    for (std::string& bigram :
         cadre::DossierBigrams(BuildDemoDossier(city, int(k * total / n), ids))) {
      ++counts[std::move(bigram)];
    }
  }
  std::vector<cadre::BigramPostings> counted;
  for (auto& [bigram, postings] : counts) counted.push_back({bigram, postings});
  return cadre::PickCommonBigrams(std::move(counted), std::int64_t(n),
                                  cadre::kCommonBigramMinShare);
}

// Generates batches on its own thread (the writer seals and writes meanwhile): dossiers, their
// codes, name keys and rows.
class Preparer {
 public:
  Preparer(const DemoCity& city, const DemoIds& ids, const cadre::CodeTables& tables,
           const SeedOptions& options, base::Timestamp now, std::int64_t first_id)
      : city_(city),
        ids_(ids),
        tables_(tables),
        codes_(tables),
        options_(options),
        now_text_(now),
        today_(now.ShanghaiDate()),
        first_id_(first_id) {
    bigrams_.SetCommon(SampledCommonBigrams(city, ids));
  }

  base::Result<PreparedBatch> Prepare(int begin, int end);

 private:
  const std::pair<std::string, std::string>& NameKeys(const std::string& name) {
    auto it = name_keys_.find(name);
    if (it == name_keys_.end()) {
      it = name_keys_
               .emplace(name,
                        std::make_pair(cadre::StrokeSortKey(name), cadre::PinyinInitials(name)))
               .first;
    }
    return it->second;
  }

  const DemoCity& city_;
  const DemoIds& ids_;
  const cadre::CodeTables& tables_;
  const Codes codes_;
  const SeedOptions& options_;
  const store::Value now_text_;  // created_at and updated_at
  const base::Date today_;
  const std::int64_t first_id_;
  // Names repeat (重名) in a large roster: their ICU keys are computed once each.
  std::unordered_map<std::string, std::pair<std::string, std::string>> name_keys_;
  BigramIndex bigrams_;
  std::array<size_t, kItemTables> item_values_{};  // of the last batch
};

base::Result<PreparedBatch> Preparer::Prepare(int begin, int end) {
  PreparedBatch batch;
  batch.begin = begin;
  const size_t n = size_t(end - begin);
  batch.cadres.reserve(n);
  batch.id_numbers.reserve(n);
  batch.families.reserve(n);
  batch.personal_matters.reserve(n);
  batch.scopes.reserve(n);
  // As many item rows as the batch before had, and a little more.
  for (size_t t = 0; t < kItemTables; ++t) batch.items[t].reserve(item_values_[t] * 9 / 8);
  for (int i = begin; i < end; ++i) {
    Dossier d = BuildDemoDossier(city_, i, ids_);
    if (options_.validate) {
      auto checked = cadre::ValidateDossier(d, tables_, today_);
      if (!checked.ok()) {
        return base::Internal("演示干部 " + std::to_string(i) + "（" + d.name +
                              "）的档案未通过校验：" + checked.status().ToString());
      }
    } else {
      codes_.Fill(d);
    }
    const std::int64_t id = first_id_ + i;
    // What still reads the dossier's texts goes first: the item rows below take them over.
    const std::int64_t common_bigrams = bigrams_.Add(d, id);
    const auto& [sort_key, initials] = NameKeys(d.name);
    store::Params row{id};
    store::Params basic = cadre::DossierBasicValues(d);
    row.insert(row.end(), std::make_move_iterator(basic.begin()),
               std::make_move_iterator(basic.end()));
    row.reserve(kPreparedCadreColumns);
    for (const store::Value& value : {store::Value(1), now_text_, now_text_}) row.push_back(value);
    row.emplace_back(sort_key);
    row.emplace_back(initials);
    row.emplace_back(common_bigrams);
    batch.cadres.push_back(std::move(row));
    batch.id_numbers.push_back(d.id_number);
    batch.families.push_back(cadre::DumpJson(cadre::EncodeFamily(d.family)));
    batch.personal_matters.push_back(
        cadre::DumpJson(cadre::EncodePersonalMatters(d.personal_matters)));
    std::optional<std::int64_t> managing;
    if (d.managing_unit_id) managing = d.managing_unit_id->value();
    batch.scopes.push_back(crypto::ScopeForManagingUnit(managing));

    const std::vector<std::int64_t> relatives = cadre::RelativeCadreIds(d, cadre::CadreId(id));

    // Each value straight into the batch's rows, strings moved out of the dossier: one
    // allocation per long text instead of three (the rows are most of this thread's work).
    auto add = [&](Item table, auto&&... values) {
      store::Params& rows = batch.items[table];
      (rows.emplace_back(std::forward<decltype(values)>(values)), ...);
    };
    for (size_t k = 0; k < d.education.size(); ++k) {
      cadre::Education& e = d.education[k];
      add(kEducation, id, std::int64_t(k),
          e.kind == cadre::EducationKind::kInService ? "在职" : "全日制", std::move(e.level.label),
          std::move(e.level.code), std::move(e.degree.label), std::move(e.degree.code),
          std::move(e.school_and_major), e.start_month, e.end_month);
    }
    auto resume = [&](cadre::ResumeEntry& e, std::int64_t order,
                      std::optional<std::int64_t> parent) {
      add(kResume, id, order, parent, e.start, e.end,
          e.kind == cadre::ResumeKind::kStudy ? "study" : "work", std::move(e.unit),
          std::move(e.post), std::move(e.note));
    };
    for (size_t k = 0; k < d.resume.size(); ++k) {
      resume(d.resume[k], std::int64_t(k), std::nullopt);
      for (size_t j = 0; j < d.resume[k].during.size(); ++j) {
        resume(d.resume[k].during[j], std::int64_t(j), std::int64_t(k));
      }
    }
    for (size_t k = 0; k < d.posts.size(); ++k) {
      cadre::Post& p = d.posts[k];
      add(kPosts, id, std::int64_t(k), p.unit_id, std::move(p.unit_name), std::move(p.title),
          p.is_main, p.start_month, p.end_month, std::move(p.document_number),
          cadre::AppointmentMethodLabel(p.method));
    }
    for (size_t k = 0; k < d.ranks.size(); ++k) {
      cadre::RankRecord& r = d.ranks[k];
      add(kRanks, id, std::int64_t(k), std::move(r.rank), r.start_month, r.end_month,
          std::move(r.document_number));
    }
    for (size_t k = 0; k < d.assessments.size(); ++k) {
      cadre::Assessment& a = d.assessments[k];
      add(kAssessments, id, std::int64_t(k), a.year, cadre::AssessmentGradeLabel(a.grade),
          std::move(a.note));
    }
    for (size_t k = 0; k < d.rewards.size(); ++k) {
      cadre::RewardOrSanction& w = d.rewards[k];
      add(kRewards, id, std::int64_t(k), w.date, w.is_sanction, std::move(w.kind),
          std::move(w.issuer), std::move(w.reason), w.effect_end);
    }
    for (size_t k = 0; k < d.trainings.size(); ++k) {
      cadre::Training& t = d.trainings[k];
      add(kTrainings, id, std::int64_t(k), std::move(t.course), t.hours, t.start, t.end,
          std::move(t.provider));
    }
    for (std::int64_t relative : relatives) add(kRelatives, id, relative);
  }
  for (size_t t = 0; t < kItemTables; ++t) item_values_[t] = batch.items[t].size();
  if (end == int(city_.cadres.size())) batch.bigrams = std::move(bigrams_);
  return batch;
}

// Runs a Preparer over the batches in order on its own thread, at most two batches ahead of
// the writer. The destructor stops and joins it.
class PreparerThread {
 public:
  PreparerThread(Preparer& preparer, int total, int batch_size)
      : thread_([this, &preparer, total, batch_size] {
          for (int begin = 0; begin < total; begin += batch_size) {
            base::Result<PreparedBatch> batch =
                preparer.Prepare(begin, std::min(total, begin + batch_size));
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return stop_ || ready_.size() < 2; });
            if (stop_) return;
            const bool failed = !batch.ok();
            ready_.push_back(std::move(batch));
            changed_.notify_all();
            if (failed) return;
          }
        }) {}
  ~PreparerThread() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  // The next batch, in order (waits for it).
  base::Result<PreparedBatch> Next() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !ready_.empty(); });
    base::Result<PreparedBatch> batch = std::move(ready_.front());
    ready_.pop_front();
    changed_.notify_all();
    return batch;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<base::Result<PreparedBatch>> ready_;
  bool stop_ = false;
  std::thread thread_;  // last: starts after the members it uses exist
};

base::Status WriteCity(store::Transaction& tx, const DemoCity& city, base::Timestamp now,
                       std::vector<org::UnitId>& unit_ids) {
  org::OrgRepository org(tx);
  ASSIGN_OR_RETURN(std::int64_t existing, org.CountUnits());
  if (existing > 0) {
    return base::FailedPrecondition(
        "数据库中已有机构数据，演示数据只能写入空库（可换一个 --db 路径）");
  }
  unit_ids.clear();
  unit_ids.reserve(city.units.size());
  for (const DemoUnit& demo : city.units) {
    org::NewUnit unit = demo.unit;
    if (demo.parent_index >= 0) unit.parent_id = unit_ids[size_t(demo.parent_index)];
    ASSIGN_OR_RETURN(org::Unit stored, org.InsertUnit(unit));
    unit_ids.push_back(stored.id);
  }
  for (const DemoPosition& p : city.positions) {
    RETURN_IF_ERROR(org.InsertPosition(
        {org::PositionId(), unit_ids[size_t(p.unit_index)], p.name, p.headcount, 0}));
  }
  access::RoleRepository roles(tx);
  for (const access::Role& role : city.roles) RETURN_IF_ERROR(roles.Insert(role, now));
  return base::Status::Ok();
}

// A secondary index as the catalog defines it (the migrations' DDL, either engine's variant).
struct IndexDefinition {
  std::string name;
  std::string sql;
};

// The secondary indexes of `table`: not the primary key, nor indexes that back constraints.
base::Result<std::vector<IndexDefinition>> SecondaryIndexes(store::Transaction& tx,
                                                            std::string_view table) {
  ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.dialect() == store::Dialect::kSqlite
          ? tx.Query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                     "AND sql IS NOT NULL ORDER BY name",
                     {table})
          : tx.Query("SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = "
                     "current_schema() AND tablename = ? AND NOT EXISTS (SELECT 1 FROM "
                     "pg_constraint c WHERE c.conname = i.indexname) ORDER BY indexname",
                     {table}));
  std::vector<IndexDefinition> indexes;
  for (const store::Row& row : rows) indexes.push_back({row.Text(0), row.Text(1)});
  return indexes;
}

// Writes prepared batches: seals the confidential parts (with the transaction's data keys), adds
// the change-log rows, and sends every table's rows in multi-row INSERTs.
class CadreWriter {
 public:
  CadreWriter(std::int64_t first_id, base::Timestamp now, std::string actor,
              const crypto::Keyring* keyring)
      : first_id_(first_id),
        now_(now),
        actor_(std::move(actor)),
        no_changes_(cadre::ChangesToJson({})),
        keyring_(keyring),
        cadres_("cadres", kCadreColumns, 25),
        changes_("cadre_changes", kChangeColumns, 100) {
    for (const ItemTable& table : kItemTableLayout)
      items_.emplace_back(table.name, table.columns, table.columns.size() == 2 ? 400 : 100);
  }

  base::Status Write(store::Transaction& tx, crypto::DataKeys* keys, PreparedBatch& batch) {
    for (size_t k = 0; k < batch.cadres.size(); ++k) {
      store::Params& row = batch.cadres[k];
      const std::int64_t id = first_id_ + batch.begin + std::int64_t(k);
      row.resize(kCadreColumns.size());
      if (keys) {
        ASSIGN_OR_RETURN(const std::int64_t key, KeyOf(*keys, batch.scopes[k]));
        auto seal = [&](std::string_view column,
                        std::string_view plaintext) -> base::Result<std::string> {
          return keys->SealWith(key, crypto::FieldContext("cadres", column, id), plaintext);
        };
        const std::optional<std::string>& id_number = batch.id_numbers[k];
        if (id_number) {
          ASSIGN_OR_RETURN(row[kPreparedCadreColumns], seal("id_number_sealed", *id_number));
          ASSIGN_OR_RETURN(row[kPreparedCadreColumns + 3],
                           keys->BlindIndex(cadre::kIdNumberIndexLabel, *id_number));
        }
        ASSIGN_OR_RETURN(row[kPreparedCadreColumns + 1], seal("family_sealed", batch.families[k]));
        ASSIGN_OR_RETURN(row[kPreparedCadreColumns + 2],
                         seal("personal_matters_sealed", batch.personal_matters[k]));
      }
      Append(cadres_, row);
      Append(changes_, {id, 1, now_, actor_, no_changes_, ""});
    }
    // Parents before their items (foreign keys): every cadre row of the batch goes now.
    RETURN_IF_ERROR(cadres_.Write(tx, true));
    for (size_t t = 0; t < items_.size(); ++t) {
      Append(items_[t], batch.items[t]);
      RETURN_IF_ERROR(items_[t].Write(tx, false));
    }
    return changes_.Write(tx, false);
  }

  // Writes what is still waiting (at the end of a transaction).
  base::Status Flush(store::Transaction& tx) {
    RETURN_IF_ERROR(cadres_.Write(tx, true));
    for (BulkTable& table : items_) RETURN_IF_ERROR(table.Write(tx, true));
    return changes_.Write(tx, true);
  }

 private:
  static void Append(BulkTable& table, store::Params& values) {
    store::Params& pending = table.pending();
    pending.insert(pending.end(), std::make_move_iterator(values.begin()),
                   std::make_move_iterator(values.end()));
  }
  static void Append(BulkTable& table, store::Params&& values) { Append(table, values); }

  // The data key of a managing unit's scope, created on first use (as DataKeys::Seal does).
  base::Result<std::int64_t> KeyOf(crypto::DataKeys& keys, const std::string& scope) {
    if (auto it = key_ids_.find(scope); it != key_ids_.end()) return it->second;
    auto id = keys.ActiveKeyId(scope);
    if (!id.ok() && id.status().code() == base::StatusCode::kNotFound) {
      id = keys.Create(scope, keyring_->new_key_cipher());
    }
    if (!id.ok()) return id.status();
    key_ids_.emplace(scope, *id);
    return *id;
  }

  const std::int64_t first_id_;
  const base::Timestamp now_;
  const std::string actor_;
  const std::string no_changes_;
  const crypto::Keyring* keyring_;
  BulkTable cadres_;
  std::vector<BulkTable> items_;
  BulkTable changes_;
  std::map<std::string, std::int64_t> key_ids_;
};

// Writes the full-text index in key order, a bigram's cadres (up to `ids_per_statement` of them)
// in one statement: their ids as one array parameter that the statement unpacks (SQLite: a JSON
// array through json_each; PostgreSQL: a BIGINT[] through unnest), far cheaper to bind than a
// parameter pair per row. Transactions of some `rows_per_transaction` rows: the table is large
// (1.2 GB for a million cadres), and SQLite's write-ahead log is checkpointed as it goes.
base::Status WriteBigrams(store::Database& db, const BigramIndex& index,
                          std::size_t ids_per_statement, std::size_t rows_per_transaction) {
  const bool sqlite = db.dialect() == store::Dialect::kSqlite;
  const std::string sql =
      sqlite ? "INSERT INTO cadre_text_bigrams (bigram, cadre_id) SELECT ?, value FROM "
               "json_each(?)"
             : "INSERT INTO cadre_text_bigrams (bigram, cadre_id) SELECT CAST(? AS TEXT), "
               "unnest(CAST(? AS BIGINT[]))";
  // The statements, gathered a transaction's worth at a time.
  std::vector<std::pair<std::string, std::string>> statements;
  std::size_t rows = 0;
  auto flush = [&]() -> base::Status {
    if (statements.empty()) return base::Status::Ok();
    RETURN_IF_ERROR(db.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
      for (const auto& [bigram, ids] : statements) {
        RETURN_IF_ERROR(tx.Execute(sql, {bigram, ids}).status());
      }
      return base::Status::Ok();
    }));
    statements.clear();
    rows = 0;
    return base::Status::Ok();
  };
  RETURN_IF_ERROR(index.ForEach(
      ids_per_statement,
      [&](const std::string& bigram, const std::vector<std::int64_t>& ids) -> base::Status {
        std::string array(1, sqlite ? '[' : '{');
        char digits[24];
        for (std::size_t k = 0; k < ids.size(); ++k) {
          if (k) array += ',';
          array.append(digits, std::to_chars(digits, digits + sizeof digits, ids[k]).ptr);
        }
        array += sqlite ? ']' : '}';
        statements.emplace_back(bigram, std::move(array));
        rows += ids.size();
        return rows >= rows_per_transaction ? flush() : base::Status::Ok();
      }));
  return flush();
}

}  // namespace

base::Result<DemoSummary> SeedDemoCity(store::Database& db, const DemoCity& city,
                                       base::Timestamp now, const access::Recorder& recorder,
                                       const access::Actor& actor, const crypto::Keyring* keyring,
                                       const SeedOptions& options) {
  const int total = int(city.cadres.size());
  const int batch_size = std::max(1, options.batch_size);
  // Whole batches per transaction.
  const int per_transaction = std::max(1, options.transaction_size / batch_size) * batch_size;
  std::vector<org::UnitId> unit_ids;
  std::int64_t first_id = 0;
  std::optional<cadre::CodeTables> tables;
  // The indexes of `cadres` on names, name keys and the ID index take rows in random order:
  // each transaction would rewrite most of their pages (to the write-ahead log, on SQLite).
  // They are dropped while loading and built again at the end, from the catalog's own DDL.
  std::vector<IndexDefinition> indexes;
  RETURN_IF_ERROR(db.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
    RETURN_IF_ERROR(WriteCity(tx, city, now, unit_ids));
    ASSIGN_OR_RETURN(first_id, tx.QueryInt("SELECT COALESCE(MAX(id), 0) + 1 FROM cadres"));
    ASSIGN_OR_RETURN(tables, cadre::LoadCodeTables(tx));
    ASSIGN_OR_RETURN(indexes, SecondaryIndexes(tx, "cadres"));
    // The full-text index's key (PostgreSQL; on SQLite it is the table itself) likewise.
    ASSIGN_OR_RETURN(std::vector<IndexDefinition> bigram_key,
                     SecondaryIndexes(tx, "cadre_text_bigrams"));
    indexes.insert(indexes.end(), bigram_key.begin(), bigram_key.end());
    for (const IndexDefinition& index : indexes) {
      RETURN_IF_ERROR(tx.Execute("DROP INDEX " + index.name).status());
    }
    return base::Status::Ok();
  }));
  auto rebuild_indexes = [&](store::Transaction& tx) -> base::Status {
    for (const IndexDefinition& index : indexes) RETURN_IF_ERROR(tx.Execute(index.sql).status());
    return base::Status::Ok();
  };
  // After a failure: the indexes back, as far as they go (the database is no complete demo).
  auto failed = [&](base::Status status) {
    (void)db.Transact(store::TxMode::kWrite, rebuild_indexes);
    return status;
  };
  const DemoIds ids{
      [&](int unit) { return unit_ids[size_t(unit)]; },
      [&](int cadre) -> std::optional<cadre::CadreId> { return cadre::CadreId(first_id + cadre); }};
  const bool sqlite = db.dialect() == store::Dialect::kSqlite;
  Preparer preparer(city, ids, *tables, options, now, first_id);
  PreparerThread thread(preparer, total, batch_size);
  CadreWriter writer(first_id, now, cadre::ChangeLogActor(actor), keyring);
  std::optional<BigramIndex> bigrams;
  for (int begin = 0; begin < total; begin += per_transaction) {
    const int end = std::min(total, begin + per_transaction);
    // The batches are taken from the preparing thread as they are written, so the work cannot
    // run twice: a retry (another writer in this new database) fails instead.
    bool started = false;
    base::Status written =
        db.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
          if (started) {
            return base::Internal("写入演示干部时数据库被其他程序占用，请换一个空库重试");
          }
          started = true;
          // The cadres' secondary indexes (name keys, the ID index) take rows in random order:
          // a larger page cache while loading (SQLite's default is 2 MB).
          if (sqlite) RETURN_IF_ERROR(tx.Execute("PRAGMA cache_size = -262144").status());
          std::optional<crypto::DataKeys> keys;
          if (keyring) keys.emplace(tx, *keyring);
          for (int at = begin; at < end; at += batch_size) {
            ASSIGN_OR_RETURN(PreparedBatch batch, thread.Next());
            RETURN_IF_ERROR(writer.Write(tx, keys ? &*keys : nullptr, batch));
            if (batch.bigrams) bigrams = std::move(batch.bigrams);
          }
          RETURN_IF_ERROR(writer.Flush(tx));
          if (sqlite) RETURN_IF_ERROR(tx.Execute("PRAGMA cache_size = -2000").status());
          return base::Status::Ok();
        });
    if (!written.ok()) return failed(written);
    if (options.progress) options.progress(end, total);
  }
  std::vector<cadre::CommonBigram> common;
  if (bigrams) {
    common = bigrams->Common();
    base::Status written =
        WriteBigrams(db, *bigrams, size_t(std::max(1, options.full_text_ids_per_statement)),
                     size_t(per_transaction) * 100);
    if (!written.ok()) return failed(written);
    bigrams.reset();
  }
  // Last, so that a demo whose cadres were not all written carries no demo.seed record.
  base::Status finished =
      db.Transact(store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Status {
        if (sqlite) RETURN_IF_ERROR(tx.Execute("PRAGMA cache_size = -262144").status());
        // The full-text index's key sorts some 80 rows per cadre.
        if (!sqlite) RETURN_IF_ERROR(tx.Execute("SET LOCAL maintenance_work_mem = '1GB'").status());
        RETURN_IF_ERROR(rebuild_indexes(tx));
        RETURN_IF_ERROR(cadre::RecordCommonBigrams(tx, common, total));
        if (sqlite) RETURN_IF_ERROR(tx.Execute("PRAGMA cache_size = -2000").status());
        if (!sqlite && total > 0) {
          // The ids were given explicitly: move the identity sequence past them.
          RETURN_IF_ERROR(tx.Query("SELECT setval(pg_get_serial_sequence('cadres', 'id'), "
                                   "(SELECT MAX(id) FROM cadres))")
                              .status());
        }
        return recorder.Write(tx, actor, "demo.seed", "database", "demo",
                              {{"units", std::to_string(city.units.size())},
                               {"positions", std::to_string(city.positions.size())},
                               {"cadres", std::to_string(city.cadres.size())}});
      });
  if (!finished.ok()) return failed(finished);
  return DemoSummary{std::int64_t(city.units.size()), std::int64_t(city.positions.size()),
                     std::int64_t(total)};
}

base::Result<DemoSummary> SeedDemoCity(store::Database& db, const DemoCity& city,
                                       base::Timestamp now, const access::Recorder& recorder,
                                       const access::Actor& actor, const crypto::Keyring* keyring) {
  return SeedDemoCity(db, city, now, recorder, actor, keyring, SeedOptions{});
}

}  // namespace xr::demo
