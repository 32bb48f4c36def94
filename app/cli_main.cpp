// gradscope-cli: the headless command line. Thin: commands call into the engine.
#include <cstdio>
#include <cstring>
#include <string>

namespace {

void printUsage(std::FILE* out) {
    std::fputs("usage: gradscope-cli <command> [options]\n"
               "\n"
               "Gradscope: learn backpropagation by watching it happen.\n"
               "\n"
               "Options:\n"
               "  --help       show this help\n"
               "  --version    show the version\n"
               "\n"
               "Commands (train, gradients, presets, trace) arrive with the next releases.\n",
               out);
}

} // namespace

int main(int argc, char* argv[]) {
    if (argc < 2) {
        printUsage(stderr);
        return 2;
    }
    const std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        printUsage(stdout);
        return 0;
    }
    if (command == "--version") {
        std::printf("gradscope-cli %s\n", GRADSCOPE_VERSION);
        return 0;
    }
    std::fprintf(stderr, "gradscope-cli: unknown command '%s' (see gradscope-cli --help)\n",
                 command.c_str());
    return 2;
}
