// The commands of gradscope-cli. Each returns the process exit code: 0 success, 1 a failure
// at run time (missing data, a diverged run, an unreadable file), 2 a usage error.
#pragma once

#include <string>
#include <vector>

namespace gs::cli {

int presetsCommand(const std::vector<std::string>& args);
int devicesCommand(const std::vector<std::string>& args);
int trainCommand(const std::vector<std::string>& args);
int gradientsCommand(const std::vector<std::string>& args);
int predictCommand(const std::vector<std::string>& args);
int traceCommand(const std::vector<std::string>& args);
int gradcheckCommand(const std::vector<std::string>& args);
int exportCommand(const std::vector<std::string>& args);
int importCommand(const std::vector<std::string>& args);
int fetchCommand(const std::vector<std::string>& args);
int lessonsCommand(const std::vector<std::string>& args);

// Destroys the QApplication a command made to draw a plot, if any: main() calls it on the way
// out, before static destruction.
void closeGuiApplication();

} // namespace gs::cli
