// Large top-level arrays of a JSON document, parsed a chunk at a time.
//
// A scenario with a million orders, parsed whole into simdjson's DOM, takes
// about four times its size in memory: the text, the structural index, the
// tape and a copy of every string. Only its "orders" and "inventory" arrays
// are large, and their elements are independent of each other, so the
// scenario reader cuts them out: SplitDocument scans the text once for where
// each element of those arrays ends (it follows strings and brackets and
// validates nothing else), the rest of the document, with those arrays left
// empty, is parsed as a small DOM of its own, and ChunkParser parses the
// elements about a megabyte at a time, each chunk as an array of its own.
// Every byte still passes simdjson's validation; when the scan or a chunk
// fails, the reader parses the whole document instead and reports its error.
#ifndef ALLOT_IO_JSON_CHUNKS_H_
#define ALLOT_IO_JSON_CHUNKS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simdjson.h"

namespace allot::io_internal {

// A top-level array's elements, grouped into runs of consecutive elements.
struct ChunkedArray {
  struct Chunk {
    size_t begin = 0, end = 0;    // bytes of the text, from the first element to the last
    size_t first = 0, count = 0;  // the elements it holds
  };
  size_t size = 0;  // elements in all
  std::vector<Chunk> chunks;
};

// A document whose large arrays are cut out.
struct SplitText {
  // The document with the chunked arrays' contents removed ("orders": []).
  std::string header;
  // Per requested key, in the order of `keys`: its array when the first
  // member of that name is an array, else nullopt (it stays in the header).
  std::vector<std::optional<ChunkedArray>> arrays;
};

// Splits a document that is an object. Chunks hold whole elements of about
// `chunk_bytes` (at least one each). nullopt when the text is not an object
// the scan can follow, a top-level key has an escape, or nesting exceeds
// `max_depth`: the caller then parses the whole document.
std::optional<SplitText> SplitDocument(std::string_view text,
                                       const std::vector<std::string_view>& keys,
                                       size_t chunk_bytes, size_t max_depth);

// Parses chunks with one reusable parser and buffer. The elements of a
// chunk stay valid until the next call.
class ChunkParser {
 public:
  // False when simdjson refuses the chunk or finds a different number of
  // elements than the scan did.
  bool Parse(std::string_view text, const ChunkedArray::Chunk& chunk,
             std::vector<simdjson::dom::element>* elements);

 private:
  simdjson::dom::parser parser_;
  std::string buffer_;  // "[" + the chunk + "]" + simdjson's padding
};

}  // namespace allot::io_internal

#endif  // ALLOT_IO_JSON_CHUNKS_H_
