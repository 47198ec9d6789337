# One INTERFACE target carries the flags every Gantry target shares.
option(GANTRY_WERROR "Treat compiler warnings as errors (CI turns this on)" OFF)
option(GANTRY_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

add_library(gantry_flags INTERFACE)
target_compile_options(gantry_flags INTERFACE
    -Wall -Wextra -Wpedantic -Wold-style-cast -Woverloaded-virtual -Wnon-virtual-dtor
    $<$<BOOL:${GANTRY_WERROR}>:-Werror>)
target_compile_definitions(gantry_flags INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CONTEXTLESS_CONNECT QT_NO_KEYWORDS)
if(GANTRY_SANITIZE)
    target_compile_options(gantry_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(gantry_flags INTERFACE -fsanitize=address,undefined)
endif()
