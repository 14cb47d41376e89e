#pragma once
// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), as authenticator apps
// (Google Authenticator, Microsoft Authenticator, FreeOTP, 宁盾, 阿里云 App) use them:
// HMAC-SHA1, 6 digits, 30-second steps from the Unix epoch. Pure apart from NewTotpSecret.
//
// Secrets are never logged or put in error messages.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/timestamp.h"

namespace xr::access {

enum class TotpHash { kSha1, kSha256, kSha512 };

struct TotpParams {
  TotpHash hash = TotpHash::kSha1;
  int digits = 6;            // 6–8
  std::int64_t period = 30;  // seconds per step
};

// HOTP(key, counter) with dynamic truncation, zero-padded to `digits`.
std::string Hotp(std::span<const unsigned char> key, std::uint64_t counter,
                 const TotpParams& params = {});
// The step number containing `at` (floor(unix seconds / period)).
std::int64_t TotpStep(base::Timestamp at, const TotpParams& params = {});
// The code for the step containing `at`.
std::string TotpCode(std::span<const unsigned char> key, base::Timestamp at,
                     const TotpParams& params = {});
// The step whose code equals `code` among the steps within ±`window` of `at` (nearest first),
// compared in constant time; nullopt when none matches or `code` is not `digits` digits.
std::optional<std::int64_t> MatchTotp(std::span<const unsigned char> key, std::string_view code,
                                      base::Timestamp at, int window = 1,
                                      const TotpParams& params = {});

// RFC 4648 base32 (upper case, no padding on output; decoding accepts lower case, spaces and
// '=' padding). InvalidArgument (field "secret") on other characters.
std::string Base32Encode(std::span<const unsigned char> bytes);
base::Result<std::string> Base32Decode(std::string_view text);

// A new random 160-bit secret, base32-encoded (32 characters).
std::string NewTotpSecret();

// otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=ISSUER&algorithm=SHA1&digits=6&period=30, with
// the label and issuer percent-encoded.
std::string TotpUri(std::string_view issuer, std::string_view account,
                    std::string_view secret_base32);

}  // namespace xr::access
