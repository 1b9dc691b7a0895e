// The subcommands of `allot`. Each Register* adds one subcommand to the app
// and sets its callback; the callback stores its exit code in *exit_code.
#ifndef ALLOT_CLI_COMMANDS_H_
#define ALLOT_CLI_COMMANDS_H_

#include "CLI/CLI.hpp"

namespace allot::cli {

void RegisterRouteCommand(CLI::App& app, int* exit_code);
void RegisterGenerateCommand(CLI::App& app, int* exit_code);
void RegisterApplyCommand(CLI::App& app, int* exit_code);
void RegisterReplayCommand(CLI::App& app, int* exit_code);
void RegisterSimulateCommand(CLI::App& app, int* exit_code);

}  // namespace allot::cli

#endif  // ALLOT_CLI_COMMANDS_H_
