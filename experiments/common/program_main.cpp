#include "experiments/common/program_main.hpp"

#include <exception>
#include <iostream>
#include <new>

#include "core/error.hpp"

namespace qmlr::experiments {

int run_program(std::string_view program, int argc, const char* const* argv, const ProgramBody& body) {
    try {
        return body(argc, argv);
    } catch (const Error& error) {
        std::cerr << program << ": error: " << error.what() << '\n';
    } catch (const std::bad_alloc&) {
        std::cerr << program << ": error: out of memory (try a smaller --profile or fewer --threads)\n";
    } catch (const std::exception& error) {
        std::cerr << program << ": internal error: " << error.what() << '\n';
    }
    return 1;
}

}  // namespace qmlr::experiments
