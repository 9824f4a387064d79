// Boost.Asio and Boost.Beast, compiled once for the whole program: slscore defines
// BOOST_ASIO_SEPARATE_COMPILATION and BOOST_BEAST_SEPARATE_COMPILATION publicly, so every other
// translation unit sees declarations only (Beast's docs: all TUs must agree, or the ODR breaks).
// GCC 12's -Wnull-dereference fires inside Asio's own code here; see asio_detail.h.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
#pragma GCC diagnostic pop
