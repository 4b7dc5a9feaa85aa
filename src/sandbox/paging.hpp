#pragma once

#include "sandbox/platform_urls.hpp"
#include "sandbox/quirks.hpp"

#include <cstddef>
#include <string>

// Pages of a collection (line items, results, members) and their RFC 8288 Link header.
// Generic: `limit` (Canvas: 10 by default, at most 100) and `page` (from 1); links next,
// prev, first and last, other query parameters kept. Moodle: pages only when `limit` is
// given, offset `from`; only a next link, written the way Moodle writes it:
//   Link: Link: <…/lineitems?type_id=1&amp;limit=2&amp;from=2>; rel=“next”
namespace gradepost::sandbox {

struct Page {
    std::size_t begin = 0;
    std::size_t end = 0;     // one past the last item
    std::string link_header; // empty: no Link header
};

// Slices `total` items for a request with `query` on `collection_url` (the collection's URL,
// with Moodle's ?type_id=1). Throws RequestError (400) on a limit, page or from that is not
// a positive (for from, non-negative) integer.
Page paginate(std::size_t total, const QueryParams& query, const Quirks& quirks,
              const std::string& collection_url);

} // namespace gradepost::sandbox
