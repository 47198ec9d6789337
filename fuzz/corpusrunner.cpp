// Runs a fuzz target's LLVMFuzzerTestOneInput once on every file of the given folders, so the
// corpora are regression tests of the plain build (no clang, no libFuzzer). A crash, a sanitizer
// report or a broken promise (abort) fails the test; so does a folder without inputs.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    int inputs = 0;
    for (int i = 1; i < argc; ++i) {
        std::vector<fs::path> files;
        std::error_code error;
        for (const auto& entry : fs::recursive_directory_iterator(argv[i], error)) {
            if (entry.is_regular_file())
                files.push_back(entry.path());
        }
        if (error) {
            std::fprintf(stderr, "cannot read the corpus %s: %s\n", argv[i], error.message().c_str());
            return 1;
        }
        std::ranges::sort(files);
        for (const auto& file : files) {
            std::ifstream stream(file, std::ios::binary);
            const std::string bytes { std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>() };
            // Named before it runs, so the input behind a crash is the last line printed.
            std::printf("%s (%zu bytes)\n", file.c_str(), bytes.size());
            std::fflush(stdout);
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
            ++inputs;
        }
    }
    if (inputs == 0) {
        std::fprintf(stderr, "no inputs: an empty corpus tests nothing\n");
        return 1;
    }
    std::printf("%d inputs passed\n", inputs);
    return 0;
}
