#pragma once
// URL helpers shared by the router, the static file server and the server adapter.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xr::http {

// Decodes %XX escapes (and '+' as a space when `plus_as_space`, i.e. in query strings).
// Returns nullopt for a malformed escape ("%4", "%zz").
std::optional<std::string> PercentDecode(std::string_view text, bool plus_as_space = false);

// Splits a request target "/a/b?x=1#f" into the raw path "/a/b" and the raw query "x=1"
// (the fragment, if a client sent one, is dropped).
std::pair<std::string_view, std::string_view> SplitTarget(std::string_view target);

// Decodes "a=1&b=%E5%BC%A0&c" into {{"a","1"},{"b","张"},{"c",""}}. Pairs with a malformed
// escape are kept undecoded rather than dropped.
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query);

}  // namespace xr::http
