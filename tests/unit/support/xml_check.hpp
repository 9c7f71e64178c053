#pragma once
// A minimal XML well-formedness check for the SVG the suite writes: an optional <?xml ...?>
// declaration, comments without "--", exactly one root element, balanced and properly nested
// tags, quoted attributes without '<', and only the five predefined or numeric entities.
// Not a validating parser: no DTDs, no CDATA, no processing instructions beyond the declaration.
#include <string>
#include <string_view>

namespace qmlr::test {

// Empty when `text` is well-formed; otherwise what is wrong and at which byte.
std::string xml_problem(std::string_view text);

}  // namespace qmlr::test
