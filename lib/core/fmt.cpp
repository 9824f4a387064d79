// fmt's compiled part, built here instead of loaded from libfmt.so: the shared library (and the
// shared libstdc++ it needs) cost every `sls` start its loading and symbol binding.
// format-inl.h holds the out-of-line definitions; the templates that fmt/format.h declares
// `extern` are instantiated below for char, the only character type sls formats.
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {

template auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;
template auto thousands_sep_impl<char>(locale_ref loc) -> thousands_sep_result<char>;
template auto decimal_point_impl<char>(locale_ref loc) -> char;

}  // namespace detail
FMT_END_NAMESPACE
