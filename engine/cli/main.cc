// allot: route orders, generate scenarios, run the fulfillment lifecycle.
// See `allot --help` and docs/formats.md.
#include <cstdio>
#include <exception>
#include <new>

#include "CLI/CLI.hpp"
#include "commands.h"
#include "exit_codes.h"

int main(int argc, char** argv) {
  CLI::App app{"Allot: multi-location fulfillment routing engine"};
  app.require_subcommand(1);
  int exit_code = allot::cli::kExitOk;
  allot::cli::RegisterRouteCommand(app, &exit_code);
  allot::cli::RegisterGenerateCommand(app, &exit_code);
  allot::cli::RegisterApplyCommand(app, &exit_code);
  allot::cli::RegisterReplayCommand(app, &exit_code);
  allot::cli::RegisterSimulateCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return allot::cli::kExitBadInput;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "error: out of memory\n");
    return allot::cli::kExitFailure;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return allot::cli::kExitFailure;
  }
  return exit_code;
}
