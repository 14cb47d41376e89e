#include "cadre/cadre_service.h"

#include "cadre/cadre_fields.h"
#include "cadre/cadre_permissions.h"
#include "cadre/dossier_repository.h"
#include "cadre/id_number.h"
#include "cadre/search_keys.h"

namespace xr::cadre {
namespace {

constexpr std::string_view kTable = "cadres";
constexpr std::string_view kIdNumberColumn = "id_number_sealed";

base::Status NoKeyring() { return base::FailedPrecondition("未配置主密钥，无法读写加密字段"); }

// Turns a record as stored (sealed id_number) into what `actor` may see; for a cleared actor
// opens the value and records the read in `tx` (a write transaction).
base::Status Reveal(store::Transaction& tx, const access::Actor& actor,
                    const crypto::Keyring* keyring, const access::Recorder& recorder,
                    Cadre& cadre) {
  if (!cadre.id_number_stored) return base::Status::Ok();
  std::optional<std::string> sealed = std::move(cadre.id_number);
  cadre.id_number.reset();
  if (!MayRead(actor, kIdNumberField)) return base::Status::Ok();
  if (!keyring) return NoKeyring();
  crypto::DataKeys keys(tx, *keyring);
  ASSIGN_OR_RETURN(
      cadre.id_number,
      keys.Open(crypto::FieldContext(kTable, kIdNumberColumn, cadre.id.value()), *sealed));
  return recorder.Write(tx, actor, "cadre.read_confidential", "cadre",
                        std::to_string(cadre.id.value()),
                        {{"fields", std::string(kIdNumberField)}});
}

// Confidential fields are opened only for a cleared actor, and each such read is recorded in the
// same transaction, which therefore must be a write transaction (docs/decisions.md).
store::TxMode ReadMode(const access::Actor& actor) {
  return MayRead(actor, kIdNumberField) ? store::TxMode::kWrite : store::TxMode::kRead;
}

}  // namespace

base::Result<CadrePage> CadreService::List(const access::Actor& actor, const CadreQuery& query) {
  RETURN_IF_ERROR(access::Require(actor, kCadreRead));
  RETURN_IF_ERROR(ValidateCadreQuery(query));
  ASSIGN_OR_RETURN(QuickSearch search, ParseQuickSearch(query.q));
  // Finding by ID number would tell an uncleared reader whose number it is.
  const bool by_id_number = search.kind == QuickSearch::Kind::kIdNumber;
  if (by_id_number && !MayRead(actor, kIdNumberField)) {
    return base::InvalidArgument("无权按身份证号查询", "q");
  }
  if (by_id_number && !keyring_) return NoKeyring();
  auto page = db_.TransactValue<CadrePage>(
      ReadMode(actor), [&](store::Transaction& tx) -> base::Result<CadrePage> {
        ASSIGN_OR_RETURN(ScopePredicate scope, ScopeOf(tx, actor));
        std::optional<std::string> index;
        if (by_id_number) {
          ASSIGN_OR_RETURN(index, IdNumberIndexOf(tx, *keyring_, search.text));
        }
        ASSIGN_OR_RETURN(CadrePage page, CadreRepository(tx).List(query, scope, index));
        RETURN_IF_ERROR(RevealPage(tx, actor, keyring_, recorder_, page));
        return page;
      });
  if (!page.ok() && page.status().code() == base::StatusCode::kNotFound) {
    return base::NotFound("机构不存在", "unit_id");
  }
  return page;
}

base::Result<Cadre> CadreService::Get(const access::Actor& actor, CadreId id) {
  RETURN_IF_ERROR(access::Require(actor, kCadreRead));
  return db_.TransactValue<Cadre>(ReadMode(actor),
                                  [&](store::Transaction& tx) -> base::Result<Cadre> {
                                    ASSIGN_OR_RETURN(ScopePredicate scope, ScopeOf(tx, actor));
                                    ASSIGN_OR_RETURN(Cadre c, CadreRepository(tx).Find(id, scope));
                                    RETURN_IF_ERROR(Reveal(tx, actor, keyring_, recorder_, c));
                                    return c;
                                  });
}

base::Result<CadreId> CadreService::Add(const access::Actor& actor, const Cadre& cadre) {
  RETURN_IF_ERROR(access::Require(actor, kCadreWrite));
  RETURN_IF_ERROR(ValidateCadre(cadre, clock_.Now().ShanghaiDate()));
  std::optional<std::string> id_number;
  if (cadre.id_number) {
    if (!keyring_) return NoKeyring();
    ASSIGN_OR_RETURN(id_number, NormalizeIdNumber(*cadre.id_number));
  }
  return db_.TransactValue<CadreId>(
      store::TxMode::kWrite, [&](store::Transaction& tx) -> base::Result<CadreId> {
        CadreRepository repository(tx);
        ASSIGN_OR_RETURN(CadreId id, repository.Insert(cadre));
        access::Recorder::Details details{{"unit_id", std::to_string(cadre.unit_id.value())}};
        if (id_number) {
          RETURN_IF_ERROR(StoreIdNumber(tx, *keyring_, id, cadre.managing_unit_id, *id_number));
          details.emplace_back("fields", std::string(kIdNumberField));
        }
        // The dossier's history starts here too.
        RETURN_IF_ERROR(
            DossierRepository(tx).RecordCreation(id, clock_.Now(), ChangeLogActor(actor)));
        RETURN_IF_ERROR(id_number ? StoreSearchKeys(tx, *keyring_, id, cadre.name, id_number)
                                  : StoreNameKeys(tx, id, cadre.name));
        // A record the actor could not read afterwards is outside their scope: refuse it as if the
        // unit did not exist (the transaction rolls back).
        ASSIGN_OR_RETURN(ScopePredicate scope, ScopeOf(tx, actor));
        if (!repository.Find(id, scope).ok()) return base::NotFound("所在单位不存在", "unit_id");
        // Field names only: the values may be sensitive.
        RETURN_IF_ERROR(recorder_.Write(tx, actor, "cadre.create", "cadre",
                                        std::to_string(id.value()), std::move(details)));
        return id;
      });
}

base::Status RevealPage(store::Transaction& tx, const access::Actor& actor,
                        const crypto::Keyring* keyring, const access::Recorder& recorder,
                        CadrePage& page) {
  for (Cadre& c : page.items) RETURN_IF_ERROR(Reveal(tx, actor, keyring, recorder, c));
  return base::Status::Ok();
}

base::Status StoreIdNumber(store::Transaction& tx, const crypto::Keyring& keyring, CadreId id,
                           std::optional<org::UnitId> managing_unit_id,
                           std::string_view id_number) {
  std::optional<std::int64_t> managing_unit;
  if (managing_unit_id) managing_unit = managing_unit_id->value();
  crypto::DataKeys keys(tx, keyring);
  ASSIGN_OR_RETURN(std::string sealed,
                   keys.Seal(crypto::ScopeForManagingUnit(managing_unit),
                             crypto::FieldContext(kTable, kIdNumberColumn, id.value()), id_number));
  return CadreRepository(tx).SetIdNumberSealed(id, sealed);
}

base::Result<CadreCounts> CountVisible(store::Transaction& tx, const access::Actor& actor) {
  if (!actor.HasPermission(kCadreRead.name)) return CadreCounts{};  // sees none
  ASSIGN_OR_RETURN(ScopePredicate scope, ScopeOf(tx, actor));
  CadreRepository repository(tx);
  CadreCounts counts;
  ASSIGN_OR_RETURN(counts.total, repository.Count(scope));
  ASSIGN_OR_RETURN(counts.by_rank, repository.CountByRank(scope));
  return counts;
}

base::Result<CadreCounts> CadreService::Count(const access::Actor& actor) {
  return db_.TransactValue<CadreCounts>(
      store::TxMode::kRead, [&](store::Transaction& tx) { return CountVisible(tx, actor); });
}

}  // namespace xr::cadre
