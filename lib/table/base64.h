// The table room's name for core's base64 (core/base64.h), which DynamoDB's B and BS values use.
#pragma once

#include "core/base64.h"

namespace sls::table {

using sls::base64_decode;
using sls::base64_encode;
using sls::Base64Error;

}  // namespace sls::table
