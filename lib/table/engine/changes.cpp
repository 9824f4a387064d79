// The change record of every item write (see write_path.h). Streams will be written here; for
// now a change is only a hook with both images.
#include "table/engine/write_path.h"

namespace sls::table::engine {

void record_change(Context& /*ctx*/, WriteTxn& /*txn*/, const Table& /*table*/,
                   const Item* /*old_item*/, const Item* /*new_item*/, ChangeKind /*kind*/) {}

}  // namespace sls::table::engine
