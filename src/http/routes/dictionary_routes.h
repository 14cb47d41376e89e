#pragma once

#include "access/session_service.h"
#include "cadre/dictionary_service.h"
#include "http/router.h"

namespace xr::http {

// Dictionaries (字典管理) and divisions, docs/api.md "Dictionaries and divisions":
//   GET   /api/dictionaries                        every kind with its items
//   GET   /api/dictionaries/{kind}                 one kind: {kind, name, standard, items}
//   POST  /api/dictionaries/{kind}/items           add an item (201)
//   PATCH /api/dictionaries/{kind}/items/{code}    label, sort_order, enabled
//   GET   /api/divisions                           the GB/T 2260 tree 省 → 市 → 县
// Reads need a signed-in caller; changes dict.manage (403). Unknown kind or code 404; bad input
// 400 with `field`; a duplicate code or label, or a new label on a built-in item, 409.
void AddDictionaryRoutes(Router& router, access::SessionService& sessions,
                         cadre::DictionaryService& dictionaries);

}  // namespace xr::http
