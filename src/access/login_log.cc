#include "access/login_log.h"

#include <array>
#include <utility>

namespace xr::access {
namespace {

constexpr std::array<std::pair<LoginResult, std::string_view>, 7> kNames = {{
    {LoginResult::kSuccess, "success"},
    {LoginResult::kWrongPassword, "wrong_password"},
    {LoginResult::kUnknownUser, "unknown_user"},
    {LoginResult::kDisabled, "disabled"},
    {LoginResult::kLocked, "locked"},
    {LoginResult::kTotpRequired, "totp_required"},
    {LoginResult::kWrongTotp, "wrong_totp"},
}};

// Must list exactly the results for which IsSignInFailure is true.
constexpr std::string_view kFailureResults =
    "('wrong_password', 'unknown_user', 'disabled', 'wrong_totp')";

std::string Truncate(std::string_view text, size_t bytes) {
  if (text.size() <= bytes) return std::string(text);
  size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // UTF-8
  return std::string(text.substr(0, end));
}

base::Result<std::vector<SignInFailure>> ReadFailures(const store::Rows& rows) {
  std::vector<SignInFailure> out;
  out.reserve(rows.size());
  for (const store::Row& row : rows) {
    ASSIGN_OR_RETURN(base::Timestamp at, base::Timestamp::Parse(row.Text(0)));
    out.push_back({at, row.Text(1)});
  }
  return out;
}

}  // namespace

std::string_view LoginResultName(LoginResult result) {
  for (const auto& [value, name] : kNames) {
    if (value == result) return name;
  }
  return "unknown";
}

std::optional<LoginResult> ParseLoginResult(std::string_view name) {
  for (const auto& [value, known] : kNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

bool IsSignInFailure(LoginResult result) {
  return result == LoginResult::kWrongPassword || result == LoginResult::kUnknownUser ||
         result == LoginResult::kDisabled || result == LoginResult::kWrongTotp;
}

base::Status LoginLogRepository::Insert(const LoginAttempt& attempt) {
  return tx_
      .Execute(
          "INSERT INTO login_log (at, username, user_id, remote_address, result, user_agent) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {attempt.at, Truncate(attempt.username, 64),
           attempt.user_id.valid() ? store::Value(attempt.user_id) : store::Value(),
           Truncate(attempt.remote_address, 64), LoginResultName(attempt.result),
           Truncate(attempt.user_agent, 256)})
      .status();
}

base::Result<std::vector<SignInFailure>> LoginLogRepository::FailuresForUsername(
    std::string_view username, base::Timestamp since) {
  // "After the last success" by id, not time: attempts in the same microsecond keep their order.
  ASSIGN_OR_RETURN(
      store::Rows rows,
      tx_.Query("SELECT at, username FROM login_log WHERE username = ? AND at >= ? AND id > "
                "COALESCE((SELECT MAX(id) FROM login_log WHERE username = ? AND at >= ? AND "
                "result = 'success'), 0) AND result IN " +
                    std::string(kFailureResults) + " ORDER BY at, id LIMIT 10000",
                {username, since, username, since}));
  return ReadFailures(rows);
}

base::Result<std::vector<SignInFailure>> LoginLogRepository::FailuresFromAddress(
    std::string_view address, base::Timestamp since) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   tx_.Query("SELECT at, username FROM login_log WHERE remote_address = ? AND "
                             "at >= ? AND result IN " +
                                 std::string(kFailureResults) + " ORDER BY at, id LIMIT 10000",
                             {Truncate(address, 64), since}));
  return ReadFailures(rows);
}

base::Result<LoginLogPage> LoginLogRepository::Search(const LoginLogFilter& filter) {
  std::string where = " WHERE 1 = 1";
  store::Params params;
  if (filter.username) {
    where += " AND username = ?";
    params.push_back(*filter.username);
  }
  if (filter.result) {
    where += " AND result = ?";
    params.push_back(LoginResultName(*filter.result));
  }
  if (filter.from) {
    where += " AND at >= ?";
    params.push_back(*filter.from);
  }
  if (filter.to) {
    where += " AND at < ?";
    params.push_back(*filter.to);
  }
  LoginLogPage page;
  ASSIGN_OR_RETURN(page.total, tx_.QueryInt("SELECT COUNT(*) FROM login_log" + where, params));
  params.push_back(filter.page_size);
  params.push_back((filter.page - 1) * filter.page_size);
  ASSIGN_OR_RETURN(store::Rows rows,
                   tx_.Query("SELECT id, at, username, user_id, remote_address, result, "
                             "user_agent FROM login_log" +
                                 where + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
                             params));
  for (const store::Row& row : rows) {
    LoginAttempt attempt;
    attempt.id = row.Int(0);
    ASSIGN_OR_RETURN(attempt.at, base::Timestamp::Parse(row.Text(1)));
    attempt.username = row.Text(2);
    attempt.user_id = UserId(row.OptionalInt(3).value_or(0));
    attempt.remote_address = row.Text(4);
    attempt.result = ParseLoginResult(row.Text(5)).value_or(LoginResult::kWrongPassword);
    attempt.user_agent = row.Text(6);
    page.items.push_back(std::move(attempt));
  }
  return page;
}

}  // namespace xr::access
