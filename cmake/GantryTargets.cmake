# How Gantry's targets are declared.
#
# Every include is written from the repository root ("model/journal/journal.h"), yet a target
# finds only the headers of the targets it links: each target exports an include directory of its
# own that holds a single link, <its folder> -> the source folder, never the repository root. An
# include that runs against the link graph (a lower layer reaching up) fails to compile.
function(gantry_expose_folder target scope)
    file(RELATIVE_PATH folder ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
    set(include_root ${PROJECT_BINARY_DIR}/include/${target})
    get_filename_component(parent ${include_root}/${folder} DIRECTORY)
    file(MAKE_DIRECTORY ${parent})
    file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR} ${include_root}/${folder} SYMBOLIC)
    target_include_directories(${target} ${scope} ${include_root})
endfunction()

# gantry_add_library(<target> SOURCES <files>… [PUBLIC <targets>…] [PRIVATE <targets>…])
# A static library of one folder, with the shared flags and its folder exposed as above.
function(gantry_add_library target)
    cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC;PRIVATE" ${ARGN})
    add_library(${target} STATIC ${ARG_SOURCES})
    gantry_expose_folder(${target} PUBLIC)
    target_link_libraries(${target} PUBLIC gantry_flags ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE})
endfunction()
