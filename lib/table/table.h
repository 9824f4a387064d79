// The table room's door: DynamoDB's data model (exact numbers, typed attribute values and their
// JSON edge), its expression languages, the engine and its HTTP wire. Other rooms include only
// this header; the engine's internals (key encoding, the expression parser's stages) stay inside
// lib/table/.
// Thread safety: see each header; every type here is a plain value.
#pragma once

#include "table/engine.h"
#include "table/expr/expr.h"
#include "table/number.h"
#include "table/value.h"
#include "table/wire.h"
