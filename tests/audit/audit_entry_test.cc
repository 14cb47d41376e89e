// The verifier's fast paths against the ordinary definitions: in-place canonical encoding of a
// stored row, the pre-keyed HMAC, and hex comparison without allocation.

#include "audit/audit_entry.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include "audit/audit_keys.h"
#include "audit/merkle.h"

namespace xr::audit {
namespace {

AuditEntry Sample(std::int64_t index, Details details) {
  AuditEntry e;
  e.index = index;
  e.at = *base::Timestamp::Parse("2026-11-28T08:09:10.123456Z");
  e.actor = "干部处 ganbu";
  e.actor_id = access::UserId(42);
  e.address = "10.0.0.8";
  e.action = "cadre.update";
  e.object_type = "cadre";
  e.object_id = "1234";
  e.details = std::move(details);
  return e;
}

StoredEntryFields Fields(const AuditEntry& e, const std::string& details_text) {
  return {e.index,  e.at.unix_micros(), e.actor_id.value(), e.actor,     e.address,
          e.action, e.object_type,      e.object_id,        details_text};
}

TEST(AuditEntryTest, StoredRowEncodesToTheSameBytesAsTheEntry) {
  const std::vector<Details> cases = {
      {},
      {{"changed", "post"}},
      {{"changed", "post"}, {"changed", "rank"}, {"unit", "JH0102"}},
      {{"", ""}, {"a:b", "12:34"}, {"职务", "处长"}, {std::string(300, 'x'), "1:"}},
  };
  for (std::int64_t i = 0; i < std::int64_t(cases.size()); ++i) {
    const AuditEntry e = Sample(i * 1000003, cases[size_t(i)]);
    const std::string text = EncodeDetails(e.details);
    std::vector<std::uint8_t> out = {9, 9};  // appends, keeps what is there
    ASSERT_TRUE(EncodeStoredEntryTo(Fields(e, text), out)) << text;
    std::vector<std::uint8_t> expected = {9, 9};
    EncodeEntryTo(e, expected);
    EXPECT_EQ(out, expected) << text;
  }
}

TEST(AuditEntryTest, StoredRowWithMalformedDetailsIsRefusedLikeDecodeDetails) {
  const AuditEntry e = Sample(5, {});
  for (const std::string text : {"7:changed", "7:changed4:po", ":x0:", "x:0:", "-1:a1:b", "1:a",
                                 "99999999999999999999:a", "1:a1:b1:c", "7:changed4:post junk"}) {
    EXPECT_FALSE(DecodeDetails(text).ok()) << text;
    std::vector<std::uint8_t> out;
    EXPECT_FALSE(EncodeStoredEntryTo(Fields(e, text), out)) << text;
  }
}

TEST(AuditEntryTest, PreKeyedMacEqualsHmacSha256) {
  const AuditKeys keys = AuditKeys::Generate();
  const EntryMacer macer(keys);
  for (std::uint64_t index : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{1} << 40}) {
    const Hash leaf = LeafHash(std::vector<std::uint8_t>{std::uint8_t(index), 7});
    std::uint8_t message[40];
    for (int i = 0; i < 8; ++i) message[i] = std::uint8_t(index >> (56 - 8 * i));
    std::copy(leaf.begin(), leaf.end(), message + 8);
    Hash reference;
    crypto_auth_hmacsha256(reference.data(), message, sizeof message, keys.hmac_key.data());
    EXPECT_EQ(keys.EntryMac(index, leaf), reference);
    EXPECT_EQ(macer.EntryMac(index, leaf), reference);
    EXPECT_EQ(macer.EntryMac(index, leaf), reference);  // the keyed state is not consumed
  }
}

TEST(AuditEntryTest, EqualsHexIsExactlyToHex) {
  const Hash h = LeafHash(std::vector<std::uint8_t>{1, 2, 3});
  const std::string hex = ToHex(h);
  EXPECT_TRUE(EqualsHex(h, hex));
  std::string upper = hex;
  for (char& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_NE(upper, hex);
  EXPECT_FALSE(EqualsHex(h, upper));
  EXPECT_FALSE(EqualsHex(h, hex.substr(0, 63)));
  EXPECT_FALSE(EqualsHex(h, hex + "0"));
  std::string flipped = hex;
  flipped[63] = flipped[63] == '0' ? '1' : '0';
  EXPECT_FALSE(EqualsHex(h, flipped));
}

}  // namespace
}  // namespace xr::audit
