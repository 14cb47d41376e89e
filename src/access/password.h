#pragma once
// Password hashing (argon2id via libsodium) and the password policy.

#include <string>
#include <string_view>

#include "base/status.h"

namespace xr::access {

// Policy (等级保护 common practice): 8–128 characters with at least three of: upper-case letters,
// lower-case letters, digits, other symbols. InvalidArgument (field "password") names what is
// missing.
base::Status CheckPasswordPolicy(std::string_view password);

// An argon2id encoded hash ("$argon2id$v=19$m=…") with a random salt.
base::Result<std::string> HashPassword(std::string_view password);

// True when `password` matches `encoded_hash`. Takes the same time for a wrong password as for
// a right one (the work is in the hash).
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);

// Cryptographically random URL-safe text of `bytes` random bytes (session tokens, demo passwords).
std::string RandomToken(size_t bytes);

// A random password that satisfies the policy (12 URL-safe characters), for initial passwords
// an administrator hands over once.
std::string GeneratePassword();

// Lower-case hex of a keyed-free BLAKE2b-256 digest: sessions are stored by the digest of their
// token so that a database dump cannot be replayed as live sessions.
std::string TokenDigest(std::string_view token);

}  // namespace xr::access
