// The core room's door: errors, the AWS limits table, runtime lifecycle data, embedded data
// files and logging setup. Every other room may include this; core includes no other room.
#pragma once

#include "core/embedded.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/runtimes.h"
