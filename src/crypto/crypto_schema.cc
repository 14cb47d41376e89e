#include "crypto/crypto_schema.h"

namespace xr::crypto {

std::vector<store::Migration> Migrations() {
  return {
      // One data key per scope ("unit:<managing unit id>" or "none"), stored only wrapped by the
      // master key (which never enters the database).
      {2026112830, "crypto: wrapped data keys per 管理权限", R"sql(
CREATE TABLE data_keys (
  id {{IDENTITY}},
  scope TEXT {{BYTEWISE}} NOT NULL UNIQUE,
  wrapped TEXT NOT NULL
);
)sql",
       ""},
  };
}

}  // namespace xr::crypto
